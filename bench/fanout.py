#!/usr/bin/env python3
"""Fan-out benchmark: kubectl nks-sync against the tools node operators use today.

Starts N lab nodes (real sshd, bench/fanout-scenario.yaml: every tenth node has a
hand-edited /etc/logrotate.d/docker), then times, several runs each, median and spread of
wall time and the peak RSS of the largest process (the tools take turns, run after run):

  check  - which nodes differ from the canonical file
           serial ssh+md5sum loop (seed 000's script without the copy), pdsh md5sum,
           ansible-core copy --check --diff, kubectl nks-sync status / diff
  push   - the operator's workflow on a changed canonical file: check, diff, copy
           serial ssh/scp loops, pdsh+pdcp, ansible-core copy --check then copy,
           kubectl nks-sync status, diff, push (per run, and with --ssh-persist)

Every tool's answer is checked (the drifted nodes found, every node holding the new
file after a push); a wrong answer fails the benchmark. Writes a Markdown table.

CPU seconds are split between the tool (its whole process tree, on the operator's machine
in real life) and the lab nodes (sshd and what it starts), through a cgroup for each (v1
cpuacct or v2) where the machine lets root make them: on the lab both share the same
cores, on a fleet they do not.

Usage (root; the lab needs mount namespaces):
  bench/fanout.py [--nodes 50,200] [--runs 3] [--forks 32] [--no-ansible] [--bin DIR]
                  [--out bench/RESULTS.md]
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILE = "/etc/logrotate.d/docker"


def sh(command, env=None, check=True, capture=True):
    result = subprocess.run(["bash", "-c", command], env=env, text=True,
                            stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE if capture else None)
    if check and result.returncode != 0:
        sys.exit(f"fanout: failed: {command}\n{result.stderr}")
    return result


class CPUAccounts:
    """CPU seconds on each side of the wire, from a cgroup each: the tool's whole process tree
    (ssh masters that daemonize stay in the group) and the lab's nodes (every sshd, the shells
    and tools it starts, and the lab's API server). On a real fleet the nodes' share runs on
    the nodes, the tool's on the operator's machine; on the lab both share its cores. cgroup
    v1's cpuacct where it is mounted, else cgroup v2; no split (and no CPU columns) where
    neither can be written."""
    HIERARCHIES = [("/sys/fs/cgroup/cpuacct", "cpuacct.usage", 1e9),
                   ("/sys/fs/cgroup", "cpu.stat", 1e6), ("/sys/fs/cgroup/unified", "cpu.stat", 1e6)]

    def __init__(self, hierarchies=HIERARCHIES):
        self.tool = self.nodes = None
        for root, counter, per_second in hierarchies:
            if not os.path.exists(root + "/cgroup.procs"):
                continue  # not a cgroup hierarchy (/sys/fs/cgroup is a plain tmpfs under v1)
            try:
                tool, nodes = root + "/nks-bench-tool", root + "/nks-bench-nodes"
                self.counter, self.per_second = counter, per_second
                for group in (tool, nodes):
                    os.makedirs(group, exist_ok=True)
                    self.usage(group)
                self.tool, self.nodes = tool, nodes
                return
            except (OSError, ValueError):
                continue
        print("fanout: no writable cgroup for the CPU split; CPU columns left out", file=sys.stderr)

    @property
    def enabled(self):
        return self.tool is not None

    def usage(self, group):
        with open(f"{group}/{self.counter}") as f:
            text = f.read()
        # cpuacct.usage is one number (ns); cpu.stat starts with "usage_usec N".
        return int(text.split()[1] if text.startswith("usage_usec") else text) / self.per_second

    def adopt_nodes(self, lab_dir):
        """Moves the lab's running processes into the nodes' group; what they start follows."""
        if not self.enabled:
            return
        for pid in sh(f"pgrep -f {lab_dir}/", check=False).stdout.split():
            try:
                with open(self.nodes + "/cgroup.procs", "w") as procs:
                    procs.write(pid)
            except OSError:
                pass  # exited meanwhile

    def wrap(self, command):
        return f"echo $$ > {self.tool}/cgroup.procs && {{ {command}\n}}" if self.enabled else command

    def remove(self):
        for group in filter(None, (self.tool, self.nodes)):
            try:
                os.rmdir(group)
            except OSError:
                pass  # an ssh master of a tool that keeps them (ansible) has not exited yet

    def snapshot(self):
        return (self.usage(self.tool), self.usage(self.nodes)) if self.enabled else (float("nan"), float("nan"))


CPU = None


def timed(command, env):
    """Wall seconds, peak RSS (MB) of the largest process, CPU seconds of the tool and of the
    nodes, stdout; GNU time writes the peak RSS."""
    with tempfile.NamedTemporaryFile(mode="r") as figures:
        before = CPU.snapshot()
        start = time.monotonic()
        result = subprocess.run(["/usr/bin/time", "-o", figures.name, "-f", "%M", "bash", "-c", CPU.wrap(command)],
                                env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.monotonic() - start
        after = CPU.snapshot()
        lines = [line for line in figures.read().splitlines() if line.strip().isdigit()]
        peak = int(lines[-1]) / 1024 if lines else float("nan")
    return wall, peak, (after[0] - before[0], after[1] - before[1]), result


def prerequisites(args):
    missing = [p for p, probe in [("pdsh", "pdsh"), ("time", "/usr/bin/time")] if not shutil.which(probe)]
    if missing:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            sys.exit(f"fanout: install {' '.join(missing)} first")
        sh("apt-get install -y -qq " + " ".join(missing) + " >/dev/null || (apt-get update -qq && apt-get install -y -qq "
           + " ".join(missing) + " >/dev/null)")
    if args.bin is None:
        print("fanout: building release binaries…", file=sys.stderr)
        sh(f"cd {ROOT} && swift build -c release")
        args.bin = sh(f"cd {ROOT} && swift build -c release --show-bin-path").stdout.strip()
    if not args.no_ansible:
        venv = os.path.expanduser("~/.cache/nks-bench/ansible")
        if not os.path.exists(venv + "/bin/ansible"):
            print("fanout: installing ansible-core into " + venv, file=sys.stderr)
            sh(f"python3 -m venv {venv} && {venv}/bin/pip install -q ansible-core")
        args.ansible = venv + "/bin/ansible"


class Lab:
    def __init__(self, args, nodes, work):
        self.dir = os.path.join(work, f"lab-{nodes}")
        self.nodes = [f"worker-{i}" for i in range(1, nodes + 1)]
        self.drifted = {n for i, n in enumerate(self.nodes, 1) if i % 10 == 5}
        sh(f"{args.bin}/nks-lab up --dir {self.dir} --nodes {nodes} --scenario {ROOT}/bench/fanout-scenario.yaml")
        CPU.adopt_nodes(self.dir)
        self.ssh_config = self.dir + "/ssh_config"
        self.env = dict(os.environ, KUBECONFIG=self.dir + "/kubeconfig", NKS_SSH_CONFIG=self.ssh_config,
                        NKS_SSH_KNOWN_HOSTS=self.dir + "/known_hosts", NKS_SSH_IDENTITY=self.dir + "/id_ed25519",
                        PATH=args.bin + ":" + os.environ["PATH"], NO_COLOR="1",
                        PDSH_SSH_ARGS_APPEND=f"-F {self.ssh_config}", ANSIBLE_HOST_KEY_CHECKING="True",
                        ANSIBLE_SSH_ARGS=f"-F {self.ssh_config} -o ControlMaster=auto -o ControlPersist=60s",
                        ANSIBLE_PYTHON_INTERPRETER="/usr/bin/python3", ANSIBLE_LOCALHOST_WARNING="False")
        self.canonical = sh(f"ssh -F {self.ssh_config} worker-1 cat {FILE}").stdout
        self.changed = self.canonical.replace("rotate 10", "rotate 14")
        self.hostlist = os.path.join(work, f"hosts-{nodes}")
        with open(self.hostlist, "w") as hosts:
            hosts.write("\n".join(self.nodes) + "\n")
        self.inventory = os.path.join(work, f"inventory-{nodes}")
        with open(self.inventory, "w") as inventory:
            inventory.write("[nodes]\n" + "\n".join(self.nodes) + "\n")

    def down(self, args):
        sh(f"{args.bin}/nks-lab down --dir {self.dir}", check=False)

    def write_all(self, content, work):
        """Puts `content` on every node (untimed set-up between push runs)."""
        path = os.path.join(work, "reset")
        with open(path, "w") as f:
            f.write(content)
        sh(f"pdcp -R ssh -f 32 -w ^{self.hostlist} {path} {FILE}", env=self.env)

    def hashes(self):
        out = sh(f"pdsh -R ssh -f 32 -w ^{self.hostlist} md5sum {FILE}", env=self.env, check=False).stdout
        return {m.group(1): m.group(2) for m in re.finditer(r"^(\S+): (\w{32})\s", out, re.M)}


def store(path, content, lab):
    os.makedirs(path + "/files/etc/logrotate.d", exist_ok=True)
    with open(path + "/files" + FILE, "w") as f:
        f.write(content)
    with open(path + "/nks-sync.yaml", "w") as f:
        f.write("version: 1\nentries:\n"
                f"  - path: {FILE}\n    mode: \"0644\"\n"
                "  - path: /etc/default/grub\n    kind: kernel-args\n    present: [cgroup.memory=nokmem]\n"
                "  - path: /var/lib/kubelet/config.yaml\n    kind: keys\n"
                "    set: {imageGCHighThresholdPercent: 85, imageGCLowThresholdPercent: 80}\n")
    sh(f"cd {path} && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.invalid commit -qm canonical")
    return path


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


# Each check returns the set of nodes it reports as differing.
def checks(args, lab, work):
    want = md5(lab.canonical)
    canonical = os.path.join(work, "canonical")
    with open(canonical, "w") as f:
        f.write(lab.canonical)
    nks_store = store(os.path.join(work, f"store-{len(lab.nodes)}"), lab.canonical, lab)

    def md5_lines(out):
        return {m.group(1) for m in re.finditer(r"^([^\s:]+):? (\w{32})\b", out, re.M) if m.group(2) != want}

    tools = {
        "serial ssh md5sum loop": (
            f"for n in $(cat {lab.hostlist}); do printf '%s ' $n; ssh -F {lab.ssh_config} $n md5sum {FILE}; done",
            md5_lines),
        f"pdsh -f {args.forks} md5sum": (f"pdsh -R ssh -f {args.forks} -w ^{lab.hostlist} md5sum {FILE}", md5_lines),
        "kubectl nks-sync status": (
            f"kubectl nks-sync status --repo {nks_store} --parallel {args.forks} -o json",
            lambda out: {n["name"] for n in json.loads(out)["nodes"] if any(e["state"] != "in-sync" for e in n["entries"])}),
        "kubectl nks-sync diff": (
            f"kubectl nks-sync diff --repo {nks_store} --parallel {args.forks}",
            lambda out: diff_nodes(out, lab)),
    }
    if args.no_serial:
        del tools["serial ssh md5sum loop"]
    if not args.no_ansible:
        tools[f"ansible-core copy --check --diff (forks {args.forks})"] = (
            f"{args.ansible} all -i {lab.inventory} -f {args.forks} -m copy -a 'src={canonical} dest={FILE}' --check --diff",
            lambda out: set(re.findall(r"^(\S+) \| CHANGED", out, re.M)))
    return measure(args, lab, tools, expect=lambda found: found == lab.drifted, reset=None)


def diff_nodes(out, lab):
    """diff names at most eight nodes per header; the rest must be the count."""
    m = re.search(r"^# " + re.escape(FILE) + r" — (\d+) nodes?: (.*)$", out, re.M)
    if not m:
        return set()
    named = {n.strip(", ") for n in m.group(2).split("…")[0].split(",") if n.strip(", ")}
    return lab.drifted if int(m.group(1)) == len(lab.drifted) and named <= lab.drifted else named


def pushes(args, lab, work):
    new = os.path.join(work, "changed")
    with open(new, "w") as f:
        f.write(lab.changed)
    nks_store = store(os.path.join(work, f"store-changed-{len(lab.nodes)}"), lab.changed, lab)
    hosts, cfg, forks = lab.hostlist, lab.ssh_config, args.forks
    nks = f"--repo {nks_store} --parallel {forks}"
    tools = {
        "serial ssh md5sum, cat, scp loops": (
            f"for n in $(cat {hosts}); do ssh -F {cfg} $n md5sum {FILE} >/dev/null; done; "
            f"for n in $(cat {hosts}); do ssh -F {cfg} $n cat {FILE} | diff - {new} >/dev/null; done; "
            f"for n in $(cat {hosts}); do scp -q -F {cfg} {new} $n:{FILE}; done", None),
        f"pdsh md5sum, pdsh cat, pdcp (-f {forks})": (
            f"pdsh -R ssh -f {forks} -w ^{hosts} md5sum {FILE} >/dev/null; pdsh -R ssh -f {forks} -w ^{hosts} cat {FILE} >/dev/null; "
            f"pdcp -R ssh -f {forks} -w ^{hosts} {new} {FILE}", None),
        "kubectl nks-sync status, diff, push": (
            f"kubectl nks-sync status {nks} >/dev/null; kubectl nks-sync diff {nks} >/dev/null; kubectl nks-sync push {nks} --yes >/dev/null", None),
        "kubectl nks-sync status, diff, push --ssh-persist 5m": (
            f"kubectl nks-sync status {nks} --ssh-persist 5m >/dev/null; kubectl nks-sync diff {nks} --ssh-persist 5m >/dev/null; "
            f"kubectl nks-sync push {nks} --ssh-persist 5m --yes >/dev/null; kubectl nks-sync disconnect >/dev/null", None),
    }
    if args.no_serial:
        del tools["serial ssh md5sum, cat, scp loops"]
    if not args.no_ansible:
        tools[f"ansible-core copy --check --diff, then copy (forks {forks})"] = (
            f"{args.ansible} all -i {lab.inventory} -f {forks} -m copy -a 'src={new} dest={FILE}' --check --diff >/dev/null; "
            f"{args.ansible} all -i {lab.inventory} -f {forks} -m copy -a 'src={new} dest={FILE}' >/dev/null", None)
    want = md5(lab.changed)
    return measure(args, lab, tools, expect=lambda _: set(lab.hashes().values()) == {want} and len(lab.hashes()) == len(lab.nodes),
                   reset=lambda: lab.write_all(lab.canonical, work))


def measure(args, lab, tools, expect, reset):
    """Runs the tools in turn, run after run, so that a change in the shared machine's load
    falls on all of them alike rather than on whichever ran last."""
    walls = {name: [] for name in tools}
    peaks = {name: [] for name in tools}
    tool_cpu = {name: [] for name in tools}
    node_cpu = {name: [] for name in tools}
    for run in range(args.runs):
        for name, (command, parse) in tools.items():
            if reset:
                reset()
            wall, peak, (on_tool, on_nodes), result = timed(command, lab.env)
            found = parse(result.stdout) if parse else None
            if not expect(found):
                sys.exit(f"fanout: {name} gave a wrong answer on run {run + 1}: {sorted(found or [])[:10]}\n{result.stderr[-2000:]}")
            walls[name].append(wall)
            peaks[name].append(peak)
            tool_cpu[name].append(on_tool)
            node_cpu[name].append(on_nodes)
            cpu = f", CPU {on_tool:.1f} s tool + {on_nodes:.1f} s nodes" if CPU.enabled else ""
            print(f"  {name}: run {run + 1}: {wall:.2f} s, {peak:.0f} MB{cpu}", file=sys.stderr)
    return [(name, statistics.median(walls[name]), min(walls[name]), max(walls[name]), max(peaks[name]),
             statistics.median(tool_cpu[name]), statistics.median(node_cpu[name])) for name in tools]


def table(title, rows, ours):
    base = next(r for r in rows if r[0].startswith(ours))
    cpu = CPU.enabled
    lines = [f"#### {title}", "",
             "| tool | median | spread | peak RSS | ratio to nks-sync |" + (" CPU: tool | CPU: nodes | tool CPU ratio |" if cpu else ""),
             "|---|---:|---:|---:|---:|" + ("---:|---:|---:|" if cpu else "")]
    for name, median, low, high, peak, on_tool, on_nodes in rows:
        line = f"| {name} | {median:.2f} s | {low:.2f}–{high:.2f} s | {peak:.0f} MB | {median / base[1]:.2f}× |"
        if cpu:
            line += f" {on_tool:.1f} s | {on_nodes:.1f} s | {on_tool / base[5]:.2f}× |"
        lines.append(line)
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", default="50,200")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--forks", type=int, default=32)
    parser.add_argument("--no-ansible", action="store_true")
    parser.add_argument("--no-push", action="store_true")
    parser.add_argument("--no-serial", action="store_true", help="skip the serial ssh loops (minutes at 1000 nodes)")
    parser.add_argument("--bin")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "RESULTS.md"))
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("fanout: run as root (the lab needs mount namespaces and sshd)")
    prerequisites(args)
    global CPU
    CPU = CPUAccounts()
    cpus = os.cpu_count()
    report = [f"### Fan-out on the lab ({cpus} cores, {args.runs} runs each, {time.strftime('%Y-%m-%d')})", "",
              "Ratios are medians against `kubectl nks-sync` (status for the check, the status, diff and push "
              "session with `--ssh-persist` for the workflow) measured in the same invocation; above 1 means "
              "nks-sync is faster. "
              "Peak RSS is that of the largest single process. CPU is medians of CPU seconds: the "
              "tool's process tree (ssh masters included) and the lab nodes' (sshd and what it runs, "
              "the lab API server); on a fleet the nodes' share runs on the nodes, here on the same cores.", ""]
    with tempfile.TemporaryDirectory(prefix="nks-bench-") as work:
        for count in [int(n) for n in args.nodes.split(",")]:
            print(f"fanout: {count} nodes", file=sys.stderr)
            lab = Lab(args, count, work)
            try:
                report.append(table(f"{count} nodes: find the drifted nodes", checks(args, lab, work), "kubectl nks-sync status"))
                if not args.no_push:
                    report.append(table(f"{count} nodes: check, diff and push a changed file to every node",
                                        pushes(args, lab, work), "kubectl nks-sync status, diff, push --ssh-persist"))
            finally:
                lab.down(args)
    CPU.remove()
    text = "\n".join(report)
    with open(args.out, "w") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
