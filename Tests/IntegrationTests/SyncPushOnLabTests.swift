// `kubectl nks-sync push`, `rollback` end to end on the lab: what lands on the nodes, what
// the API server saw, what the store recorded.
import Foundation
import NKSCore
import NKSLab
import NKSSync
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncPushOnLabTests {
    /// The drift scenario's canonical files, except imageGCLowThresholdPercent 70 (the
    /// nodes have 80): every node needs a kubelet config change, keeping its other keys.
    static let manifest = SyncStatusOnLabTests.manifest.replacingOccurrences(of: "imageGCLowThresholdPercent: 80", with: "imageGCLowThresholdPercent: 70")

    @Test func aPushFixesExactlyTheDriftAndKeepsNodeSpecificLines() async throws {
        try await withLab(scenario: "drift", nodes: 20) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")])
            let configBefore = try await lab.readFile("/var/lib/kubelet/config.yaml", on: "worker-5")
            let grubBefore = try await lab.readFile("/etc/default/grub", on: "worker-5")

            let dryRun = try await plugin.kubectl(["nks-sync", "push", "--dry-run"])
            #expect(dryRun.exitCode == 1)
            // worker-11's logrotate file is unreadable, but its kubelet config still needs the change.
            #expect(dryRun.standardOutputText.contains("Plan: revision \(plugin.revision.prefix(12)) to 20 nodes"))
            #expect(try await lab.readFile("/var/lib/kubelet/config.yaml", on: "worker-5") == configBefore, "--dry-run changed a node")

            let unconfirmed = try await plugin.kubectl(["nks-sync", "push"])
            #expect(unconfirmed.exitCode == 1)
            #expect(unconfirmed.standardErrorText.contains("not pushed: there is no terminal to confirm on"))

            // worker-11 gets its kubelet change but not its revision: the push is not complete.
            let push = try await plugin.kubectl(["nks-sync", "push", "--yes", "--max-unavailable", "50%"])
            #expect(push.exitCode == 2, "\(push.standardOutputText)\(push.standardErrorText)")
            let row = push.standardOutputText.split(separator: "\n").last { $0.hasPrefix("worker-11 ") } ?? ""
            #expect(row.contains(" incomplete ") && row.contains("revision not recorded: /etc/logrotate.d/docker: permission denied"), "\(push.standardOutputText)")
            #expect(push.standardErrorText.contains("warning: not every node is at revision \(plugin.revision.prefix(12)): 17 pushed, 2 pending-reboot, 1 incomplete"), "\(push.standardErrorText)")
            #expect(try await lab.run(["test", "-e", "/var/lib/nks-sync/applied-revision"], on: "worker-11").exitCode == 1, "worker-11 got a marker")

            let configAfter = try await lab.readFile("/var/lib/kubelet/config.yaml", on: "worker-5")
            #expect(configAfter == configBefore.replacingOccurrences(of: "imageGCLowThresholdPercent: 80", with: "imageGCLowThresholdPercent: 70"))
            #expect(try await lab.readFile("/etc/default/grub", on: "worker-5") == grubBefore, "an in-sync file was rewritten")
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-3") == (try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")))
            #expect(try await lab.readFile("/var/lib/nks-sync/applied-revision", on: "worker-3") == plugin.revision + "\n")
            let annotation = try await plugin.kubectl(["get", "node", "worker-3", "-o", "jsonpath={.metadata.annotations.nks-sync\\.kubectl-nks\\.io/revision}"])
            #expect(annotation.standardOutputText == plugin.revision)
            #expect(try await lab.calls(on: "worker-5").contains("'systemctl' 'restart' 'kubelet'"))
            #expect(!(try await lab.calls(on: "worker-5").contains { $0.contains("reboot") }))

            let status = try await plugin.kubectl(["nks-sync", "status", "-o", "json"])
            let report = try JSONDecoder().decode(SyncStatusOnLabTests.Report.self, from: status.standardOutput)
            for node in report.nodes {
                let expected: [String]
                switch node.name {
                case "worker-11": expected = ["unreadable", "in-sync", "in-sync"]
                case "worker-15", "worker-19": expected = ["in-sync", "pending-reboot", "in-sync"]
                default: expected = ["in-sync", "in-sync", "in-sync"]
                }
                #expect(node.entries.map(\.state) == expected, "\(node.name): \(node.entries.map(\.detail))")
                if node.name != "worker-11" { #expect(node.appliedRevision == plugin.revision, "\(node.name)") }
            }
            let pushes = try await plugin.git(["for-each-ref", "--format=%(refname)", "refs/nks/pushes"])
            #expect(pushes.standardOutputText.split(separator: "\n").count == 1)
            let record = try await plugin.git(["show", "refs/nks/pushes/" + String(pushes.standardOutputText.split(separator: "/").last!.trimmingCharacters(in: .whitespacesAndNewlines)) + ":push.json"])
            #expect(record.standardOutputText.contains("\"revision\" : \"\(plugin.revision)\""))

            let again = try await plugin.kubectl(["nks-sync", "push", "--yes"])
            #expect(again.standardOutputText.contains("Plan: revision \(plugin.revision.prefix(12)) to 2 nodes"), "only the reboot-pending nodes remain")
        }
    }

    @Test func rebootCordonsRebootsWaitsAndUncordons() async throws {
        let yaml = """
            name: reboot
            defaults:
              cmdline: "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro quiet"
              files:
                /etc/default/grub: {content: "GRUB_TIMEOUT=1\\nGRUB_CMDLINE_LINUX=\\"quiet\\"\\n"}
            """
        try await withLab(yaml: yaml, nodes: 3) { lab in
            let manifest = "version: 1\nentries:\n  - path: /etc/default/grub\n    kind: kernel-args\n    present: [cgroup.memory=nokmem]\n    activate: [grub2-mkconfig -o /boot/grub2/grub.cfg]\n"
            let plugin = try await PluginHarness(lab: lab, manifest: manifest, files: [:])
            let push = try await plugin.kubectl(["nks-sync", "push", "--yes", "--reboot", "--max-unavailable", "1"])
            #expect(push.exitCode == 0, "\(push.standardOutputText)\(push.standardErrorText)")
            for node in ["worker-1", "worker-2", "worker-3"] {
                #expect(try await lab.readFile("/proc/cmdline", on: node).contains("cgroup.memory=nokmem"), "\(node)")
                let calls = try await lab.calls(on: node)
                let mkconfig = calls.firstIndex { $0.hasPrefix("'grub2-mkconfig'") }
                let reboot = calls.firstIndex { $0.contains("reboot") }
                #expect(mkconfig != nil && reboot != nil && mkconfig! < reboot!, "\(node): \(calls)")
            }
            // One node at a time: cordon, drain's evictions, uncordon, before the next cordon.
            let patches = await lab.state.recordedRequests().filter { $0.method == "PATCH" && $0.path.hasPrefix("/api/v1/nodes/") && $0.bodyText.contains("unschedulable") }
            let sequence = patches.map { ($0.path.split(separator: "/").last.map(String.init) ?? "", $0.bodyText.contains("true")) }
            #expect(sequence.count == 6, "\(sequence)")
            for index in stride(from: 0, to: sequence.count - 1, by: 2) {
                #expect(sequence[index].1 == true && sequence[index + 1].1 == false && sequence[index].0 == sequence[index + 1].0, "\(sequence)")
            }
            let nodes = try await plugin.kubectl(["get", "nodes", "-o", "jsonpath={.items[*].spec.unschedulable}"])
            #expect(!nodes.standardOutputText.contains("true"))
        }
    }

    @Test func aFailingNodeStopsTheRolloutAndARerunCompletesIt() async throws {
        try await withLab(scenario: "drift", nodes: 6) { lab in
            let canonical = "/var/lib/docker/containers/*/*.log {\nrotate 3\nmissingok\n}\n"
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest.replacingOccurrences(of: "imageGCLowThresholdPercent: 70", with: "imageGCLowThresholdPercent: 80"), files: ["/etc/logrotate.d/docker": canonical])
            // The canary cannot take the file: its include directory is gone.
            _ = try await lab.run(["rm", "-rf", "/etc/logrotate.d"], on: "worker-1")
            let before = try await lab.readFile("/etc/logrotate.d/docker", on: "worker-2")
            let push = try await plugin.kubectl(["nks-sync", "push", "--yes", "--batches", "1,100%", "--max-failures", "0"])
            #expect(push.exitCode == 2)
            #expect(push.standardErrorText.contains("rollout stopped: 1 node failed"))
            #expect(push.standardOutputText.contains("worker-2   not-started   the rollout stopped before this node"), "\(push.standardOutputText)")
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-2") == before, "a node after the failed canary was written")
            let leftovers = try await lab.run(["sh", "-c", "ls -A /etc/logrotate.d /etc | grep nks || true"], on: "worker-1")
            #expect(leftovers.standardOutputText.isEmpty)

            _ = try await lab.run(["mkdir", "/etc/logrotate.d"], on: "worker-1")
            let rerun = try await plugin.kubectl(["nks-sync", "push", "--yes", "--batches", "1,100%"])
            #expect(rerun.exitCode == 0, "\(rerun.standardOutputText)\(rerun.standardErrorText)")
            for node in ["worker-1", "worker-2", "worker-3", "worker-4", "worker-5", "worker-6"] {
                #expect(try await lab.readFile("/etc/logrotate.d/docker", on: node) == canonical, "\(node)")
            }
        }
    }

    @Test func aSecondPushIsRefusedWhileOneHoldsTheLock() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: SyncStatusOnLabTests.manifest, files: ["/etc/logrotate.d/docker": "x\n"])
            // A live holder on this host: this test process.
            let lock = try PushLock.acquire(store: plugin.store, holder: "alice")
            defer { lock.release() }
            let holder = try String(contentsOfFile: lock.path, encoding: .utf8).trimmingCharacters(in: .newlines)
            #expect(holder.hasPrefix("alice pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since "))
            let refused = try await plugin.kubectl(["nks-sync", "push", "--yes"])
            #expect(refused.exitCode == 2)
            #expect(refused.standardErrorText == "error: another push holds the store's lock (\(holder)); wait for it to finish\n")
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1") != "x\n")
        }
    }

    @Test func rollbackThenPushRestoresThePreviousContent() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let original = try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")
            let plugin = try await PluginHarness(lab: lab, manifest: SyncStatusOnLabTests.manifest, files: ["/etc/logrotate.d/docker": original])
            try plugin.writeStoreFile("files/etc/logrotate.d/docker", original.replacingOccurrences(of: "rotate 10", with: "rotate 20"))
            try await plugin.commitStore("Keep 20 rotations")
            let push = try await plugin.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 0, "\(push.standardErrorText)")
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-2").contains("rotate 20"))

            let rollback = try await plugin.kubectl(["nks-sync", "rollback", "HEAD~1", "--push", "--yes"])
            #expect(rollback.exitCode == 0, "\(rollback.standardOutputText)\(rollback.standardErrorText)")
            for node in ["worker-1", "worker-2"] {
                #expect(try await lab.readFile("/etc/logrotate.d/docker", on: node) == original, "\(node)")
            }
            let log = try await plugin.kubectl(["nks-sync", "log", "-o", "json"])
            #expect(log.standardOutputText.contains("Roll back to "))
            #expect(log.standardOutputText.contains("Keep 20 rotations"))
            #expect(try await plugin.git(["status", "--porcelain"]).standardOutputText.isEmpty)
        }
    }
}

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncWatchOnLabTests {
    @Test func watchPushesToANodeThatJoinsAndStopsOnSIGTERM() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let canonical = "/var/lib/docker/containers/*/*.log {\nrotate 4\nmissingok\n}\n"
            let plugin = try await PluginHarness(lab: lab, manifest: SyncStatusOnLabTests.manifest, files: ["/etc/logrotate.d/docker": canonical])
            let before = try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")

            let watch = Process()
            watch.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            watch.arguments = ["kubectl", "nks-sync", "watch", "--interval", "1s"]
            watch.environment = plugin.environment
            let output = Pipe()
            watch.standardOutput = output
            watch.standardError = output
            try watch.run()

            // Existing nodes are only reported; the node that joins gets the revision.
            try await Task.sleep(for: .seconds(4))
            let joined = try await lab.addNode()
            // The Node annotation is the push's last step for a file without disruption.
            var pushed = false
            for _ in 0..<60 where !pushed {
                try await Task.sleep(for: .seconds(1))
                let node = await lab.state.object(kind: "Node", namespace: nil, name: joined.name)
                pushed = node?["metadata"]?["annotations"]?["nks-sync.kubectl-nks.io/revision"]?.stringValue == plugin.revision
            }
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: joined.name) == canonical)
            kill(watch.processIdentifier, SIGTERM)
            watch.waitUntilExit()
            let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

            #expect(pushed, "\(joined.name) did not get the file: \(log)")
            #expect(watch.terminationStatus == 0, "\(log)")
            #expect(log.contains("\(joined.name) joined"))
            #expect(log.contains("\(joined.name) pushed"))
            #expect(log.contains("worker-1 drifted: /etc/logrotate.d/docker"))
            #expect(log.contains("stopped"))
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1") == before, "watch pushed to an existing node without --push-drift")
        }
    }
}
