// `diff` output: unified diffs of node content against the desired content, with nodes
// whose diff is identical printed once ("37 nodes: …"), so 1,000 nodes stay readable.
import NKSCore
import NKSStore

public struct DiffReport: Sendable {
    public struct Group: Sendable {
        public var path: String
        public var nodes: [String]
        public var diff: String
        /// The two sides hold the same words; only spacing, indentation or blank lines differ.
        public var whitespaceOnly = false
    }

    public var groups: [Group]

    /// One file on one node that differs between two sides.
    public struct Change: Sendable {
        public var node: String
        public var path: String
        public var old: String?
        public var new: String?
        public var oldLabel: String
        public var newLabel: String
        /// Shown when the contents are equal but something else differs (mode, owner).
        public var detail: String
    }

    /// Node content against what the store wants: the diff a push would apply.
    public init(_ statuses: [(node: String, status: EntryStatus)]) {
        self.init(changes: statuses.compactMap { node, status in
            guard status.state == .drifted || status.state == .missing, let desired = status.desired else { return nil }
            return Change(node: node, path: status.path, old: status.actual, new: desired,
                          oldLabel: "node:\(status.path)", newLabel: "store:\(status.path)", detail: status.detail)
        })
    }

    /// Groups changes by path and identical diff text, keeping the order in which paths
    /// and diffs first appear.
    public init(changes: [Change]) {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for change in changes where change.old != change.new || !change.detail.isEmpty {
            let diff = UnifiedDiff.make(
                old: change.old ?? "", new: change.new ?? "",
                oldLabel: change.old == nil ? "/dev/null" : change.oldLabel,
                newLabel: change.new == nil ? "/dev/null" : change.newLabel
            )
            let text = diff.isEmpty ? "# \(change.detail)\n" : diff
            let key = change.path + "\u{0}" + text
            if let position = index[key] {
                groups[position].nodes.append(change.node)
            } else {
                index[key] = groups.count
                let whitespaceOnly = WhitespaceDifference.isOnlyWhitespace(change.old ?? "", change.new ?? "")
                groups.append(Group(path: change.path, nodes: [change.node], diff: text, whitespaceOnly: whitespaceOnly))
            }
        }
        self.groups = groups
    }

    public var isEmpty: Bool { groups.isEmpty }

    public func render(maxNamesShown: Int = 8) -> String {
        groups.map { group in
            let names = group.nodes.prefix(maxNamesShown).joined(separator: ", ")
                + (group.nodes.count > maxNamesShown ? ", … (+\(group.nodes.count - maxNamesShown))" : "")
            let header = TerminalText.escaped("# \(group.path)\(group.whitespaceOnly ? " (whitespace only)" : "") — \(group.nodes.count) node\(group.nodes.count == 1 ? "" : "s"): \(names)") + "\n"
            // Node content may carry escape sequences; they are shown, never interpreted.
            let body = TerminalText.escapedKeepingLines(group.diff)
            return header + body
        }.joined(separator: "\n")
    }
}
