// Runs node pushes batch by batch: a canary first, then wider; at most --max-unavailable
// disruptive nodes at once; stops when failures pass --max-failures and says what was
// done and what was not. A rerun plans only what is still different, so it continues.
import Foundation
import NKSCore

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

public struct Rollout: Sendable {
    public var settings: RolloutSettings
    public var pusher: NodePusher
    public var report: @Sendable (NodePushResult) -> Void

    public init(settings: RolloutSettings, pusher: NodePusher, report: @escaping @Sendable (NodePushResult) -> Void) {
        self.settings = settings
        self.pusher = pusher
        self.report = report
    }

    public func run(_ plans: [NodePushPlan]) async -> RolloutResult {
        let sizes = settings.batches.sizes(total: plans.count)
        let allowedFailures = settings.maxFailures.count(of: plans.count)
        let unavailable = max(1, settings.maxUnavailable.count(of: plans.count))
        var results: [NodePushResult] = []
        var start = 0
        for (number, size) in sizes.enumerated() {
            let batch = Array(plans[start..<(start + size)])
            start += size
            let disruptive = batch.contains { $0.disruption >= .restartKubelet }
            let width = disruptive ? min(settings.parallel, unavailable) : settings.parallel
            let pusher = self.pusher
            let report = self.report
            let batchResults = await withTaskGroup(of: NodePushResult.self) { group in
                var pending = batch[...]
                var collected: [NodePushResult] = []
                for _ in 0..<width {
                    guard let plan = pending.popFirst() else { break }
                    group.addTask { await pusher.push(plan) }
                }
                while let result = await group.next() {
                    report(result)
                    collected.append(result)
                    if let plan = pending.popFirst() { group.addTask { await pusher.push(plan) } }
                }
                return collected
            }
            results += batchResults
            let failures = results.filter { $0.outcome == .failed }.count
            if failures > allowedFailures {
                return RolloutResult(
                    results: results,
                    notStarted: plans[start...].map(\.node.name),
                    stoppedBecause: "\(failures) node\(failures == 1 ? "" : "s") failed, more than --max-failures allows (\(allowedFailures)); stopped after batch \(number + 1) of \(sizes.count)"
                )
            }
            if start < plans.count && settings.pause > Duration.zero { try? await Task.sleep(for: settings.pause) }
        }
        return RolloutResult(results: results, notStarted: [], stoppedBecause: nil)
    }
}
