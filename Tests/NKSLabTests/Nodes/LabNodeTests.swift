// Real simulated nodes: sshd per node in its own mount namespace, reached with the real
// OpenSSH client through the lab's ssh_config and pinned known_hosts.
import Foundation
import LabTestSupport
import NKSCore
import Testing
@testable import NKSLab

let threeNodeScenario = """
    name: three
    defaults:
      cmdline: "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=ttyS0"
      images: [registry.k8s.io/pause:3.9]
      failingPulls: [docker.io/library/private:1]
      journal: {kubelet: "kubelet started\\n"}
      files:
        /etc/logrotate.d/docker: {content: "canonical\\n"}
        /etc/default/grub: {content: "GRUB_CMDLINE_LINUX=\\"console=ttyS0\\"\\n"}
        /var/lib/kubelet/config.yaml: {content: "kind: KubeletConfiguration\\nimageGCHighThresholdPercent: 85\\n"}
    overrides:
      - nodes: {indexes: "2"}
        spec:
          cmdline: "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=ttyS0 cgroup.memory=nokmem"
          files: {/etc/logrotate.d/docker: {content: "edited by hand\\n"}}
      - nodes: {indexes: "3"}
        spec:
          state: unreadable
          files: {/etc/logrotate.d/docker: {content: "secret\\n", mode: "0000"}}
    """

/// Starts a lab for one test, one lab at a time, and always stops it.
func withLab(_ yaml: String = threeNodeScenario, nodes: Int = 3, _ body: (Lab) async throws -> Void) async throws {
    try await LabTestSupport.withLab(try ScenarioLoader.decode(yaml, file: "test.yaml"), nodes: nodes, body)
}

func ssh(_ lab: Lab, _ node: String, _ command: String) async throws -> ProcessOutput {
    try await SubprocessRunner().run(ProcessInvocation("ssh", ["-F", lab.paths.sshConfig.path, node, command], timeout: .seconds(30)))
}

/// Processes whose command line mentions `text` (the lab's directory), from /proc.
func processes(mentioning text: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry -> String? in
        guard Int32(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
        let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
        return line.contains(text) ? "\(entry): \(line)" : nil
    }
}

@Suite(.serialized) struct LabNodeTests {
    @Test func eachNodeHasItsOwnFilesAndBootArguments() async throws {
        try await withLab { lab in
            let one = try await ssh(lab, "worker-1", "cat /etc/logrotate.d/docker")
            let two = try await ssh(lab, "worker-2", "cat /etc/logrotate.d/docker")
            #expect(one.succeeded, "\(one.standardErrorText)")
            #expect(one.standardOutputText == "canonical\n")
            #expect(two.standardOutputText == "edited by hand\n")
            let cmdline1 = try await ssh(lab, "worker-1", "cat /proc/cmdline")
            let cmdline2 = try await ssh(lab, "worker-2", "cat /proc/cmdline")
            #expect(cmdline1.standardOutputText == "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=ttyS0\n")
            #expect(cmdline2.standardOutputText.contains("cgroup.memory=nokmem"))
            // The host keeps its own /etc: a node's file never appears outside its namespace.
            let hostCopy = try? String(contentsOfFile: "/etc/logrotate.d/docker", encoding: .utf8)
            #expect(hostCopy != "canonical\n")
            // A write on one node stays on that node.
            _ = try await ssh(lab, "worker-1", "mkdir -p /var/lib/nks-sync && echo rev1 > /var/lib/nks-sync/marker")
            let marker = try await lab.readFile("/var/lib/nks-sync/marker", on: "worker-1")
            #expect(marker == "rev1\n")
            let otherNodeMarker = try await ssh(lab, "worker-2", "cat /var/lib/nks-sync/marker")
            #expect(otherNodeMarker.succeeded == false)
        }
    }

    @Test func sshdIsTheRecordedPidInItsOwnMountNamespace() async throws {
        try await withLab(nodes: 2) { lab in
            for node in await lab.nodes {
                let pid = try #require(node.pid)
                let arguments = try #require(ProcessTable.arguments(of: pid))
                #expect(arguments.first == "/usr/sbin/sshd" || arguments.joined(separator: " ").hasPrefix("sshd: /usr/sbin/sshd"))
                #expect(ProcessTable.mountNamespace(of: pid) != ProcessTable.mountNamespace(of: getpid()))
            }
        }
    }

    @Test func shimsAnswerFromScenarioDataAndRecordEveryCall() async throws {
        try await withLab(nodes: 1) { lab in
            let images = try await ssh(lab, "worker-1", "crictl images")
            #expect(images.standardOutputText.contains("registry.k8s.io/pause"))
            let failing = try await ssh(lab, "worker-1", "crictl pull docker.io/library/private:1")
            #expect(!failing.succeeded && failing.standardErrorText.contains("pull access denied"))
            let journal = try await ssh(lab, "worker-1", "journalctl -u kubelet --no-pager")
            #expect(journal.standardOutputText == "kubelet started\n")
            let restart = try await ssh(lab, "worker-1", "systemctl restart kubelet")
            #expect(restart.succeeded)
            #expect(try await lab.calls(on: "worker-1") == [
                "'crictl' 'images'",
                "'crictl' 'pull' 'docker.io/library/private:1'",
                "'journalctl' '-u' 'kubelet' '--no-pager'",
                "'systemctl' 'restart' 'kubelet'",
            ])
        }
    }

    @Test func rebootActivatesKernelArgumentsOnlyAfterGrubConfigIsRegenerated() async throws {
        try await withLab(nodes: 1) { lab in
            let edit = "sed -i 's/console=ttyS0\"/console=ttyS0 cgroup.memory=nokmem\"/' /etc/default/grub"
            let rebootWithoutMkconfig = try await ssh(lab, "worker-1", "\(edit) && reboot")
            #expect(rebootWithoutMkconfig.succeeded)
            let cmdlineAfterFirstReboot = try await lab.readFile("/proc/cmdline", on: "worker-1")
            #expect(cmdlineAfterFirstReboot.contains("nokmem") == false)
            let rebootAfterMkconfig = try await ssh(lab, "worker-1", "grub2-mkconfig -o /boot/grub2/grub.cfg && reboot")
            #expect(rebootAfterMkconfig.succeeded)
            let cmdlineAfterSecondReboot = try await lab.readFile("/proc/cmdline", on: "worker-1")
            #expect(cmdlineAfterSecondReboot == "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro console=ttyS0 cgroup.memory=nokmem\n")
            let calls = try await lab.calls(on: "worker-1")
            #expect(calls.filter { $0 == "'reboot'" }.count == 2)
        }
    }

    @Test func unreadableNodeCannotReadItsModeZeroFileEvenAsRoot() async throws {
        try await withLab { lab in
            let read = try await ssh(lab, "worker-3", "cat /etc/logrotate.d/docker")
            #expect(!read.succeeded)
            #expect(read.standardErrorText.contains("Permission denied"))
            let whoami = try await ssh(lab, "worker-3", "id -u")
            #expect(whoami.standardOutputText == "0\n")
            // The host side still sees it, through the node's namespace with full capabilities.
            let hostSideRead = try await lab.readFile("/etc/logrotate.d/docker", on: "worker-3")
            #expect(hostSideRead == "secret\n")
        }
    }

    @Test func changedHostKeyIsRefusedAndAStoppedNodeIsUnreachable() async throws {
        try await withLab(nodes: 2) { lab in
            try await lab.rotateHostKey(node: "worker-1")
            let changed = try await ssh(lab, "worker-1", "true")
            #expect(!changed.succeeded)
            #expect(changed.standardErrorText.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"))
            try await lab.stopNode("worker-2")
            let refused = try await ssh(lab, "worker-2", "true")
            #expect(refused.exitCode == 255 && refused.standardErrorText.contains("Connection refused"))
            try await lab.startNode("worker-2")
            let restarted = try await ssh(lab, "worker-2", "true")
            #expect(restarted.succeeded)
        }
    }

    @Test func addedNodeJoinsWithTheScenarioFilesAndAPinnedKey() async throws {
        try await withLab(nodes: 1) { lab in
            let added = try await lab.addNode()
            #expect(added.name == "worker-2")
            let joinedFile = try await ssh(lab, "worker-2", "cat /etc/logrotate.d/docker")
            #expect(joinedFile.standardOutputText == "edited by hand\n")
        }
    }

    @Test func stopLeavesNoProcessBehind() async throws {
        let scenario = try ScenarioLoader.decode(threeNodeScenario, file: "test.yaml")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-test-\(UUID().uuidString)")
        try await LabGate.shared.exclusively {
            let lab = try await Lab.start(scenario: scenario, nodeCount: 3, directory: directory)
            // An open session is a second process in the node's namespace; it must go too.
            let session = Task { try await ssh(lab, "worker-1", "sleep 60") }
            try await Task.sleep(for: .milliseconds(500))
            let namespaces = Set(await lab.nodes.compactMap { $0.pid.flatMap(ProcessTable.mountNamespace) })
            #expect(namespaces.count == 3)
            #expect(processes(mentioning: directory.path).filter { $0.contains("sshd") }.count == 3)
            #expect(ProcessTable.members(of: namespaces).values.map(\.count).reduce(0, +) > 3)
            await lab.stop()
            #expect(processes(mentioning: directory.path) == [])
            #expect(ProcessTable.members(of: namespaces).isEmpty)
            _ = try? await session.value
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
