// Whether an entry applies to a node at all: its groups, its `when:`, and the built-in
// knowledge of KnownPitfalls; and, over many nodes, one line saying when it applies to none,
// so an entry that silently does nothing is never taken for one that is in sync.
public enum Applicability {
    /// Why `entry` does not apply to a node with these facts and groups, or nil.
    public static func reason(_ entry: ManagedEntry, facts: NodeFacts, groups: [String]) -> String? {
        if !entry.groups.isEmpty, Set(entry.groups).isDisjoint(with: groups) {
            return "node is not in group \(entry.groups.joined(separator: "/"))"
        }
        return entry.conditions.unmetReason(facts) ?? KnownPitfalls.reason(for: entry, on: facts)
    }

    /// "applies to 0 of 12 nodes: all run containerd (…)" when `entry` applies to none of
    /// `nodes`, else nil. A reason shared by every node is given once; a built-in rule is
    /// named as such, with how to overrule it.
    public static func noneApplies(_ entry: ManagedEntry, nodes: [(facts: NodeFacts, groups: [String])]) -> String? {
        guard !nodes.isEmpty, nodes.allSatisfy({ reason(entry, facts: $0.facts, groups: $0.groups) != nil }) else { return nil }
        return notAll(entry, nodes: nodes)
    }

    /// "applies to 3 of 12 nodes: the other 9 run containerd (…)" when `entry` does not
    /// apply to some of `nodes`, else nil: what `import` warns about.
    public static func notAll(_ entry: ManagedEntry, nodes all: [(facts: NodeFacts, groups: [String])]) -> String? {
        let nodes = all.filter { reason(entry, facts: $0.facts, groups: $0.groups) != nil }
        guard !nodes.isEmpty else { return nil }
        let reasons = nodes.map { reason(entry, facts: $0.facts, groups: $0.groups) }
        let applying = all.count - nodes.count
        let count = "\(entry.path) applies to \(applying) of \(all.count) node\(all.count == 1 ? "" : "s")"
        let runtimes = Set(nodes.map { $0.facts.runtime ?? "an unknown runtime" })
        let distinct = Array(Set(reasons.compactMap { $0 })).sorted()
        var text = count + ": "
        if runtimes.count == 1, let runtime = runtimes.first {
            text += applying == 0 ? (nodes.count == 1 ? "it runs " : "all run ") : "the other \(nodes.count) run\(nodes.count == 1 ? "s" : "") "
            text += runtime
            text += distinct.count == 1 ? " (\(distinct[0]))" : ""
        } else {
            text += distinct.count == 1 ? distinct[0] : distinct.joined(separator: "; ")
        }
        let builtIn = !entry.conditions.isExplicit && nodes.contains { node in
            entry.conditions.unmetReason(node.facts) == nil && KnownPitfalls.breakingReason(for: entry, on: node.facts) == nil
                && KnownPitfalls.advisoryReason(for: entry, on: node.facts) != nil
        }
        if builtIn { text += "; give the entry its own when: (e.g. when: {runtime: any}) to manage it there anyway" }
        return text
    }
}
