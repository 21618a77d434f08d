// Builds the status report from scanned nodes.
import NKSStore

extension StatusReport {
    public init(_ scanned: [ScannedNode], revision: StoreRevision, cluster: String? = nil) {
        self.init(revision: revision.id, nodes: scanned.map { node in
            NodeReport(
                name: node.name,
                cluster: cluster,
                group: node.inventory.groups.first ?? "",
                reachable: node.error == nil,
                appliedRevision: node.appliedRevision,
                error: node.error,
                entries: node.statuses.map { EntryReport(path: $0.path, kind: $0.kind, state: $0.state, detail: $0.detail) }
            )
        })
    }

    /// Nodes that could not be checked completely: unreachable, or an entry unreadable.
    public var hasUncheckedNodes: Bool {
        nodes.contains { $0.error != nil || $0.entries.contains { $0.state == .unreadable } }
    }
}
