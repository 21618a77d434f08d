// A push cut at each of its steps, against real sshd nodes: the managed file is always the
// whole old file or the whole new one, no name an include-directory reader would pick up is
// left behind, the marker never claims a revision that was not completed, and a rerun
// converges. Each case runs on three nodes at once, so every cut is tried three times.
import Foundation
import NKSCore
import NKSLab
import NKSStore
@testable import NKSSync
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PushAtomicityTests {
    static let path = "/etc/logrotate.d/docker"
    static let marker = "/var/lib/nks-sync/applied-revision"
    static let old = "/var/lib/docker/containers/*/*.log {\n  rotate 10\n  daily\n}\n"
    /// Large enough that a cut transfer is visibly partial.
    static let new = "/var/lib/docker/containers/*/*.log {\n  rotate 5\n  maxsize 100M\n"
        + String(repeating: "  # keep five files of at most 100 MB each\n", count: 2000) + "}\n"
    static let oldRevision = String(repeating: "a", count: 40)
    static let newRevision = String(repeating: "b", count: 40)
    static let nodes = ["worker-1", "worker-2", "worker-3"]

    static let scenario = """
        name: push-cuts
        defaults:
          files:
            /etc/logrotate.d/docker: {content: "\(old.replacingOccurrences(of: "\n", with: "\\n"))"}
        """

    /// What the node must hold after the cut. One push to a node is one round trip: the file,
    /// then, in the same script, the activation commands and the applied-revision marker.
    struct Case: Sendable, CustomStringConvertible {
        var step: String
        var roundTrip: Int
        var cut: Cut
        var fileAfterCut: String
        var markerAfterCut: String
        var activated: Bool
        var description: String { "\(step): \(cut)" }
    }

    static let cases: [Case] = [
        Case(step: "before the write", roundTrip: 1, cut: .beforeStart, fileAfterCut: old, markerAfterCut: oldRevision, activated: false),
        Case(step: "mid-write, input cut", roundTrip: 1, cut: .truncatedInput(bytes: new.utf8.count / 2), fileAfterCut: old, markerAfterCut: oldRevision, activated: false),
        Case(step: "mid-write, no input at all", roundTrip: 1, cut: .truncatedInput(bytes: 0), fileAfterCut: old, markerAfterCut: oldRevision, activated: false),
        Case(step: "temp file written, before checks", roundTrip: 1, cut: .killAfterLine(startingWith: "head -c"), fileAfterCut: old, markerAfterCut: oldRevision, activated: false),
        Case(step: "backup taken, before the rename", roundTrip: 1, cut: .killAfterLine(startingWith: "  cp -p \"$target\" \"$bk\""), fileAfterCut: old, markerAfterCut: oldRevision, activated: false),
        Case(step: "after the rename", roundTrip: 1, cut: .killAfterLine(startingWith: "mv -f"), fileAfterCut: new, markerAfterCut: oldRevision, activated: false),
        // Everything ran; only the answer is missing, so the push reports a failure and the
        // rerun finds the node done.
        Case(step: "after the write, activation and marker, answer lost", roundTrip: 1, cut: .answerLost, fileAfterCut: new, markerAfterCut: newRevision, activated: true),
        Case(step: "during activation", roundTrip: 1, cut: .killAfterLine(startingWith: "systemctl reload rsyslog"), fileAfterCut: new, markerAfterCut: oldRevision, activated: false),
        Case(step: "before the marker", roundTrip: 1, cut: .killAfterLine(startingWith: "systemctl reload crond"), fileAfterCut: new, markerAfterCut: oldRevision, activated: true),
        Case(step: "mid-marker, before its rename", roundTrip: 1, cut: .killAfterLine(startingWith: "printf '%s\\n'"), fileAfterCut: new, markerAfterCut: oldRevision, activated: true),
    ]

    @Test func aCutPushLeavesTheOldOrTheNewFileAndARerunConverges() async throws {
        try await withLab(yaml: Self.scenario, nodes: Self.nodes.count) { lab in
            let ssh = try lab.sshTransport()
            defer { Task { await ssh.shutdown() } }
            for testCase in Self.cases {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for node in Self.nodes {
                        group.addTask { try await Self.cutAndRerun(testCase, on: node, lab: lab, ssh: ssh) }
                    }
                    try await group.waitForAll()
                }
            }
        }
    }

    static func cutAndRerun(_ testCase: Case, on node: String, lab: Lab, ssh: SSHTransport) async throws {
        try await lab.writeFile(old, to: path, on: node)
        try await lab.writeFile(oldRevision + "\n", to: marker, on: node)
        try await lab.shell("rm -f /var/lib/nks-lab/calls.log", on: node)

        let visibleBefore = try await readerVisibleNames(on: node, lab: lab)

        let cutting = CuttingTransport(ssh, cutting: testCase.roundTrip, testCase.cut)
        let result = await pusher(cutting, lab: lab).push(try await plan(for: node, lab: lab, previous: old))
        #expect(cutting.didCut, "\(testCase) on \(node): the chosen round trip never happened")
        #expect(result.outcome == .failed, "\(testCase) on \(node): \(result.steps)")
        #expect(result.error?.isEmpty == false)

        let file = try await lab.readFile(path, on: node)
        #expect(file == testCase.fileAfterCut, "\(testCase) on \(node): the file is \(file == old ? "old" : file == new ? "new" : "PARTIAL (\(file.utf8.count) bytes)")")
        #expect(try await lab.readFile(marker, on: node) == testCase.markerAfterCut + "\n", "\(testCase) on \(node)")
        #expect(try await readerVisibleNames(on: node, lab: lab) == visibleBefore, "\(testCase) on \(node)")
        let calls = try await lab.shell("cat /var/lib/nks-lab/calls.log 2>/dev/null || true", on: node).split(separator: "\n").map(String.init)
        #expect(calls.contains("'systemctl' 'reload' 'crond'") == testCase.activated, "\(testCase) on \(node): \(calls)")

        // The rerun plans from what the node has now, as a new scan would.
        let rerun = await pusher(ssh, lab: lab).push(try await plan(for: node, lab: lab, previous: file))
        #expect(rerun.outcome == .pushed, "\(testCase) rerun on \(node): \(rerun.error ?? "")")
        #expect(try await lab.readFile(path, on: node) == new, "\(testCase) rerun on \(node)")
        #expect(try await lab.readFile(marker, on: node) == newRevision + "\n", "\(testCase) rerun on \(node)")
    }

    /// Names in the include directory that logrotate would read: everything except the
    /// names it skips (a trailing `~`), which is what an interrupted temp file is called.
    static func readerVisibleNames(on node: String, lab: Lab) async throws -> [String] {
        let listing = try await lab.shell("ls -A /etc/logrotate.d", on: node)
        return listing.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("~") }.sorted()
    }

    static func plan(for node: String, lab: Lab, previous: String) async throws -> NodePushPlan {
        let object = try await lab.kubectl.get(Node.self, name: node, namespace: nil)
        let write = PlannedWrite(
            path: path, kind: "file", content: Data(new.utf8), owner: "root", group: "root", mode: 0o644, validator: nil,
            expectedPrevious: .sha256(Hashing.sha256Hex(Data(previous.utf8))),
            activate: ["systemctl reload rsyslog", "systemctl reload crond"], disruption: .none)
        return NodePushPlan(node: InventoryNode(node: object, target: try await lab.target(node), facts: NodeFacts(name: node), groups: []),
                            target: try await lab.target(node), writes: [write], needsRestart: false, needsReboot: false)
    }

    static func pusher(_ transport: any NodeTransport, lab: Lab) -> NodePusher {
        NodePusher(transport: transport, kubernetes: lab.kubectl, revision: newRevision, commandTimeout: .seconds(60),
                   waitTimeout: .seconds(60), reboot: .none, drain: { _ in })
    }
}
