// What `status` found, in the shape `-o json|yaml` prints (field names are a stable
// interface for scripts) and the tables read from.
import NKSStore

public struct StatusReport: Sendable, Encodable {
    public var revision: String
    public var nodes: [NodeReport]

    public struct NodeReport: Sendable, Encodable {
        public var name: String
        /// The kubeconfig context, when several clusters were checked.
        public var cluster: String?
        public var group: String
        public var reachable: Bool
        public var appliedRevision: String?
        /// Why the node could not be checked, when it could not.
        public var error: String?
        public var entries: [EntryReport]
    }

    public struct EntryReport: Sendable, Encodable {
        public var path: String
        public var kind: String
        public var state: EntryState
        public var detail: String
    }

    public var hasDrift: Bool {
        nodes.contains { $0.entries.contains { $0.state.isDrift } }
    }

    /// "30 nodes: 24 in sync, 4 drifted, 1 unreachable": one line for the end of a table.
    public var summary: String {
        var counts: [String: Int] = [:]
        for node in nodes {
            let states = Set(node.entries.map(\.state))
            let worst = EntryState.severityOrder.first(where: states.contains) ?? .inSync
            counts[worst == .inSync ? "in sync" : worst.rawValue, default: 0] += 1
        }
        let order = ["in sync"] + EntryState.severityOrder.map(\.rawValue)
        let parts = order.compactMap { key in counts[key].map { "\($0) \(key)" } }
        return "\(nodes.count) node\(nodes.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}

extension EntryState {
    /// Worst first: the state a node is summarised by.
    static let severityOrder: [EntryState] = [.unreachable, .unreadable, .drifted, .missing, .pendingReboot, .pendingRestart]
}
