// A push, status or diff that could not reach every node must never look finished: through
// the real kubectl against sshd nodes, one node whose sshd is gone and one that accepts the
// connection but never answers (its sshd frozen) while the others are pushed. Every node left
// out is in the results table with why, and the exit status is 2.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PushCompletenessTests {
    static let path = "/etc/nks/app.conf"
    static let scenario = "name: completeness\ndefaults:\n  files:\n    /etc/nks/app.conf: {content: \"setting = old\\n\"}\n"
    static let manifest = "version: 1\nentries:\n  - path: /etc/nks/app.conf\n"
    static let marker = "/var/lib/nks-sync/applied-revision"

    @Test func nodesTheScanCouldNotReachAreListedAndTheExitSaysSo() async throws {
        try await withLab(yaml: Self.scenario, nodes: 4) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: "setting = new\n"])
            defer { store.remove() }
            try await lab.stopNode("worker-2")
            guard let hanging = await lab.node(named: "worker-3")?.pid else { throw TestError("worker-3 has no sshd") }
            kill(hanging, SIGSTOP)
            defer { kill(hanging, SIGCONT) }

            let push = try await store.kubectl(["nks-sync", "push", "--yes", "--node-timeout", "8s"])
            let out = push.standardOutputText
            #expect(push.exitCode == 2, "\(out)\(push.standardErrorText)")
            #expect(out.contains("Plan: revision \(store.revision.prefix(12)) to 2 nodes"), "\(out)")
            let summary = try #require(out.components(separatedBy: "\nNODE ").last.map { "NODE " + $0 }, "\(out)")
            for node in ["worker-1", "worker-4"] {
                #expect(Self.row(node, in: summary)?.contains(" pushed ") == true, "\(node): \(summary)")
                #expect(try await lab.readFile(Self.path, on: node) == "setting = new\n", "\(node)")
            }
            let dead = try #require(Self.row("worker-2", in: summary), "worker-2 missing from the results table: \(summary)")
            #expect(dead.contains("unreachable") && dead.contains("unreachable over SSH"), "\(dead)")
            let frozen = try #require(Self.row("worker-3", in: summary), "worker-3 missing from the results table: \(summary)")
            #expect(frozen.contains("unreachable") && frozen.contains("no answer within 8s (--node-timeout)"), "\(frozen)")
            #expect(push.standardErrorText.contains("not every node is at revision \(store.revision.prefix(12)): 2 pushed, 2 unreachable"), "\(push.standardErrorText)")
            let record = try await store.git(["log", "-1", "--format=%s", "--glob=refs/nks/pushes/*"]).standardOutputText
            #expect(record.contains("2 pushed, 2 unreachable"), "the store's push record hides the skipped nodes: \(record)")

            // status and diff say the same: drift on worker-3 is unknown, so 2 and not 1.
            kill(hanging, SIGCONT)
            try await lab.shell("printf 'setting = hand-edited\\n' > \(Self.path)", on: "worker-4")
            let status = try await store.kubectl(["nks-sync", "status", "--node-timeout", "8s"])
            #expect(status.exitCode == 2, "drift found on checked nodes hid an unreachable one: \(status.standardOutputText)")
            #expect(status.standardOutputText.contains("1 unreachable"), "\(status.standardOutputText)")
            let diff = try await store.kubectl(["nks-sync", "diff", "--node-timeout", "8s"])
            #expect(diff.exitCode == 2, "\(diff.standardOutputText)\(diff.standardErrorText)")
            #expect(diff.standardOutputText.contains("worker-4"), "\(diff.standardOutputText)")
            #expect(diff.standardErrorText.contains("warning: worker-2 not compared: "), "\(diff.standardErrorText)")
        }
    }

    @Test func aNodeWithAnEntryItCannotReadGetsItsOtherFilesButNoRevision() async throws {
        // worker-2's sshd runs without CAP_DAC_OVERRIDE, so its mode-000 file cannot be read:
        // what a login without sudo meets on a real node.
        let scenario = """
            name: completeness-unreadable
            defaults:
              files:
                /etc/nks/app.conf: {content: "setting = old\\n"}
                /etc/nks/held.conf: {content: "x = 1\\n"}
            overrides:
              - nodes: {names: "worker-2"}
                spec:
                  state: unreadable
                  files:
                    /etc/nks/held.conf: {content: "x = 1\\n", mode: "0000"}
            """
        try await withLab(yaml: scenario, nodes: 2) { lab in
            let manifest = "version: 1\nentries:\n  - path: /etc/nks/app.conf\n  - path: /etc/nks/held.conf\n"
            let store = try await PluginStore(lab: lab, manifest: manifest, files: [Self.path: "setting = new\n", "/etc/nks/held.conf": "x = 1\n"])
            defer { store.remove() }

            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            let out = push.standardOutputText
            #expect(push.exitCode == 2, "\(out)\(push.standardErrorText)")
            let summary = try #require(out.components(separatedBy: "\nNODE ").last.map { "NODE " + $0 }, "\(out)")
            #expect(Self.row("worker-1", in: summary)?.contains(" pushed ") == true, "\(summary)")
            let partial = try #require(Self.row("worker-2", in: summary), "\(summary)")
            #expect(partial.contains("incomplete") && partial.contains("revision not recorded: /etc/nks/held.conf: "), "\(partial)")
            #expect(try await lab.readFile(Self.path, on: "worker-2") == "setting = new\n", "the node's readable file was not pushed")
            #expect(try await lab.run(["test", "-e", Self.marker], on: "worker-2").exitCode == 1, "a node not at the revision got its marker")
            let annotation = try await store.kubectl(["get", "node", "worker-2", "-o", "jsonpath={.metadata.annotations.nks-sync\\.kubectl-nks\\.io/revision}"])
            #expect(annotation.standardOutputText.isEmpty, "a node not at the revision got its annotation")
            #expect(try await lab.readFile(Self.marker, on: "worker-1") == store.revision + "\n")
        }
    }

    /// The results-table row of `node`, if there is one.
    static func row(_ node: String, in table: String) -> String? {
        table.split(separator: "\n").map(String.init).first { $0.hasPrefix(node + " ") }
    }
}
