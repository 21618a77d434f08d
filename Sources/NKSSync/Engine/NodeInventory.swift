// The nodes a run works on: listed once from the API server, narrowed by name, label and
// group, each with the facts and groups that decide which entries apply to it.
import NKSCore
import NKSStore

public struct InventoryNode: Sendable {
    public var node: Node
    /// nil when the node reports no address of the chosen type.
    public var target: NodeTarget?
    public var facts: NodeFacts
    public var groups: [String]

    public var name: String { node.metadata.name }
}

public struct InventoryError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

public enum NodeInventory {
    public static func select(
        _ nodes: [Node],
        names: [String],
        groups wanted: [String],
        manifest: Manifest,
        addressType: NodeAddressType
    ) throws -> [InventoryNode] {
        let known = Set(manifest.groups.map(\.name))
        if let unknown = wanted.first(where: { !known.contains($0) }) {
            throw InventoryError(description: "no group '\(unknown)' in the manifest (groups: \(known.sorted().joined(separator: ", ")))")
        }
        let byName = Dictionary(nodes.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        if let missing = names.first(where: { byName[$0] == nil }) {
            throw InventoryError(description: "node \"\(missing)\" not found (kubectl get nodes lists the names)")
        }
        let chosen = names.isEmpty ? nodes : names.compactMap { byName[$0] }
        return chosen.compactMap { node in
            let labels = node.metadata.labels ?? [:]
            let groups = manifest.groups(forLabels: labels)
            if !wanted.isEmpty, Set(groups).isDisjoint(with: wanted) { return nil }
            let facts = NodeFacts(
                name: node.metadata.name,
                labels: labels,
                runtime: node.containerRuntime,
                kubeletVersion: node.status?.nodeInfo?.kubeletVersion.flatMap(KubeVersion.init),
                osImage: node.status?.nodeInfo?.osImage
            )
            return InventoryNode(node: node, target: NodeTarget(node, addressType: addressType), facts: facts, groups: groups)
        }
        .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }
}
