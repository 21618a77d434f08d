// SIGINT and SIGTERM in the middle of a rollout, sent to the real plugin run through the real
// kubectl against sshd nodes. One Ctrl-C (to the whole process group, as a terminal sends
// it): no further node starts, the nodes in progress finish, the push is recorded, the lock
// released, and the summary and exit status say so. A second signal interrupts the nodes in
// progress: their file is whole, their activation is owed, and the rerun runs it.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PushInterruptionTests {
    static let nodes = (1...6).map { "worker-\($0)" }
    static let path = "/etc/nks/app.conf"
    static let old = "setting = old\n"
    static let new = "setting = new\n"
    static let marker = "/var/lib/nks-sync/applied-revision"
    static let flag = "/var/lib/nks-sync/pending-activation"
    static let scenario = "name: interruption\ndefaults:\n  files:\n    /etc/nks/app.conf: {content: \"setting = old\\n\"}\n"
    /// The activation sleeps as many seconds as /etc/nks/slow says, then reloads crond,
    /// which the lab's systemctl records.
    static let manifest = """
        version: 1
        entries:
          - path: /etc/nks/app.conf
            activate: ["sleep $(cat /etc/nks/slow 2>/dev/null || echo 0)", "systemctl reload crond"]
        """

    struct NodeState: Equatable {
        var file: String
        var marker: String?
        var flagged: Bool
        var reloaded: Bool
    }

    static func state(of node: String, lab: Lab) async throws -> NodeState {
        let marker = try await lab.shell("cat \(Self.marker) 2>/dev/null || true", on: node)
        let calls = try await lab.shell("cat /var/lib/nks-lab/calls.log 2>/dev/null || true", on: node)
        return NodeState(file: try await lab.readFile(path, on: node), marker: marker.isEmpty ? nil : marker.trimmingCharacters(in: .newlines),
                         flagged: try await lab.run(["test", "-e", flag], on: node).exitCode == 0,
                         reloaded: calls.contains("'systemctl' 'reload' 'crond'"))
    }

    /// Waits until a node has the new file: from then on it is in its activation.
    static func waitForAFirstWrite(_ lab: Lab) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            for node in nodes where try await lab.readFile(path, on: node) == new { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestError("no node was written within 120s")
    }

    static func slowActivation(_ seconds: Int, _ lab: Lab) async throws {
        for node in nodes { try await lab.writeFile("\(seconds)\n", to: "/etc/nks/slow", on: node) }
    }

    static func pushRecordSubjects(_ store: PluginStore) async throws -> [String] {
        let refs = try await store.git(["for-each-ref", "--format=%(refname)", "refs/nks/pushes"]).standardOutputText.split(separator: "\n").map(String.init)
        var subjects: [String] = []
        for ref in refs { subjects.append(try await store.git(["log", "-1", "--format=%s", ref]).standardOutputText.trimmingCharacters(in: .newlines)) }
        return subjects
    }

    @Test func ctrlCStartsNoFurtherNodeAndTheNodesInProgressFinish() async throws {
        try await withLab(yaml: Self.scenario, nodes: Self.nodes.count) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: Self.new])
            defer { store.remove() }
            try await Self.slowActivation(4, lab)

            let push = RunningPlugin(["nks-sync", "push", "--yes", "--parallel", "2"], store: store)
            try await Self.waitForAFirstWrite(lab)
            try await push.signalGroup(SIGINT)
            let output = try await push.finished()

            #expect(output.exitCode == 130, "\(output.standardOutputText)\(output.standardErrorText)")
            var pushed: [String] = []
            for node in Self.nodes {
                let state = try await Self.state(of: node, lab: lab)
                if state.file == Self.new {
                    pushed.append(node)
                    #expect(state == NodeState(file: Self.new, marker: store.revision, flagged: false, reloaded: true), "\(node) was not finished")
                } else {
                    #expect(state == NodeState(file: Self.old, marker: nil, flagged: false, reloaded: false), "\(node) was touched")
                }
            }
            #expect((1...2).contains(pushed.count), "more nodes ran than --parallel 2 allows in progress: \(pushed)")
            let tally = "\(pushed.count) pushed, \(Self.nodes.count - pushed.count) not started"
            #expect(output.standardErrorText.contains("SIGINT: starting no further node; the nodes in progress are finishing"), "\(output.standardErrorText)")
            #expect(output.standardErrorText.contains("warning: push interrupted by SIGINT: \(tally); rerun push to continue"), "\(output.standardErrorText)")
            #expect(output.standardOutputText.components(separatedBy: "not-started").count - 1 == Self.nodes.count - pushed.count, "\(output.standardOutputText)")
            #expect(!FileManager.default.fileExists(atPath: store.store + "/.git/nks-sync-push.lock"), "the lock was left behind")
            #expect(try await Self.pushRecordSubjects(store) == ["Push \(store.revision.prefix(12)): \(tally)"])

            try await Self.slowActivation(0, lab)
            let rerun = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(rerun.exitCode == 0, "\(rerun.standardOutputText)\(rerun.standardErrorText)")
            for node in Self.nodes {
                #expect(try await Self.state(of: node, lab: lab) == NodeState(file: Self.new, marker: store.revision, flagged: false, reloaded: true), "\(node)")
            }
        }
    }

    @Test func aSecondSIGTERMInterruptsTheNodesInProgressAndTheRerunRunsTheirActivation() async throws {
        try await withLab(yaml: Self.scenario, nodes: Self.nodes.count) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: [Self.path: Self.new])
            defer { store.remove() }
            try await Self.slowActivation(120, lab)

            let push = RunningPlugin(["nks-sync", "push", "--yes", "--parallel", "2"], store: store)
            try await Self.waitForAFirstWrite(lab)
            try await push.signal(SIGTERM)
            try await Task.sleep(for: .milliseconds(500))
            try await push.signal(SIGTERM)
            let output = try await push.finished()

            #expect(output.exitCode == 143, "\(output.standardOutputText)\(output.standardErrorText)")
            #expect(output.standardErrorText.contains("SIGTERM again: interrupting the nodes in progress"), "\(output.standardErrorText)")
            var interrupted: [String] = []
            for node in Self.nodes {
                let state = try await Self.state(of: node, lab: lab)
                if state.file == Self.new {
                    interrupted.append(node)
                    #expect(state == NodeState(file: Self.new, marker: nil, flagged: true, reloaded: false), "\(node)")
                } else {
                    #expect(state == NodeState(file: Self.old, marker: nil, flagged: false, reloaded: false), "\(node) was touched")
                }
            }
            #expect((1...2).contains(interrupted.count), "\(interrupted)")
            for node in interrupted {
                // The write and its activation are one round trip, cut before its answer came.
                #expect(output.standardOutputText.contains("\(node)   interrupted   interrupted (before any step was confirmed); a rerun of push finishes it"), "\(output.standardOutputText)")
            }
            #expect(!FileManager.default.fileExists(atPath: store.store + "/.git/nks-sync-push.lock"), "the lock was left behind")
            #expect(try await Self.pushRecordSubjects(store).first?.contains("\(interrupted.count) interrupted") == true)

            try await Self.slowActivation(0, lab)
            let rerun = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(rerun.exitCode == 0, "\(rerun.standardOutputText)\(rerun.standardErrorText)")
            for node in interrupted {
                #expect(rerun.standardOutputText.contains("(activation not run)"), "\(rerun.standardOutputText)")
                #expect(try await Self.state(of: node, lab: lab) == NodeState(file: Self.new, marker: store.revision, flagged: false, reloaded: true), "\(node): the owed activation did not run")
            }
            for node in Self.nodes where !interrupted.contains(node) {
                #expect(try await Self.state(of: node, lab: lab) == NodeState(file: Self.new, marker: store.revision, flagged: false, reloaded: true), "\(node)")
            }
        }
    }
}
