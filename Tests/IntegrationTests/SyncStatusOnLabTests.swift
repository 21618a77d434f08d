// `kubectl nks-sync status` and `diff` end to end: the real kubectl runs the built plugin,
// which reads 40 real sshd nodes of the drift scenario against a real git store.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncStatusOnLabTests {
    static let manifest = """
        version: 1
        groups:
          batch: node.kubernetes.io/instance-type=m2.c8m16
          default: node.kubernetes.io/instance-type=m2.c4m8
        entries:
          - path: /etc/logrotate.d/docker
            mode: "0644"
            validate: logrotate -d {}
          - path: /etc/default/grub
            kind: kernel-args
            present: [cgroup.memory=nokmem]
          - path: /var/lib/kubelet/config.yaml
            kind: keys
            set:
              imageGCHighThresholdPercent: 85
              imageGCLowThresholdPercent: 80

        """

    /// The state of each entry (logrotate, grub, kubelet config) on the drift scenario's
    /// special nodes; every other node is in sync.
    static let expected: [String: [String]] = [
        "worker-3": ["drifted", "in-sync", "in-sync"],
        "worker-7": ["missing", "in-sync", "in-sync"],
        "worker-11": ["unreadable", "in-sync", "in-sync"],
        "worker-15": ["in-sync", "drifted", "in-sync"],
        "worker-19": ["in-sync", "pending-reboot", "in-sync"],
        "worker-27": ["in-sync", "in-sync", "pending-restart"],
        "worker-31": ["unreachable", "unreachable", "unreachable"],
        "worker-38": ["unreachable", "unreachable", "unreachable"],
    ]

    @Test func statusAndDiffReportExactlyTheDrift() async throws {
        try await withLab(scenario: "drift", nodes: 40) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")])

            // Drift found, but worker-31 and worker-38 could not be checked: 2 wins over 1.
            let status = try await plugin.kubectl(["nks-sync", "status", "-o", "json"])
            #expect(status.exitCode == 2, "\(status.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: status.standardOutput)
            #expect(report.revision == plugin.revision)
            #expect(report.nodes.count == 40)
            for node in report.nodes {
                let states = node.entries.map(\.state)
                #expect(states == Self.expected[node.name] ?? ["in-sync", "in-sync", "in-sync"], "\(node.name): \(node.entries.map(\.detail))")
                #expect(node.entries.map(\.path) == ["/etc/logrotate.d/docker", "/etc/default/grub", "/var/lib/kubelet/config.yaml"])
                #expect(node.reachable == !["worker-31", "worker-38"].contains(node.name))
            }
            let byName = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.name, $0) })
            #expect(byName["worker-2"]?.group == "batch")
            #expect(byName["worker-1"]?.group == "default")
            #expect(byName["worker-38"]?.entries.first?.detail.lowercased().contains("host key") == true)
            #expect(byName["worker-19"]?.entries[1].detail == "/proc/cmdline lacks cgroup.memory=nokmem; reboot to apply")
            #expect(byName["worker-27"]?.entries[2].detail.contains("imageGCHighThresholdPercent=90, want 85") == true)

            let table = try await plugin.kubectl(["nks-sync", "status", "--group", "default"])
            #expect(table.exitCode == 2)
            #expect(table.standardOutputText.hasPrefix("NODE "))
            #expect(table.standardOutputText.contains("worker-3 "))
            #expect(!table.standardOutputText.contains("worker-2 "))

            let clean = try await plugin.kubectl(["nks-sync", "status", "worker-1", "worker-2"])
            #expect(clean.exitCode == 0, "\(clean.standardOutputText)\(clean.standardErrorText)")
            #expect(clean.standardOutputText.contains("2 nodes: 2 in sync"))

            let diff = try await plugin.kubectl(["nks-sync", "diff"])
            #expect(diff.exitCode == 2, "worker-11, worker-31 and worker-38 could not be compared")
            #expect(diff.standardErrorText.contains("warning: worker-11 not compared: /etc/logrotate.d/docker: permission denied"), "\(diff.standardErrorText)")
            let text = diff.standardOutputText
            #expect(text.contains("# /etc/logrotate.d/docker — 1 node: worker-3\n--- node:/etc/logrotate.d/docker\n+++ store:/etc/logrotate.d/docker\n"))
            #expect(text.contains("-rotate 5\n+rotate 10\n"))
            #expect(text.contains("# /etc/logrotate.d/docker — 1 node: worker-7\n--- /dev/null\n"))
            #expect(text.contains("# /etc/default/grub — 1 node: worker-15\n"))
            #expect(text.contains("+GRUB_CMDLINE_LINUX=\"crashkernel=auto console=ttyS0,115200n8 cgroup.memory=nokmem\"\n"))
            #expect(diff.standardErrorText.contains("warning: worker-31 not compared"))

            let inSyncDiff = try await plugin.kubectl(["nks-sync", "diff", "worker-1"])
            #expect(inSyncDiff.exitCode == 0)
            #expect(inSyncDiff.standardOutputText.isEmpty)
        }
    }

    /// Without nodes/proxy (the read-only role), configz cannot be read: worker-27's kubelet
    /// not yet restarted shows in-sync, so status must say once that it could not tell.
    @Test func withoutNodesProxyStatusSaysPendingRestartIsUnknown() async throws {
        try await withLab(scenario: "drift", nodes: 28) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")])
            await lab.state.forbid(verb: "get", resource: "nodes/proxy", namespace: nil, user: "*")
            let status = try await plugin.kubectl(["nks-sync", "status", "worker-26", "worker-27"])
            let warnings = status.standardErrorText.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
            #expect(warnings.count == 1, "\(status.standardErrorText)")
            #expect(warnings.first?.contains("the kubelet's running config (configz) could not be read on 2 nodes (User ") == true, "\(status.standardErrorText)")
            #expect(warnings.first?.contains("grant the nks-sync-configz role of deploy/rbac/nks-sync.yaml") == true)
        }
    }

    @Test func badInputIsOneLineAndChangesNothing() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": "x\n"])
            let unknownNode = try await plugin.kubectl(["nks-sync", "status", "no-such-node"])
            #expect(unknownNode.exitCode == 2)
            #expect(unknownNode.standardErrorText == "error: node \"no-such-node\" not found (kubectl get nodes lists the names)\n")

            try plugin.writeStoreFile("nks-sync.yaml", "entries:\n  - path: etc/x\n")
            let dirty = try await plugin.kubectl(["nks-sync", "status"])
            #expect(dirty.exitCode == 2)
            #expect(dirty.standardErrorText.hasPrefix("error: the store at \(plugin.store) has uncommitted changes (nks-sync.yaml)"))
            try await plugin.commitStore("broken manifest")
            let invalid = try await plugin.kubectl(["nks-sync", "status"])
            #expect(invalid.exitCode == 2)
            #expect(invalid.standardErrorText.contains("error: nks-sync.yaml@"))
            #expect(invalid.standardErrorText.contains(":2: path 'etc/x' must be absolute (start with /)"))

            let badFlag = try await plugin.kubectl(["nks-sync", "status", "--parallel", "0"])
            #expect(badFlag.exitCode == 64)
            #expect(badFlag.standardErrorText.contains("--parallel"))
        }
    }

    @Test func firstContactPinsHostKeysInTheStoreOnlyWhenAsked() async throws {
        try await withLab(scenario: "drift", nodes: 3) { lab in
            var plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")])
            plugin.environment["NKS_SSH_KNOWN_HOSTS"] = nil
            let refused = try await plugin.kubectl(["nks-sync", "status", "-o", "json"])
            #expect(refused.exitCode == 2)
            #expect(refused.standardOutputText.contains("--accept-new-host-keys"))
            let pinned = try await plugin.kubectl(["nks-sync", "status", "--accept-new-host-keys"])
            // worker-3 of the drift scenario has an edited logrotate file: drift, not a failure.
            #expect(pinned.exitCode == 1, "\(pinned.standardOutputText)\(pinned.standardErrorText)")
            #expect(pinned.standardOutputText.contains("3 nodes: 2 in sync, 1 drifted"))
            let log = try await plugin.git(["log", "--format=%s", "-1"])
            #expect(log.standardOutputText == "Pin new node host keys\n")
            let knownHosts = try String(contentsOfFile: plugin.store + "/known_hosts", encoding: .utf8)
            #expect(knownHosts.split(separator: "\n").count == 3)
            // Pinned now: no flag needed, and a node whose key then changes is refused.
            try await lab.rotateHostKey(node: "worker-2")
            let again = try await plugin.kubectl(["nks-sync", "status", "-o", "json", "--accept-new-host-keys"])
            let report = try JSONDecoder().decode(Report.self, from: again.standardOutput)
            #expect(report.nodes.map(\.reachable) == [true, false, true])
            #expect(report.nodes[1].entries.first?.detail.contains("CHANGED") == true || report.nodes[1].entries.first?.detail.lowercased().contains("changed") == true)
            #expect(try String(contentsOfFile: plugin.store + "/known_hosts", encoding: .utf8) == knownHosts)
        }
    }

    @Test func snapshotsShowDriftOverTime() async throws {
        try await withLab(scenario: "drift", nodes: 3) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1")])
            let recorded = try await plugin.kubectl(["nks-sync", "snapshot"])
            #expect(recorded.exitCode == 0, "\(recorded.standardErrorText)")
            #expect(recorded.standardOutputText.contains("9 files from 3 nodes"))
            let listed = try await plugin.kubectl(["nks-sync", "log", "--snapshots", "-o", "name"])
            let name = try #require(listed.standardOutputText.split(separator: "\n").first.map(String.init))

            try await lab.writeFile("GRUB_CMDLINE_LINUX=\"quiet\"\n", to: "/etc/default/grub", on: "worker-2")
            let since = try await plugin.kubectl(["nks-sync", "diff", "--since", name])
            #expect(since.exitCode == 1)
            #expect(since.standardOutputText.hasPrefix("# /etc/default/grub — 1 node: worker-2\n--- \(name):/etc/default/grub\n+++ node:/etc/default/grub\n"))
            #expect(since.standardOutputText.contains("+GRUB_CMDLINE_LINUX=\"quiet\"\n"))
            #expect(!since.standardOutputText.contains("worker-3"), "worker-3's old drift is not a change since the snapshot")
            #expect(try await plugin.git(["status", "--porcelain"]).standardOutputText.isEmpty)
        }
    }

    struct Report: Decodable {
        var revision: String
        var nodes: [NodeReport]
        struct NodeReport: Decodable {
            var name: String
            var group: String
            var reachable: Bool
            var appliedRevision: String?
            var entries: [Entry]
        }
        struct Entry: Decodable {
            var path: String
            var kind: String
            var state: String
            var detail: String
        }
    }
}
