// One node of a scenario with defaults, group labels and overrides applied: everything the
// lab needs to start it and describe it to the API server.

public struct ResolvedNode: Sendable, Equatable {
    public var index: Int
    public var name: String
    public var spec: NodeSpec

    public var state: NodeState { spec.state ?? .ready }
}

extension Scenario {
    public static let defaultNodeCount = 3

    public func nodeName(index: Int) -> String {
        (nodeNames ?? "worker-{index}").replacingOccurrences(of: "{index}", with: String(index))
    }

    /// Nodes 1...count; later layers win field by field, maps merge key by key.
    public func resolveNodes(count: Int) throws(ScenarioError.Problem) -> [ResolvedNode] {
        try (1...max(count, 1)).map { index throws(ScenarioError.Problem) in try resolveNode(index: index) }
    }

    public func resolveNode(index: Int) throws(ScenarioError.Problem) -> ResolvedNode {
        let name = nodeName(index: index)
        var spec = defaults ?? NodeSpec()
        for group in nodeGroups ?? [] where try group.nodes.selects(index: index, name: name) {
            var layer = NodeSpec()
            layer.labels = (group.labels ?? [:]).merging(["nks-lab/node-group": group.name]) { $1 }
            spec.merge(layer)
        }
        for override in overrides ?? [] where try override.nodes.selects(index: index, name: name) {
            spec.merge(override.spec)
        }
        return ResolvedNode(index: index, name: name, spec: spec)
    }
}

extension NodeSpec {
    /// Lays `other` over this spec.
    mutating func merge(_ other: NodeSpec) {
        func map<Value>(_ base: [String: Value]?, _ top: [String: Value]?) -> [String: Value]? {
            guard let top else { return base }
            return (base ?? [:]).merging(top) { $1 }
        }
        state = other.state ?? state
        labels = map(labels, other.labels)
        conditions = map(conditions, other.conditions)
        kubeletVersion = other.kubeletVersion ?? kubeletVersion
        containerRuntimeVersion = other.containerRuntimeVersion ?? containerRuntimeVersion
        osImage = other.osImage ?? osImage
        kernelVersion = other.kernelVersion ?? kernelVersion
        files = map(files, other.files)
        if let added = other.files { removeFiles = removeFiles?.filter { added[$0] == nil } }
        if let removed = other.removeFiles {
            removeFiles = (removeFiles ?? []) + removed
            files = files?.filter { !removed.contains($0.key) }
        }
        cmdline = other.cmdline ?? cmdline
        configzOverrides = map(configzOverrides, other.configzOverrides)
        proxy = map(proxy, other.proxy)
        images = other.images ?? images
        failingPulls = other.failingPulls ?? failingPulls
        journal = map(journal, other.journal)
        containers = other.containers ?? containers
        inspect = map(inspect, other.inspect)
    }
}

/// Which node paths the lab gives each node its own copy of.
public enum NodeFilePath {
    public static let perNodeRoots = ["/etc/", "/var/lib/", "/var/log/"]

    public static func isPerNode(_ path: String) -> Bool {
        perNodeRoots.contains { path.hasPrefix($0) && path.count > $0.count } && !path.split(separator: "/").contains("..")
    }
}
