// A rollout stopped by the operator: a stop request starts no further node and lets those
// in progress finish; cancelling the rollout interrupts the nodes in progress, reports how
// far each got, and uncordons a node it had cordoned for a reboot.
import ArgumentParser
import Foundation
import Synchronization
import Testing
@testable import NKSCore
@testable import NKSStore
@testable import NKSSync

@Suite struct RolloutInterruptionTests {
    static func plan(_ name: String, needsReboot: Bool = false) -> NodePushPlan {
        let target = NodeTarget(name: name, address: "10.0.0.1")
        return NodePushPlan(node: InventoryNode(node: Node(metadata: ObjectMeta(name: name)), target: target, facts: NodeFacts(name: name), groups: []),
                            target: target, writes: [], needsRestart: false, needsReboot: needsReboot)
    }

    static let plans = (1...6).map { plan("worker-\($0)") }

    static func settings(parallel: Int) throws -> RolloutSettings {
        RolloutSettings(batches: try BatchPlan("1,100%"), parallel: parallel, maxUnavailable: try Threshold("1"), maxFailures: try Threshold("0"), pause: .zero)
    }

    @Test func aStopRequestStartsNoFurtherNodeAndTheNodesInProgressFinish() async throws {
        let stop = RolloutStop()
        let started = Mutex<[String]>([])
        let rollout = Rollout(settings: try Self.settings(parallel: 2), push: { plan in
            let count = started.withLock { $0.append(plan.node.name); return $0.count }
            // The operator's signal arrives while the second batch's first two nodes run.
            if count == 2 { stop.request("interrupted by SIGINT") }
            try? await Task.sleep(for: .milliseconds(20))
            return NodePushResult(node: plan.node.name, outcome: .pushed, steps: ["wrote /etc/x"], error: nil)
        }, stop: stop, report: { _ in })

        let result = await rollout.run(Self.plans)

        // The canary alone first; the second batch's two nodes start side by side, in either order.
        let order = started.withLock { $0 }
        #expect(order.first == "worker-1")
        #expect(order.sorted() == ["worker-1", "worker-2", "worker-3"])
        #expect(result.results.map(\.node).sorted() == ["worker-1", "worker-2", "worker-3"])
        #expect(result.results.allSatisfy { $0.outcome == .pushed }, "a node in progress was not finished")
        #expect(result.notStarted == ["worker-4", "worker-5", "worker-6"])
        #expect(result.stoppedBecause == "interrupted by SIGINT")
        #expect(PushPlanView.tally(result) == "3 pushed, 3 not started")
        #expect(PushPlanView.summary(result, skipped: []).contains("worker-4   not-started   the rollout stopped before this node"))
    }

    @Test func aRequestBeforeTheFirstNodeStartsNothing() async throws {
        let stop = RolloutStop()
        stop.request("interrupted by SIGTERM")
        stop.request("a later reason")
        let rollout = Rollout(settings: try Self.settings(parallel: 4), push: { plan in
            NodePushResult(node: plan.node.name, outcome: .pushed, steps: [], error: nil)
        }, stop: stop, report: { _ in })
        let result = await rollout.run(Self.plans)
        #expect(result.results.isEmpty)
        #expect(result.notStarted == Self.plans.map(\.node.name))
        #expect(result.stoppedBecause == "interrupted by SIGTERM")
    }

    @Test func cancellingTheRolloutInterruptsTheNodesInProgressAndSaysHowFarTheyGot() async throws {
        let nodes = StalledNodes(stallingOn: "mkdir -p")
        let cluster = RecordingCluster()
        let pusher = NodePusher(transport: nodes, kubernetes: cluster, revision: String(repeating: "b", count: 40), commandTimeout: .seconds(120),
                                waitTimeout: .seconds(120), reboot: .none, drain: { _ in })
        var plans = [Self.plan("worker-1"), Self.plan("worker-2")]
        for index in plans.indices { plans[index].pendingActivation = ["systemctl reload crond"] }
        let rollout = Rollout(settings: try Self.settings(parallel: 2), pusher: pusher, report: { _ in })
        // The first batch is one node (a canary), so worker-2 has not started.

        let running = Task { await rollout.run(plans) }
        await nodes.waitUntilStalled(count: 1)
        running.cancel()
        let result = await running.value

        #expect(result.results.count == 1)
        let first = try #require(result.results.first)
        #expect(first.outcome == .interrupted)
        #expect(first.node == "worker-1")
        #expect(first.steps.isEmpty)
        #expect(first.error == "interrupted (before any step was confirmed); a rerun of push finishes it")
        #expect(result.notStarted == ["worker-2"])
        #expect(cluster.patches.isEmpty, "the revision was recorded although activation never finished")
    }

    @Test func aNodeCordonedForItsRebootIsUncordonedWhenInterrupted() async throws {
        let cluster = RecordingCluster()
        let draining = AsyncStream<Void>.makeStream()
        let pusher = NodePusher(transport: StalledNodes(stallingOn: nil), kubernetes: cluster, revision: String(repeating: "b", count: 40),
                                commandTimeout: .seconds(120), waitTimeout: .seconds(120), reboot: .now,
                                drain: { _ in
                                    draining.continuation.yield()
                                    try await Task.sleep(for: .seconds(120))
                                })
        let running = Task { await pusher.push(Self.plan("worker-1", needsReboot: true)) }
        for await _ in draining.stream { break }
        running.cancel()
        let result = await running.value

        #expect(result.outcome == .interrupted)
        #expect(result.steps.suffix(2) == ["cordoned", "uncordoned after the interruption"])
        #expect(cluster.patches.filter { $0.contains("unschedulable") } == [#"{"spec":{"unschedulable":true}}"#, #"{"spec":{"unschedulable":false}}"#])
    }

    @Test func aSignalBeforeTheRolloutCancelsThePreparationAndNoRolloutStarts() async throws {
        let told = Mutex<[String]>([])
        let interruption = PushInterruption { line in told.withLock { $0.append(line) } }
        let preparation = Task<ExitCode, any Error> {
            try await Task.sleep(for: .seconds(120))
            return ExitStatus.success
        }
        interruption.preparing(preparation)
        interruption.received(SIGINT)
        await #expect(throws: CancellationError.self) { _ = try await preparation.value }
        #expect(interruption.signalBeforeRollout == SIGINT)
        #expect(interruption.rollOut({ RolloutResult(results: [], notStarted: [], stoppedBecause: nil) }) == nil, "a rollout started after the signal")
        #expect(told.withLock { $0 } == ["SIGINT: stopping; no node has been changed"])
    }

    @Test func signalsDuringTheRolloutFirstStopStartsThenInterrupt() async throws {
        let interruption = PushInterruption { _ in }
        interruption.preparing(Task { ExitStatus.success })
        let started = AsyncStream<Void>.makeStream()
        let rollout = try #require(interruption.rollOut {
            started.continuation.yield()
            try? await Task.sleep(for: .seconds(120))
            return RolloutResult(results: [], notStarted: [], stoppedBecause: Task.isCancelled ? "cancelled" : nil)
        })
        for await _ in started.stream { break }
        interruption.received(SIGTERM)
        #expect(interruption.stop.requested == "interrupted by SIGTERM")
        #expect(interruption.signalBeforeRollout == nil)
        interruption.received(SIGTERM)
        #expect(await rollout.value.stoppedBecause == "cancelled", "the second signal did not interrupt the nodes in progress")
    }
}

/// Nodes that answer every script at once, except one containing `stallingOn`, which waits
/// until it is cancelled. (Plans here write no files, only activate and record.)
final class StalledNodes: NodeTransport, @unchecked Sendable {
    private let stallingOn: String?
    private let stalled = Mutex(0)

    init(stallingOn: String?) { self.stallingOn = stallingOn }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        if let stallingOn, script.contains(stallingOn) {
            stalled.withLock { $0 += 1 }
            try await Task.sleep(for: .seconds(120))
        }
        return RemoteResult(exitCode: 0, standardOutput: Data(), standardError: Data())
    }

    func waitUntilStalled(count: Int) async {
        while stalled.withLock({ $0 }) < count { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func shutdown() async {}
}

/// A cluster that records the patches it is sent and knows no objects.
final class RecordingCluster: KubernetesAPI, @unchecked Sendable {
    private let recorded = Mutex<[String]>([])
    var patches: [String] { recorded.withLock { $0 } }

    func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope, labelSelector: String?, fieldSelector: String?) async throws -> [T] { [] }
    func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String?) async throws -> T { throw PushError(description: "\(name) not found") }
    func raw(_ path: String) async throws -> Data { throw PushError(description: "\(path) not found") }
    func logs(pod: String, namespace: String?, container: String?, previous: Bool, tailLines: Int?) async throws -> PodLogs {
        PodLogs(command: "", exitCode: 0, output: Data(), standardError: "")
    }
    func delete(resource: String, name: String, namespace: String?) async throws {}
    func create(_ object: Data, namespace: String?) async throws -> Data { Issue.record("a rollout creates no objects"); return Data() }
    func patch(resource: String, name: String, namespace: String?, patch: Data, type: PatchType) async throws -> Data {
        recorded.withLock { $0.append(String(decoding: patch, as: UTF8.self)) }
        return Data("{}".utf8)
    }
    func contexts() async throws -> [KubeContext] { [] }
    func currentContext() async throws -> String? { nil }
}
