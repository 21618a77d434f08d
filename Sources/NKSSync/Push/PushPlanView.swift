// What push shows before and after: the diffs and a plan table; then one row per node.
import NKSCore
import NKSStore

enum PushPlanView {
    static func render(_ plans: [NodePushPlan], skipped: [SkippedNode], scanned: [ScannedNode], revision: StoreRevision, reboot: RebootMode) -> String {
        let planned = Set(plans.map(\.node.name))
        let diffs = DiffReport(scanned.filter { planned.contains($0.name) }.flatMap { node in node.statuses.map { (node: node.name, status: $0) } })
        var table = Table(headers: ["node", "changes", "disruption"])
        for plan in plans {
            var changes = plan.writes.map(\.path)
            if plan.needsRestart { changes.append("(kubelet restart pending)") }
            if plan.needsReboot { changes.append("(reboot pending)") }
            if plan.recordOnly { changes.append(plan.pendingActivation.isEmpty ? "(revision not recorded)" : "(activation not run)") }
            if !plan.blocked.isEmpty { changes.append("(not brought, revision left unrecorded: \(plan.blocked.joined(separator: "; ")))") }
            var disruption = plan.disruption.rawValue
            if plan.disruption == .reboot && reboot == .none { disruption += " (left pending: no --reboot)" }
            if plan.disruption == .reboot && reboot == .kured { disruption += " (via kured)" }
            table.append([plan.node.name, changes.joined(separator: ", "), disruption])
        }
        return (diffs.isEmpty ? "" : diffs.render() + "\n")
            + "Plan: revision \(revision.shortID) to \(plans.count) node\(plans.count == 1 ? "" : "s")\n"
            + table.render()
            + notPushed(skipped)
    }

    /// The nodes a push leaves out, so a plan never looks like it covers them.
    static func notPushed(_ skipped: [SkippedNode]) -> String {
        guard !skipped.isEmpty else { return "" }
        var table = Table(headers: ["node", "result", "why"])
        for node in skipped { table.append([node.node, node.outcome.rawValue, node.reason]) }
        return "\nNot pushed: \(skipped.count) node\(skipped.count == 1 ? "" : "s")\n" + table.render()
    }

    /// Every node the push targeted and did not bring to the revision has a row, with why.
    static func summary(_ result: RolloutResult, skipped: [SkippedNode]) -> String {
        var table = Table(headers: ["node", "result", "detail"])
        for node in result.results {
            table.append([node.node, node.outcome.rawValue, node.error ?? node.steps.joined(separator: ", ")])
        }
        for node in result.notStarted { table.append([node, "not-started", "the rollout stopped before this node"]) }
        for node in skipped { table.append([node.node, node.outcome.rawValue, node.reason]) }
        return "\n" + table.render()
    }

    /// "2 pushed, 1 interrupted, 5 not started": the outcomes counted, for the closing line.
    static func tally(_ result: RolloutResult, skipped: [SkippedNode] = []) -> String {
        var counts: [(String, Int)] = []
        for outcome in [NodePushResult.Outcome.pushed, .pendingReboot, .incomplete, .failed, .interrupted] {
            let count = result.results.filter { $0.outcome == outcome }.count
            if count > 0 { counts.append((outcome.rawValue, count)) }
        }
        if !result.notStarted.isEmpty { counts.append(("not started", result.notStarted.count)) }
        for outcome in [SkippedNode.Outcome.unreachable, .skipped] {
            let count = skipped.filter { $0.outcome == outcome }.count
            if count > 0 { counts.append((outcome.rawValue, count)) }
        }
        return counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }

    /// Whether every node the push targeted was brought to the revision (a reboot left
    /// pending by choice counts as brought: its files are there and the table says so).
    static func isComplete(_ result: RolloutResult, skipped: [SkippedNode]) -> Bool {
        skipped.isEmpty && result.notStarted.isEmpty && result.stoppedBecause == nil
            && result.results.allSatisfy { $0.outcome == .pushed || $0.outcome == .pendingReboot }
    }
}
