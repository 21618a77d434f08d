#!/usr/bin/env bash
# Measures one `kubectl nks-why-nologs` report on a lab cluster holding 5,000 pods and
# 20,000 events besides the nologs-cases scenario (a measurement, not a test).
# Usage (as root, after swift build): scripts/measure-why-nologs.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/.build/debug}
work=$(mktemp -d)

scenario=$work/nologs-big.yaml
{
    sed '/^podLogs:/,$d' "$root/scenarios/nologs-cases.yaml"
    echo "  - {apiVersion: v1, kind: Namespace, metadata: {name: bulk}}"
    for i in $(seq 1 5000); do
        node=worker-$(( i % 3 + 1 ))
        echo "  - {apiVersion: v1, kind: Pod, metadata: {name: bulk-$i, namespace: bulk, labels: {app: bulk}}, spec: {nodeName: $node, containers: [{name: c, image: busybox}]}, status: {phase: Running}}"
    done
    for i in $(seq 1 20000); do
        if (( i % 4 == 0 )); then
            echo "  - {apiVersion: v1, kind: Event, metadata: {name: n-$i, namespace: default}, involvedObject: {kind: Node, name: worker-$(( i % 3 + 1 ))}, reason: NodeHasSufficientMemory, message: \"status is now: NodeHasSufficientMemory\", type: Normal, lastTimestamp: \"2026-01-10T08:00:00Z\"}"
        else
            echo "  - {apiVersion: v1, kind: Event, metadata: {name: p-$i, namespace: bulk}, involvedObject: {kind: Pod, name: bulk-$(( i % 5000 + 1 )), namespace: bulk}, reason: Pulled, message: \"Container image already present on machine\", type: Normal, lastTimestamp: \"2026-01-10T08:00:00Z\"}"
        fi
    done
    sed -n '/^podLogs:/,$p' "$root/scenarios/nologs-cases.yaml"
} > "$scenario"

# `nks-lab serve` directly: loading 25,000 objects outlasts `nks-lab up`'s wait for its pid file.
mkdir -p "$work/lab"
setsid "$bin/nks-lab" serve --dir "$work/lab" --scenario "$scenario" --nodes 3 > "$work/serve.log" 2>&1 < /dev/null &
serve=$!
# `nks-lab down` stops the node sshds too; killing only the server would leave them running.
trap '"$bin/nks-lab" down --dir "$work/lab" >/dev/null 2>&1 || kill $serve 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 1800); do [ -f "$work/lab/ready" ] && break; kill -0 $serve 2>/dev/null || { cat "$work/serve.log"; exit 2; }; sleep 1; done
export KUBECONFIG=$work/lab/kubeconfig NKS_SSH_IDENTITY=$work/lab/id_ed25519 NKS_SSH_KNOWN_HOSTS=$work/lab/known_hosts
export PATH=$bin:$PATH
# With NKS_WHY_NOLOGS_TRACE=1 every kubectl call the plugin makes is logged with its times.
if [ -n "${NKS_WHY_NOLOGS_TRACE:-}" ]; then
    printf '#!/bin/sh\necho "$(date +%%s.%%N) start $*" >> %s/trace\nkubectl "$@"; rc=$?\necho "$(date +%%s.%%N) end $*" >> %s/trace\nexit $rc\n' "$work" "$work" > "$work/kubectl-traced"
    chmod +x "$work/kubectl-traced"
    NKS_KUBECTL=$work/kubectl-traced kubectl-nks_why_nologs hello-26fmz -n batch -o json >/dev/null || true
    cat "$work/trace"
fi
kubectl nks-why-nologs hello-26fmz -n batch -o json >/dev/null || true   # warm-up (ssh master, caches)
for run in 1 2 3; do
    /usr/bin/time -f "run $run: %e s wall, %U s user + %S s sys (plugin and its kubectl children)" \
        kubectl nks-why-nologs hello-26fmz -n batch -o json >/dev/null || true
done
# What the same questions cost when asked one by one (the lab's API server is a debug build
# that filters every list linearly, so these bound what the plugin can reach here).
for q in "get pod hello-26fmz -n batch -o json" \
         "get events -n batch --field-selector involvedObject.kind=Pod,involvedObject.name=hello-26fmz -o json" \
         "get events -n default --field-selector involvedObject.kind=Node,involvedObject.name=worker-1 -o json" \
         "get events -A -o json"; do
    /usr/bin/time -f "kubectl $q: %e s wall" kubectl $q >/dev/null
done
/usr/bin/time -f "ssh round trip to worker-1: %e s wall" ssh -i "$NKS_SSH_IDENTITY" -o UserKnownHostsFile="$NKS_SSH_KNOWN_HOSTS" -o BatchMode=yes "root@$(kubectl get node worker-1 -o jsonpath='{.status.addresses[0].address}')" true
