// `diff` output: unified diffs of node content against the desired content, with nodes
// whose diff is identical printed once ("37 nodes: …"), so 1,000 nodes stay readable.
import NKSCore
import NKSStore

public struct DiffReport: Sendable {
    public struct Group: Sendable {
        public var path: String
        public var nodes: [String]
        public var diff: String
    }

    public var groups: [Group]

    /// Groups `(node, status)` pairs by entry path and identical diff text, keeping the
    /// order in which paths and diffs first appear.
    public init(_ statuses: [(node: String, status: EntryStatus)]) {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for (node, status) in statuses where status.state == .drifted || status.state == .missing {
            guard let desired = status.desired else { continue }
            let diff = UnifiedDiff.make(
                old: status.actual ?? "", new: desired,
                oldLabel: status.actual == nil ? "/dev/null" : "node:\(status.path)",
                newLabel: "store:\(status.path)"
            )
            // Mode or owner drift has no content diff; it is still drift worth showing.
            let text = diff.isEmpty ? "# \(status.detail)\n" : diff
            let key = status.path + "\u{0}" + text
            if let position = index[key] {
                groups[position].nodes.append(node)
            } else {
                index[key] = groups.count
                groups.append(Group(path: status.path, nodes: [node], diff: text))
            }
        }
        self.groups = groups
    }

    public var isEmpty: Bool { groups.isEmpty }

    public func render(maxNamesShown: Int = 8) -> String {
        groups.map { group in
            let names = group.nodes.prefix(maxNamesShown).joined(separator: ", ")
                + (group.nodes.count > maxNamesShown ? ", … (+\(group.nodes.count - maxNamesShown))" : "")
            let header = "# \(group.path) — \(group.nodes.count) node\(group.nodes.count == 1 ? "" : "s"): \(names)\n"
            // Node content may carry escape sequences; they are shown, never interpreted.
            let body = group.diff.split(separator: "\n", omittingEmptySubsequences: false)
                .map { Table.printable(String($0)).replacingOccurrences(of: "\\t", with: "\t") }
                .joined(separator: "\n")
            return header + body
        }.joined(separator: "\n")
    }
}
