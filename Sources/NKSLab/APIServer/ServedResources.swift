// The resource types one API server serves right now: the built-in catalog plus those that
// its CustomResourceDefinitions add, with the lookups routing, discovery and the store use.
// A value, so a request works with one consistent snapshot while CRDs come and go.
import Foundation

public struct ServedResources: Sendable {
    public let all: [ResourceType]
    private let byGroupVersionResource: [String: ResourceType]
    private let byKind: [String: ResourceType]

    public static let builtIn = ServedResources(ResourceCatalog.all)

    init(_ types: [ResourceType]) {
        all = types
        byGroupVersionResource = Dictionary(types.map { ("\($0.groupVersion)|\($0.resource)", $0) }, uniquingKeysWith: { first, _ in first })
        byKind = Dictionary(types.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The built-in types and the custom ones (a custom type never shadows a built-in one).
    init(custom: [ResourceType]) {
        let builtIn = ResourceCatalog.all
        let taken = Set(builtIn.map { "\($0.groupVersion)|\($0.resource)" })
        self.init(builtIn + custom.filter { !taken.contains("\($0.groupVersion)|\($0.resource)") })
    }

    public func type(groupVersion: String, resource: String) -> ResourceType? {
        byGroupVersionResource["\(groupVersion)|\(resource)"]
    }

    public func type(kind: String) -> ResourceType? { byKind[kind] }

    /// Group names in the order discovery lists them; the core group is served under /api.
    public var groups: [String] {
        var seen: [String] = []
        var known: Set<String> = []
        for type in all where !type.group.isEmpty && known.insert(type.group).inserted { seen.append(type.group) }
        return seen
    }

    public func types(groupVersion: String) -> [ResourceType] {
        all.filter { $0.groupVersion == groupVersion }
    }

    public func versions(group: String) -> [String] {
        var seen: [String] = []
        for type in all where type.group == group && !seen.contains(type.version) { seen.append(type.version) }
        return seen
    }
}
