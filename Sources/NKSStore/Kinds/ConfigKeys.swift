// The `keys` kind: keys set in, or removed from, the kubelet's YAML or JSON configuration
// (/var/lib/kubelet/config.yaml, /etc/kubernetes/kubelet/config.json). YAML is edited line
// by line so the node's other keys, their order and comments stay as they were; the result
// is parsed again and checked before it is used.
import Foundation
import Yams

public struct ConfigKeysSpec: Sendable, Hashable, Codable {
    /// Nested map of the keys to set; only its leaves are managed.
    public var set: ConfigValue
    /// Key paths to remove, e.g. ["evictionHard", "imagefs.available"].
    public var remove: [[String]]

    public init(set: ConfigValue = .map([:]), remove: [[String]] = []) {
        self.set = set
        self.remove = remove
    }

    var leaves: [(path: [String], value: ConfigValue)] {
        if case .map(let members) = set, members.isEmpty { return [] }
        return set.leaves
    }
}

public enum ConfigFormat: String, Sendable, Hashable, Codable {
    case yaml, json

    /// JSON for `.json` files, YAML otherwise (YAML is also what kubeadm and most images write).
    public static func forPath(_ path: String) -> ConfigFormat {
        path.lowercased().hasSuffix(".json") ? .json : .yaml
    }
}

public struct ConfigKeysError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

public enum ConfigKeys {
    public static func parse(_ content: String, format: ConfigFormat) throws -> ConfigValue {
        if content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .map([:]) }
        switch format {
        case .json:
            do { return try JSONDecoder().decode(ConfigValue.self, from: Data(content.utf8)) }
            catch { throw ConfigKeysError(reason: "not valid JSON: \(error.localizedDescription)") }
        case .yaml:
            do {
                guard let node = try Yams.compose(yaml: content) else { return .map([:]) }
                return ConfigValue(yaml: node)
            } catch {
                throw ConfigKeysError(reason: "not valid YAML: \(error)")
            }
        }
    }

    /// The configuration with the spec applied.
    public static func render(_ content: String, _ spec: ConfigKeysSpec, format: ConfigFormat) throws -> String {
        let original = try parse(content, format: format)
        guard case .map = original else { throw ConfigKeysError(reason: "the configuration is not a map of keys") }
        var expected = original
        for leaf in spec.leaves { expected = expected.setting(leaf.path, to: leaf.value) }
        for path in spec.remove { expected = expected.removing(path) }
        if expected == original { return content }

        if format == .yaml, let edited = try? YAMLLineEditor.apply(spec, to: content),
           let reparsed = try? parse(edited, format: .yaml), reparsed.isEquivalent(to: expected) {
            return edited
        }
        return try serialize(expected, format: format)
    }

    /// What the configuration (a file, or configz's `kubeletconfig`) lacks against the spec.
    public static func unmet(_ current: ConfigValue, _ spec: ConfigKeysSpec) -> [String] {
        var problems: [String] = []
        for leaf in spec.leaves {
            let name = leaf.path.joined(separator: ".")
            switch current.value(at: leaf.path) {
            case nil: problems.append("\(name) missing, want \(leaf.value)")
            case let value? where !value.isEquivalent(to: leaf.value): problems.append("\(name)=\(value), want \(leaf.value)")
            default: break
            }
        }
        for path in spec.remove where current.value(at: path) != nil {
            problems.append("\(path.joined(separator: ".")) must be removed")
        }
        return problems
    }

    static func serialize(_ value: ConfigValue, format: ConfigFormat) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(value)
        switch format {
        case .json: return String(decoding: json, as: UTF8.self) + "\n"
        case .yaml: return try Yams.serialize(node: value.yamlNode)
        }
    }
}

extension ConfigValue {
    func setting(_ path: [String], to value: ConfigValue) -> ConfigValue {
        guard let first = path.first else { return value }
        var members: [String: ConfigValue] = [:]
        if case .map(let existing) = self { members = existing }
        members[first] = (members[first] ?? .map([:])).setting(Array(path.dropFirst()), to: value)
        return .map(members)
    }

    func removing(_ path: [String]) -> ConfigValue {
        guard let first = path.first, case .map(var members) = self, let child = members[first] else { return self }
        if path.count == 1 { members[first] = nil } else { members[first] = child.removing(Array(path.dropFirst())) }
        return .map(members)
    }

    var yamlNode: Node {
        switch self {
        case .null: return Node("null", Tag(.null))
        case .bool(let value): return Node(value ? "true" : "false", Tag(.bool))
        case .integer(let value): return Node(String(value), Tag(.int))
        case .double(let value): return Node(String(value), Tag(.float))
        case .string(let value): return Node(value, Tag(.str))
        case .list(let items): return Node(items.map(\.yamlNode))
        case .map(let members): return Node(members.keys.sorted().map { (Node($0), members[$0]!.yamlNode) })
        }
    }
}
