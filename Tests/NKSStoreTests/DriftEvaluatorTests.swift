import Foundation
import Testing
@testable import NKSStore

@Suite struct DriftEvaluatorTests {
    let logrotate = ManagedEntry(path: "/etc/logrotate.d/docker", kind: .file(owner: "root", group: "root", mode: "0644", allowSecrets: false), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .none)
    let nokmem = ManagedEntry(path: "/etc/default/grub", kind: .kernelArgs(KernelArgumentsSpec(present: ["cgroup.memory=nokmem"])), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .reboot)
    let imageGC = ManagedEntry(path: "/var/lib/kubelet/config.yaml", kind: .keys(ConfigKeysSpec(set: .map(["imageGCHighThresholdPercent": .integer(80)])), format: .yaml), groups: ["workers"], conditions: NodeConditions(), validate: nil, activate: [], disruption: .restartKubelet)
    let deadline = ManagedEntry(path: "/etc/sysconfig/kubelet", kind: .envFlags(EnvironmentFlagsSpec(set: ["--image-pull-progress-deadline": "10m"])), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .restartKubelet)

    let canonical = Data("rotate 10\n".utf8)
    let dockerNode = NodeFacts(name: "worker-1", runtime: "docker", kubeletVersion: KubeVersion("v1.23.17"))
    let containerdNode = NodeFacts(name: "worker-2", runtime: "containerd", kubeletVersion: KubeVersion("v1.29.3"))

    func state(_ entry: ManagedEntry, _ facts: NodeFacts, _ observation: NodeObservation, groups: [String] = ["workers"]) -> EntryStatus {
        DriftEvaluator.evaluate(entry, canonical: canonical, facts: facts, groups: groups, observation: observation)
    }

    func file(_ text: String, mode: String = "0644") -> ObservedFile {
        ObservedFile(state: .present, content: Data(text.utf8), mode: mode, owner: "root", group: "root")
    }

    @Test func wholeFiles() {
        #expect(state(logrotate, dockerNode, NodeObservation(files: [logrotate.path: file("rotate 10\n")])).state == .inSync)
        let edited = state(logrotate, dockerNode, NodeObservation(files: [logrotate.path: file("rotate 5\n")]))
        #expect(edited.state == .drifted)
        #expect(edited.detail == "content differs (-1 +1 lines)")
        #expect(edited.desired == "rotate 10\n" && edited.actual == "rotate 5\n")
        #expect(state(logrotate, dockerNode, NodeObservation(files: [logrotate.path: file("rotate 10\n", mode: "0600")])).detail == "mode 0600, want 0644")
        #expect(state(logrotate, dockerNode, NodeObservation(files: [logrotate.path: ObservedFile(state: .missing)])).state == .missing)
        #expect(state(logrotate, dockerNode, NodeObservation(files: [logrotate.path: ObservedFile(state: .unreadable)])).state == .unreadable)
        #expect(state(logrotate, dockerNode, NodeObservation()).state == .unreadable)
    }

    @Test func dockerLogrotateDoesNotApplyToContainerdNodes() {
        let status = state(logrotate, containerdNode, NodeObservation(files: [logrotate.path: ObservedFile(state: .missing)]))
        #expect(status.state == .notApplicable)
        #expect(status.detail.contains("containerLogMaxSize"))
    }

    @Test func kernelArgumentsHaveAFileAndALiveState() {
        let without = "GRUB_CMDLINE_LINUX=\"quiet\"\n"
        let with = "GRUB_CMDLINE_LINUX=\"quiet cgroup.memory=nokmem\"\n"
        let drifted = state(nokmem, dockerNode, NodeObservation(files: [nokmem.path: file(without)], cmdline: "ro quiet"))
        #expect(drifted.state == .drifted)
        #expect(drifted.detail == "GRUB_CMDLINE_LINUX lacks cgroup.memory=nokmem")
        #expect(drifted.desired == with)
        let pending = state(nokmem, dockerNode, NodeObservation(files: [nokmem.path: file(with)], cmdline: "BOOT_IMAGE=/vmlinuz ro quiet\n"))
        #expect(pending.state == .pendingReboot)
        #expect(pending.detail == "/proc/cmdline lacks cgroup.memory=nokmem; reboot to apply")
        #expect(state(nokmem, dockerNode, NodeObservation(files: [nokmem.path: file(with)], cmdline: "ro quiet cgroup.memory=nokmem\n")).state == .inSync)
    }

    @Test func kubeletKeysHaveAFileAndARunningState() {
        let old = "kind: KubeletConfiguration\nimageGCHighThresholdPercent: 85\n"
        let new = "kind: KubeletConfiguration\nimageGCHighThresholdPercent: 80\n"
        let running85 = ConfigValue.map(["imageGCHighThresholdPercent": .integer(85)])
        let running80 = ConfigValue.map(["imageGCHighThresholdPercent": .integer(80)])
        let drifted = state(imageGC, containerdNode, NodeObservation(files: [imageGC.path: file(old)], kubeletConfig: running85))
        #expect(drifted.state == .drifted)
        #expect(drifted.detail == "imageGCHighThresholdPercent=85, want 80")
        #expect(drifted.desired == new)
        let pending = state(imageGC, containerdNode, NodeObservation(files: [imageGC.path: file(new)], kubeletConfig: running85))
        #expect(pending.state == .pendingRestart)
        #expect(state(imageGC, containerdNode, NodeObservation(files: [imageGC.path: file(new)], kubeletConfig: running80)).state == .inSync)
        #expect(state(imageGC, containerdNode, NodeObservation(files: [imageGC.path: file(new)]), groups: ["gpu"]).state == .notApplicable)
    }

    @Test func thePullDeadlineFlagIsNeverAppliedWhereItBreaksTheKubelet() {
        let observation = NodeObservation(files: [deadline.path: file("KUBELET_EXTRA_ARGS=\"\"\n")])
        let modern = state(deadline, NodeFacts(name: "n", runtime: "docker", kubeletVersion: KubeVersion("v1.24.0")), observation)
        #expect(modern.state == .notApplicable)
        #expect(modern.detail.contains("removed with dockershim in kubelet 1.24"))
        #expect(state(deadline, NodeFacts(name: "n", runtime: "containerd", kubeletVersion: KubeVersion("v1.22.0")), observation).state == .notApplicable)
        let legacy = state(deadline, dockerNode, observation)
        #expect(legacy.state == .drifted)
        #expect(legacy.desired == "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m\"\n")
    }
}
