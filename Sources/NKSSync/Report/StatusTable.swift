// Renders a status report as kubectl-style tables: one row per node by default, one row
// per node and entry with -o wide.
import NKSCore
import NKSStore

public enum StatusTable {
    public static func render(_ report: StatusReport, wide: Bool, showCluster: Bool) -> Table {
        if wide {
            var table = Table(headers: (showCluster ? ["cluster"] : []) + ["node", "group", "path", "kind", "state", "detail"])
            for node in report.nodes {
                let prefix = (showCluster ? [node.cluster ?? ""] : []) + [node.name, node.group]
                if let error = node.error, node.entries.allSatisfy({ $0.state == .unreachable }) {
                    table.append(prefix + ["*", "", EntryState.unreachable.rawValue, error])
                    continue
                }
                for entry in node.entries {
                    table.append(prefix + [entry.path, entry.kind, entry.state.rawValue, entry.detail])
                }
            }
            return table
        }
        var table = Table(headers: (showCluster ? ["cluster"] : []) + ["node", "group", "applied", "in-sync", "state"])
        for node in report.nodes {
            let applicable = node.entries.filter { $0.state != .notApplicable }
            let inSync = applicable.filter { $0.state == .inSync }.count
            let problems = node.entries.filter { $0.state != .inSync && $0.state != .notApplicable }
            let state: String
            if let error = node.error {
                state = "unreachable: \(error)"
            } else if problems.isEmpty {
                state = "in-sync"
            } else {
                state = problems.map { "\($0.state.rawValue) \($0.path)" }.joined(separator: ", ")
            }
            table.append((showCluster ? [node.cluster ?? ""] : []) + [
                node.name, node.group.isEmpty ? "<none>" : node.group,
                node.appliedRevision.map { String($0.prefix(12)) } ?? "<none>",
                node.error == nil ? "\(inSync)/\(applicable.count)" : "-",
                state,
            ])
        }
        return table
    }
}
