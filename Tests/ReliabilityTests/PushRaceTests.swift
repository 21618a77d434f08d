// Two pushes at once, through the real kubectl against sshd nodes. From one store: the
// store's lock lets exactly one run and refuses the other with who holds it. From two
// stores (two operators' clones with different content), which no lock can order: a push
// never overwrites a file that changed since it read the node (compare-and-swap), says so
// for each such node, and a rerun converges.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PushRaceTests {
    static let nodes = (1...6).map { "worker-\($0)" }
    static let path = "/etc/nks/app.conf"
    static let scenario = "name: race\ndefaults:\n  files:\n    /etc/nks/app.conf: {content: \"setting = old\\n\"}\n"
    static let manifest = """
        version: 1
        entries:
          - path: /etc/nks/app.conf
            activate: ["sleep $(cat /etc/nks/slow 2>/dev/null || echo 0)"]
        """

    @Test func twoPushesFromOneStoreRunOneAtATime() async throws {
        try await withLab(yaml: Self.scenario, nodes: Self.nodes.count) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: "setting = new\n"])
            defer { store.remove() }
            // Long enough that the first still holds the lock when the second starts.
            for node in Self.nodes { try await lab.writeFile("5\n", to: "/etc/nks/slow", on: node) }

            async let first = store.kubectl(["nks-sync", "push", "--yes"])
            async let second = store.kubectl(["nks-sync", "push", "--yes"])
            let outputs = try await [first, second]

            #expect(outputs.map(\.exitCode).sorted() == [0, 2], "\(outputs.map { $0.standardOutputText + $0.standardErrorText })")
            let refused = try #require(outputs.first { $0.exitCode == 2 })
            #expect(refused.standardErrorText.hasPrefix("error: another push holds the store's lock ("), "\(refused.standardErrorText)")
            #expect(refused.standardErrorText.contains(" pid "), "the refusal does not say who holds the lock")
            #expect(refused.standardOutputText.isEmpty, "the refused push showed a plan")
            for node in Self.nodes { #expect(try await lab.readFile(Self.path, on: node) == "setting = new\n", "\(node)") }
            let records = try await store.git(["for-each-ref", "refs/nks/pushes"]).standardOutputText.split(separator: "\n")
            #expect(records.count == 1, "\(records)")
            #expect(!FileManager.default.fileExists(atPath: store.store + "/.git/nks-sync-push.lock"))
        }
    }

    /// Bob's push is frozen (SIGSTOP) after its canary node, in its pause before the next
    /// batch, with the plan for the others already made from what it read; Alice pushes to every node meanwhile. When Bob
    /// resumes, each of his writes expects the old file and finds Alice's.
    @Test func aPushNeverOverwritesWhatChangedSinceItReadTheNode() async throws {
        try await withLab(yaml: Self.scenario, nodes: Self.nodes.count) { lab in
            let contents = (alice: "setting = alice\n" + String(repeating: "# alice\n", count: 4000), bob: "setting = bob\n" + String(repeating: "# bob\n", count: 4000))
            let alice = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: contents.alice])
            let bob = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: contents.bob])
            defer { alice.remove(); bob.remove() }

            // The pause after the canary is the window in which the freeze must land.
            let bobsPush = RunningPlugin(["nks-sync", "push", "--yes", "--batches", "1,100%", "--pause", "30s", "--max-failures", "100%"], store: bob)
            // Frozen only once the canary is finished (file and marker), so no command of
            // Bob's is still on its way to a node: two stores' pushes to one node at the
            // same moment are not ordered (see the README's Safety section).
            let canary = try await Self.waitForAnyNode(holding: contents.bob, marker: bob.revision, lab)
            try await bobsPush.signal(SIGSTOP)
            let alicesPush = try await alice.kubectl(["nks-sync", "push", "--yes"])
            try await bobsPush.signal(SIGCONT)
            let bobs = try await bobsPush.finished()

            #expect(alicesPush.exitCode == 0, "\(alicesPush.standardOutputText)\(alicesPush.standardErrorText)")
            #expect(bobs.exitCode == 2, "\(bobs.standardOutputText)\(bobs.standardErrorText)")
            let aliceHash = Hashing.sha256Hex(Data(contents.alice.utf8))
            for node in Self.nodes {
                #expect(try await lab.readFile(Self.path, on: node) == contents.alice, "\(node): Bob overwrote a file he never read")
                #expect(try await lab.readFile("/var/lib/nks-sync/applied-revision", on: node) == alice.revision + "\n", "\(node): the marker does not name what the node holds")
                if node != canary {
                    #expect(bobs.standardErrorText.contains("\(node): failed: \(node): \(Self.path) was not written (changed-on-node: \(aliceHash)); the old file is unchanged"), "\(node): \(bobs.standardErrorText)")
                }
            }

            let rerun = try await bob.kubectl(["nks-sync", "push", "--yes"])
            #expect(rerun.exitCode == 0, "\(rerun.standardOutputText)\(rerun.standardErrorText)")
            for node in Self.nodes {
                #expect(try await lab.readFile(Self.path, on: node) == contents.bob, "\(node)")
                #expect(try await lab.readFile("/var/lib/nks-sync/applied-revision", on: node) == bob.revision + "\n", "\(node)")
            }
        }
    }

    static func waitForAnyNode(holding content: String, marker: String, _ lab: Lab) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            for node in nodes where try await lab.readFile(path, on: node) == content {
                let applied = try? await lab.readFile("/var/lib/nks-sync/applied-revision", on: node)
                if applied == marker + "\n" { return node }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestError("no node received the canary write within 120s")
    }
}
