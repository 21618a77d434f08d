// What push shows before and after: the diffs and a plan table; then one row per node.
import NKSCore
import NKSStore

enum PushPlanView {
    static func render(_ plans: [NodePushPlan], scanned: [ScannedNode], revision: StoreRevision, reboot: RebootMode) -> String {
        let planned = Set(plans.map(\.node.name))
        let diffs = DiffReport(scanned.filter { planned.contains($0.name) }.flatMap { node in node.statuses.map { (node: node.name, status: $0) } })
        var table = Table(headers: ["node", "changes", "disruption"])
        for plan in plans {
            var changes = plan.writes.map(\.path)
            if plan.needsRestart { changes.append("(kubelet restart pending)") }
            if plan.needsReboot { changes.append("(reboot pending)") }
            if plan.recordOnly { changes.append(plan.pendingActivation.isEmpty ? "(revision not recorded)" : "(activation not run)") }
            var disruption = plan.disruption.rawValue
            if plan.disruption == .reboot && reboot == .none { disruption += " (left pending: no --reboot)" }
            if plan.disruption == .reboot && reboot == .kured { disruption += " (via kured)" }
            table.append([plan.node.name, changes.joined(separator: ", "), disruption])
        }
        return (diffs.isEmpty ? "" : diffs.render() + "\n")
            + "Plan: revision \(revision.shortID) to \(plans.count) node\(plans.count == 1 ? "" : "s")\n"
            + table.render()
    }

    static func summary(_ result: RolloutResult) -> String {
        var table = Table(headers: ["node", "result", "detail"])
        for node in result.results {
            table.append([node.node, node.outcome.rawValue, node.error ?? node.steps.joined(separator: ", ")])
        }
        for node in result.notStarted { table.append([node, "not-started", "the rollout stopped before this node"]) }
        return "\n" + table.render()
    }

    /// "2 pushed, 1 interrupted, 5 not started": the outcomes counted, for the closing line.
    static func tally(_ result: RolloutResult) -> String {
        var counts: [(String, Int)] = []
        for outcome in [NodePushResult.Outcome.pushed, .pendingReboot, .failed, .interrupted] {
            let count = result.results.filter { $0.outcome == outcome }.count
            if count > 0 { counts.append((outcome.rawValue, count)) }
        }
        if !result.notStarted.isEmpty { counts.append(("not started", result.notStarted.count)) }
        return counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }
}
