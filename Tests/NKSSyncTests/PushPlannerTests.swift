// What a push plans for nodes whose files already match: nothing for a node nks-sync never
// pushed, the record for one whose marker is behind, and the activation commands for one a
// push left between a file's rename and its activation.
import Foundation
import Testing
@testable import NKSCore
@testable import NKSStore
@testable import NKSSync

@Suite struct PushPlannerTests {
    static let manifest = """
        version: 1
        entries:
          - path: /etc/rsyslog.d/50-default.conf
            activate: [systemctl restart rsyslog]
          - path: /etc/logrotate.d/docker
          - path: /etc/sysctl.d/90-nks.conf
            activate: [sysctl --system, systemctl restart rsyslog]
        """

    static func revision() throws -> StoreRevision {
        StoreRevision(id: String(repeating: "b", count: 40), shortID: "bbbbbbbbbbbb", manifest: try ManifestParser.parse(manifest), canonicalFiles: [:])
    }

    static func node(marker: String?, activationPending: Bool) -> ScannedNode {
        let target = NodeTarget(name: "worker-1", address: "10.0.0.1")
        let inventory = InventoryNode(node: Node(metadata: ObjectMeta(name: "worker-1")), target: target, facts: NodeFacts(name: "worker-1"), groups: [])
        let statuses = ["/etc/rsyslog.d/50-default.conf", "/etc/logrotate.d/docker", "/etc/sysctl.d/90-nks.conf"].map {
            EntryStatus(path: $0, kind: "file", state: .inSync, detail: "")
        }
        return ScannedNode(inventory: inventory, error: nil, appliedRevision: marker, activationPending: activationPending, statuses: statuses)
    }

    @Test func aNodeLeftBeforeItsActivationGetsEveryInSyncEntrysActivationOnce() throws {
        let (plans, skipped) = PushPlanner.plan([Self.node(marker: nil, activationPending: true)], revision: try Self.revision())
        #expect(skipped.isEmpty)
        let plan = try #require(plans.first)
        #expect(plan.writes.isEmpty)
        #expect(plan.recordOnly)
        #expect(plan.pendingActivation == ["systemctl restart rsyslog", "sysctl --system"])
    }

    @Test func aNodeNeverPushedIsLeftAlone() throws {
        let (plans, _) = PushPlanner.plan([Self.node(marker: nil, activationPending: false)], revision: try Self.revision())
        #expect(plans.isEmpty)
    }

    @Test func aMarkerBehindRecordsTheRevisionWithoutActivating() throws {
        let (plans, _) = PushPlanner.plan([Self.node(marker: String(repeating: "a", count: 40), activationPending: false)], revision: try Self.revision())
        let plan = try #require(plans.first)
        #expect(plan.recordOnly)
        #expect(plan.pendingActivation.isEmpty)
    }

    @Test func theScanReadsTheMarkerAndTheFlagAsFilesBesideTheManagedOnes() throws {
        let revision = try Self.revision()
        #expect(DriftScanner.request(for: revision).files == [
            "/etc/logrotate.d/docker", "/etc/rsyslog.d/50-default.conf", "/etc/sysctl.d/90-nks.conf",
            NodeStatePaths.appliedRevision, NodeStatePaths.pendingActivation,
        ].sorted(), "no /proc/cmdline without kernel arguments to check")

        func evaluate(marker: String?, flagged: Bool) -> ScannedNode {
            var files: [String: RemoteFile] = [:]
            files[NodeStatePaths.appliedRevision] = marker.map { RemoteFile(path: NodeStatePaths.appliedRevision, state: .present, content: Data($0.utf8)) }
                ?? RemoteFile(path: NodeStatePaths.appliedRevision, state: .missing)
            files[NodeStatePaths.pendingActivation] = RemoteFile(path: NodeStatePaths.pendingActivation, state: flagged ? .present : .missing, content: flagged ? Data() : nil)
            let snapshot = NodeSnapshot(node: "worker-1", files: files, commands: [:])
            return DriftScanner.evaluate(Self.node(marker: nil, activationPending: false).inventory, snapshot: snapshot, kubeletConfig: nil, revision: revision)
        }
        let marker = String(repeating: "a", count: 40)
        let both = evaluate(marker: marker + "\n", flagged: true)
        #expect(both.appliedRevision == marker)
        #expect(both.activationPending)
        let flagOnly = evaluate(marker: nil, flagged: true)
        #expect(flagOnly.appliedRevision == nil)
        #expect(flagOnly.activationPending)
        let markerOnly = evaluate(marker: marker + "\n", flagged: false)
        #expect(markerOnly.appliedRevision == marker)
        #expect(!markerOnly.activationPending)
    }

    @Test func aNodeWithAnEntryThatCannotBeBroughtIsPushedPartlyAndMarkedSo() throws {
        var node = Self.node(marker: nil, activationPending: false)
        node.statuses[0] = EntryStatus(path: "/etc/rsyslog.d/50-default.conf", kind: "file", state: .drifted, detail: "", desired: "new\n", actual: "old\n")
        node.statuses[1] = EntryStatus(path: "/etc/logrotate.d/docker", kind: "file", state: .unreadable, detail: "permission denied")
        let (plans, skipped) = PushPlanner.plan([node], revision: try Self.revision())
        #expect(skipped.isEmpty)
        let plan = try #require(plans.first)
        #expect(plan.writes.map(\.path) == ["/etc/rsyslog.d/50-default.conf"])
        #expect(plan.blocked == ["/etc/logrotate.d/docker: permission denied"])
    }

    @Test func nodesLeftOutAreSkippedWithWhy() throws {
        var unreadable = Self.node(marker: nil, activationPending: false)
        unreadable.statuses[1] = EntryStatus(path: "/etc/logrotate.d/docker", kind: "file", state: .unreadable, detail: "permission denied")
        var cut = Self.node(marker: nil, activationPending: false)
        cut.inventory = InventoryNode(node: Node(metadata: ObjectMeta(name: "worker-2")), target: NodeTarget(name: "worker-2", address: "10.0.0.2"), facts: NodeFacts(name: "worker-2"), groups: [])
        cut.error = "no answer within 8s (--node-timeout)"
        let (plans, skipped) = PushPlanner.plan([unreadable, cut], revision: try Self.revision())
        #expect(plans.isEmpty)
        #expect(skipped == [
            SkippedNode(node: "worker-1", outcome: .skipped, reason: "/etc/logrotate.d/docker: permission denied"),
            SkippedNode(node: "worker-2", outcome: .unreachable, reason: "no answer within 8s (--node-timeout)"),
        ])
        let view = PushPlanView.summary(RolloutResult(results: [], notStarted: []), skipped: skipped)
        #expect(view.contains("worker-2   unreachable   no answer within 8s (--node-timeout)"), "\(view)")
        #expect(!PushPlanView.isComplete(RolloutResult(results: [], notStarted: []), skipped: skipped))
        #expect(PushPlanView.tally(RolloutResult(results: [], notStarted: []), skipped: skipped) == "1 unreachable, 1 skipped")
    }
}
