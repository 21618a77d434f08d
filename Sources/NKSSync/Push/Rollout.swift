// Runs node pushes batch by batch: a canary first, then wider; at most --max-unavailable
// disruptive nodes at once; stops when failures pass --max-failures and says what was
// done and what was not. A rerun plans only what is still different, so it continues.
// An operator's stop request starts no further node and lets those in progress finish.
import Foundation
import NKSCore
import Synchronization

public struct RolloutSettings: Sendable {
    public var batches: BatchPlan
    public var parallel: Int
    public var maxUnavailable: Threshold
    public var maxFailures: Threshold
    public var pause: Duration

    public init(batches: BatchPlan, parallel: Int, maxUnavailable: Threshold, maxFailures: Threshold, pause: Duration) {
        self.batches = batches
        self.parallel = parallel
        self.maxUnavailable = maxUnavailable
        self.maxFailures = maxFailures
        self.pause = pause
    }
}

public struct RolloutResult: Sendable {
    public var results: [NodePushResult]
    /// Nodes never started because the rollout stopped.
    public var notStarted: [String]
    public var stoppedBecause: String?
}

/// A request, from outside the rollout (the operator's SIGINT), to start no more nodes.
/// The nodes in progress finish; cancelling the rollout's task interrupts them too.
public final class RolloutStop: Sendable {
    private let reason = Mutex<String?>(nil)

    public init() {}

    /// The first reason given is the one the summary shows.
    public func request(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    public var requested: String? { reason.withLock { $0 } }
}

public struct Rollout: Sendable {
    public var settings: RolloutSettings
    public var push: @Sendable (NodePushPlan) async -> NodePushResult
    public var stop: RolloutStop
    public var report: @Sendable (NodePushResult) -> Void

    public init(settings: RolloutSettings, pusher: NodePusher, stop: RolloutStop = RolloutStop(), report: @escaping @Sendable (NodePushResult) -> Void) {
        self.init(settings: settings, push: { await pusher.push($0) }, stop: stop, report: report)
    }

    public init(settings: RolloutSettings, push: @escaping @Sendable (NodePushPlan) async -> NodePushResult, stop: RolloutStop, report: @escaping @Sendable (NodePushResult) -> Void) {
        self.settings = settings
        self.push = push
        self.stop = stop
        self.report = report
    }

    public func run(_ plans: [NodePushPlan]) async -> RolloutResult {
        let sizes = settings.batches.sizes(total: plans.count)
        let allowedFailures = settings.maxFailures.count(of: plans.count)
        let unavailable = max(1, settings.maxUnavailable.count(of: plans.count))
        var results: [NodePushResult] = []
        var start = 0
        for (number, size) in sizes.enumerated() {
            if let reason = stopReason { return stopped(plans, results, reason) }
            let batch = Array(plans[start..<(start + size)])
            start += size
            let disruptive = batch.contains { $0.disruption >= .restartKubelet }
            let width = disruptive ? min(settings.parallel, unavailable) : settings.parallel
            let (push, report, stop) = (self.push, self.report, self.stop)
            let batchResults = await withTaskGroup(of: NodePushResult.self) { group in
                var pending = batch[...]
                var collected: [NodePushResult] = []
                // Checked before every start, so a stop request lets no further node begin.
                func startNext() {
                    guard stop.requested == nil, !Task.isCancelled, let plan = pending.popFirst() else { return }
                    group.addTask { await push(plan) }
                }
                for _ in 0..<width { startNext() }
                while let result = await group.next() {
                    report(result)
                    collected.append(result)
                    startNext()
                }
                return collected
            }
            results += batchResults
            if let reason = stopReason { return stopped(plans, results, reason) }
            let failures = results.filter { $0.outcome == .failed }.count
            if failures > allowedFailures {
                return stopped(plans, results, "\(failures) node\(failures == 1 ? "" : "s") failed, more than --max-failures allows (\(allowedFailures)); stopped after batch \(number + 1) of \(sizes.count)")
            }
            if start < plans.count && settings.pause > Duration.zero { try? await Task.sleep(for: settings.pause) }
        }
        return RolloutResult(results: results, notStarted: [], stoppedBecause: nil)
    }

    private var stopReason: String? {
        stop.requested ?? (Task.isCancelled ? "cancelled" : nil)
    }

    private func stopped(_ plans: [NodePushPlan], _ results: [NodePushResult], _ reason: String) -> RolloutResult {
        let started = Set(results.map(\.node))
        return RolloutResult(results: results, notStarted: plans.map(\.node.name).filter { !started.contains($0) }, stoppedBecause: reason)
    }
}
