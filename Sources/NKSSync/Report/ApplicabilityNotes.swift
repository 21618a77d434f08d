// The warnings status and push print for entries that apply to none of the nodes checked,
// so "nothing to do" is never mistaken for "in sync".
import NKSStore

public enum ApplicabilityNotes {
    /// One line per entry that applies to none of `nodes`.
    public static func lines(_ nodes: [InventoryNode], revision: StoreRevision) -> [String] {
        let facts = nodes.map { (facts: $0.facts, groups: $0.groups) }
        return revision.manifest.entries.compactMap { Applicability.noneApplies($0, nodes: facts) }
    }
}
