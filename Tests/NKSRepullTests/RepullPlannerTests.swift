// The plan per cause and runtime, and the executor's guards and ordering.
import Foundation
import Testing
import NKSCore
@testable import NKSRepull

private let unreachable = #"failed to pull and unpack image "k8s.gcr.io/pause:3.2": failed to resolve reference "k8s.gcr.io/pause:3.2": failed to do request: Head "https://k8s.gcr.io/v2/pause/manifests/3.2": dial tcp 74.125.204.82:443: i/o timeout"#

private func plan(_ pods: [Pod], nodes: [Node], cluster: FakeCluster = FakeCluster(), settings: RepairSettings) async throws -> RepullPlan {
    try await RepullPlanner(api: cluster, settings: settings)
        .plan(failures: PullFailureFinder.find(pods: pods, events: []), pods: pods, nodes: nodes)
}

@Test func mirrorPullOnAContainerdNodeUsesNerdctlOrCtrAndPinsPause() async throws {
    let pod = Fixture.pod("web-1", node: "n1", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable)
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: "containerd://1.7.13")],
                                settings: RepairSettings(mirror: "harbor.local/container_service"))
    guard case .nodeScript(let node, let script)? = result.steps.first?.step else { Issue.record("no node step"); return }
    #expect(node == "n1")
    #expect(script.contains("nerdctl -n k8s.io pull 'harbor.local/container_service/pause:3.2'"))
    #expect(script.contains("nerdctl -n k8s.io tag 'harbor.local/container_service/pause:3.2' 'k8s.gcr.io/pause:3.2'"))
    #expect(script.contains("ctr -n k8s.io images pull 'harbor.local/container_service/pause:3.2'"))
    #expect(script.contains("ctr -n k8s.io images label 'k8s.gcr.io/pause:3.2' io.cri-containerd.pinned=pinned"))
    #expect(result.report.items.first?.actions.map(\.kind) == [.mirrorPull, .pin, .deletePod])
    #expect(result.steps.last?.step == .deletePod(namespace: "shop", name: "web-1"))
    #expect(result.steps.last?.after == [0])
}

@Test func mirrorPullOnADockerNodeUsesDockerWithFamiliarNamesAndPathLayout() async throws {
    let message = #"Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#
    let pod = Fixture.pod("dns-1", node: "d1", image: "coredns/coredns:1.8.0", reason: "ErrImagePull", message: message)
    let cluster = FakeCluster(raw: ["/api/v1/namespaces/shop/serviceaccounts/web": #"{"imagePullSecrets":[{"name":"hub"}]}"#])
    let result = try await plan([pod], nodes: [Fixture.node("d1", runtime: "docker://20.10.7", kubelet: "v1.22.17")], cluster: cluster,
                                settings: RepairSettings(mirror: "harbor.local/hub", layout: .path))
    guard case .nodeScript(_, let script)? = result.steps.first?.step else { Issue.record("no node step"); return }
    #expect(script == "set -e\ndocker pull 'harbor.local/hub/coredns/coredns:1.8.0'\ndocker tag 'harbor.local/hub/coredns/coredns:1.8.0' 'coredns/coredns:1.8.0'\ndocker rmi 'harbor.local/hub/coredns/coredns:1.8.0'\n")
    let secrets = result.report.items.first?.actions.first { $0.kind == .pullSecrets }
    #expect(secrets?.detail.contains("service account web: hub") == true)
    // The account already has a secret: append to its list rather than replace it.
    #expect(secrets?.detail.hasSuffix(#"kubectl patch serviceaccount web -n shop --type=json -p '[{"op":"add","path":"/imagePullSecrets/-","value":{"name":"regcred"}}]'"#) == true)
}

@Test func aPodWithoutControllerIsNeverDeleted() async throws {
    let pod = Fixture.pod("bare", node: "n1", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable, owner: nil)
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: "containerd://1.6.20")], settings: RepairSettings(mirror: "m.local/p"))
    #expect(!result.steps.contains { if case .deletePod = $0.step { return true } else { return false } })
    #expect(result.report.items.first?.actions.last?.status == .skipped)
}

@Test func aPodOnANodeTheAPIDoesNotListGetsNoNodeWork() async throws {
    let pod = Fixture.pod("web-1", node: "ghost", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable)
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: "containerd://1.7.2")], settings: RepairSettings(mirror: "m.local/p"))
    #expect(result.steps.isEmpty)
}

@Test func deprecatedGitHubRegistryPatchesTheDeploymentWithFixManifests() async throws {
    let image = "docker.pkg.github.com/acme/shop/api:1.4"
    let message = #"failed to pull and unpack image "docker.pkg.github.com/acme/shop/api:1.4": failed to resolve reference "docker.pkg.github.com/acme/shop/api:1.4": pulling from host docker.pkg.github.com failed with status code [manifests 1.4]: 401 Unauthorized"#
    let pod = Fixture.pod("web-1", node: "n1", image: image, reason: "ErrImagePull", message: message)
    let cluster = FakeCluster(raw: [
        "/apis/apps/v1/namespaces/shop/replicasets/web-7d9c": #"{"metadata":{"name":"web-7d9c","ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}}"#,
        "/apis/apps/v1/namespaces/shop/deployments/web": #"{"metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"},{"name":"app","image":"docker.pkg.github.com/acme/shop/api:1.4"}]}}}}"#,
    ])
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: "containerd://1.7.2")], cluster: cluster, settings: RepairSettings(fixManifests: true))
    #expect(result.report.items.first?.cause == .registryDeprecated)
    #expect(result.report.items.first?.actions.first?.detail.hasPrefix("docker.pkg.github.com/acme/shop/api:1.4 → ghcr.io/acme/api:1.4") == true)
    guard case .patch(let resource, let name, _, let body)? = result.steps.first?.step else { Issue.record("no patch"); return }
    #expect(resource == "deployments.apps" && name == "web")
    #expect(String(decoding: body, as: UTF8.self) == #"[{"op":"test","path":"/spec/template/spec/containers/1/image","value":"docker.pkg.github.com/acme/shop/api:1.4"},{"op":"replace","path":"/spec/template/spec/containers/1/image","value":"ghcr.io/acme/api:1.4"}]"#)
}

@Test(arguments: [
    ("docker://20.10.7", "v1.22.17", "--image-pull-progress-deadline: 10m"),
    ("docker://24.0.7", "v1.26.3", "cri-dockerd"),
    ("containerd://1.7.13", "v1.28.5", "[plugins.\"io.containerd.grpc.v1.cri\"] set image_pull_progress_timeout"),
    ("containerd://2.0.1", "v1.32.0", "[plugins.\"io.containerd.cri.v1.images\"] set image_pull_progress_timeout"),
    ("containerd://1.6.20", "v1.26.3", "no pull progress timeout setting"),
])
func slowPullAdviceFollowsTheRuntimeAndVersion(runtime: String, kubelet: String, expected: String) async throws {
    let pod = Fixture.pod("big", node: "n1", image: "acme/big:1.0", reason: "ErrImagePull", message: #"rpc error: code = Unknown desc = context canceled"#)
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: runtime, kubelet: kubelet)], settings: RepairSettings())
    let setting = result.report.items.first?.actions.first { $0.kind == .kubeletSetting }
    #expect(setting?.detail.contains(expected) == true, "\(setting?.detail ?? "none")")
    #expect(result.report.items.first?.actions.first?.kind == .prePull)
}

@Test func executorDeletesThePodOnlyAfterTheNodePullSucceeded() async throws {
    let pods = [Fixture.pod("ok-1", node: "n1", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable),
                Fixture.pod("bad-1", node: "n2", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable)]
    let cluster = FakeCluster()
    let nodes = [Fixture.node("n1", runtime: "containerd://1.7.2"), Fixture.node("n2", runtime: "containerd://1.7.2")]
    let result = try await plan(pods, nodes: nodes, cluster: cluster, settings: RepairSettings(mirror: "m.local/p"))
    let transport = FakeNodes(failing: ["n2"])
    let targets = Dictionary(uniqueKeysWithValues: nodes.map { ($0.metadata.name, NodeTarget(name: $0.metadata.name, address: "10.0.0.1")) })
    let report = await RepullExecutor(api: cluster, transport: transport, targets: targets, timeout: .seconds(5)).run(result)
    #expect(cluster.deleted == ["pods/shop/ok-1"])
    #expect(report.items[0].actions.map(\.status) == [.done, .done, .done])
    #expect(report.items[1].actions.map(\.status) == [.failed, .failed, .failed])
    #expect(Set(transport.scripts.map(\.0)) == ["n1", "n2"])
}

@Test func executorRunsOneNodesScriptsInPlanOrderAndNodesSideBySide() async throws {
    let pods = [Fixture.pod("a-1", node: "n1", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable),
                Fixture.pod("a-2", node: "n1", image: "k8s.gcr.io/kube-proxy:v1.22.17", reason: "ErrImagePull", message: unreachable),
                Fixture.pod("b-1", node: "n2", image: "k8s.gcr.io/pause:3.2", reason: "ErrImagePull", message: unreachable)]
    let nodes = [Fixture.node("n1", runtime: "containerd://1.7.2"), Fixture.node("n2", runtime: "containerd://1.7.2")]
    let result = try await plan(pods, nodes: nodes, cluster: FakeCluster(), settings: RepairSettings(mirror: "m.local/p"))
    let planned = result.steps.compactMap { step -> (String, String)? in
        if case .nodeScript(let node, let script) = step.step { return (node, script) } else { return nil }
    }
    #expect(planned.filter { $0.0 == "n1" }.count >= 2, "two pulls on one node")
    let transport = FakeNodes(delay: .milliseconds(20))
    let targets = Dictionary(uniqueKeysWithValues: nodes.map { ($0.metadata.name, NodeTarget(name: $0.metadata.name, address: "10.0.0.1")) })
    _ = await RepullExecutor(api: FakeCluster(), transport: transport, targets: targets, timeout: .seconds(5)).run(result)
    #expect(!transport.overlapped)
    for node in ["n1", "n2"] {
        #expect(transport.scripts.filter { $0.0 == node }.map(\.1) == planned.filter { $0.0 == node }.map(\.1))
    }
}

@Test func aTemplateAlreadyRewrittenIsNotPatchedAgain() async throws {
    let image = "docker.pkg.github.com/acme/shop/api:1.4"
    let message = #"failed to pull and unpack image "docker.pkg.github.com/acme/shop/api:1.4": failed to resolve reference "docker.pkg.github.com/acme/shop/api:1.4": unexpected status from HEAD request to https://docker.pkg.github.com/v2/acme/shop/api/manifests/1.4: 401 Unauthorized"#
    let pod = Fixture.pod("web-1", node: "n1", image: image, reason: "ErrImagePull", message: message)
    let cluster = FakeCluster(raw: [
        "/apis/apps/v1/namespaces/shop/replicasets/web-7d9c": #"{"metadata":{"name":"web-7d9c","ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}}"#,
        "/apis/apps/v1/namespaces/shop/deployments/web": #"{"metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"ghcr.io/acme/api:1.4"}]}}}}"#,
    ])
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: "containerd://1.7.2")], cluster: cluster, settings: RepairSettings(fixManifests: true))
    #expect(result.steps.isEmpty)
    #expect(result.report.items.first?.actions.last == RepullAction(.patchTemplate, "deployment/web already uses ghcr.io/acme/api:1.4 for container app; its rollout replaces this pod", status: .skipped))
}

@Test(arguments: [("docker://20.10.7", "docker cannot tag by digest"), ("containerd://1.7.13", "/etc/containerd/certs.d/docker.io/hosts.toml")])
func aDigestReferenceIsNeverMirrorPulled(runtime: String, expected: String) async throws {
    let image = "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"
    let message = #"Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#
    let pod = Fixture.pod("web-1", node: "n1", image: image, reason: "ErrImagePull", message: message)
    let result = try await plan([pod], nodes: [Fixture.node("n1", runtime: runtime)], settings: RepairSettings(mirror: "harbor.local/hub"))
    #expect(result.steps.isEmpty)
    let mirror = result.report.items.first?.actions.first
    #expect(mirror?.kind == .mirrorPull && mirror?.status == .skipped)
    #expect(mirror?.detail.contains(expected) == true, "\(mirror?.detail ?? "")")
}

@Test func withoutACauseTheAdviceNamesTheRuntimeLogOnTheNode() async throws {
    let pod = Fixture.pod("web-1", node: "d1", image: "acme/app:1", reason: "ImagePullBackOff", message: #"Back-off pulling image "acme/app:1""#)
    let result = try await plan([pod], nodes: [Fixture.node("d1", runtime: "docker://20.10.7")], settings: RepairSettings())
    #expect(result.report.items.first?.cause == .unknown)
    #expect(result.report.items.first?.actions.map(\.detail) == ["no cause in the pod's status or events; on d1 run: journalctl -u docker | grep -F 'acme/app:1' | tail"])
}
