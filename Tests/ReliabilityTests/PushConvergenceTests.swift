// The states a cut push leaves behind, as the next `kubectl nks-sync push` finds them: the
// files already right but the marker or the Node annotation behind. The rerun must bring
// both to the revision, and touch nothing on nodes nks-sync never pushed.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PushConvergenceTests {
    static let canonical = "setting = new\n"
    static let scenario = "name: convergence\ndefaults:\n  files:\n    /etc/nks/app.conf: {content: \"setting = new\\n\"}\n"
    static let marker = "/var/lib/nks-sync/applied-revision"
    static let older = String(repeating: "c", count: 40)

    @Test func aRerunRecordsTheRevisionWhereACutPushLeftItBehind() async throws {
        try await withLab(yaml: Self.scenario, nodes: 3) { lab in
            let store = try await PluginStore(lab: lab, manifest: "version: 1\nentries:\n  - path: /etc/nks/app.conf\n", files: ["/etc/nks/app.conf": Self.canonical])
            defer { store.remove() }
            // worker-1: cut before the marker (an older marker, no annotation);
            // worker-2: marker written, annotation failed; worker-3: never pushed.
            try await lab.writeFile(Self.older + "\n", to: Self.marker, on: "worker-1")
            try await lab.writeFile(store.revision + "\n", to: Self.marker, on: "worker-2")

            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 0, "\(push.standardOutputText)\(push.standardErrorText)")
            #expect(push.standardOutputText.contains("Plan: revision \(store.revision.prefix(12)) to 2 nodes"), "\(push.standardOutputText)")
            for node in ["worker-1", "worker-2"] {
                #expect(try await lab.readFile(Self.marker, on: node) == store.revision + "\n", "\(node)")
                let annotation = try await store.kubectl(["get", "node", node, "-o", "jsonpath={.metadata.annotations.nks-sync\\.kubectl-nks\\.io/revision}"])
                #expect(annotation.standardOutputText == store.revision, "\(node)")
            }
            #expect(try await lab.run(["test", "-e", Self.marker], on: "worker-3").exitCode == 1, "a node never pushed got a marker")

            let again = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(again.exitCode == 0)
            #expect(again.standardOutputText.hasPrefix("Nothing to push: 3 nodes match revision \(store.revision.prefix(12))"), "\(again.standardOutputText)")
        }
    }
}
