// A value in a kubelet configuration: what the manifest asks for, what the file holds,
// and what the running kubelet reports through configz, compared on one footing.
import Foundation
import Yams

public enum ConfigValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case list([ConfigValue])
    case map([String: ConfigValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ConfigValue].self) { self = .list(value) }
        else { self = .map(try container.decode([String: ConfigValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .map(let value): try container.encode(value)
        }
    }

    /// Reads a YAML node with YAML 1.1 core resolution, as the kubelet's loader does.
    init(yaml node: Node) {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if node.null != nil, scalar.style == .plain { self = .null; return }
                if let value = node.bool, scalar.style == .plain { self = .bool(value); return }
                if let value = node.int, scalar.style == .plain { self = .integer(Int64(value)); return }
                if let value = node.float, scalar.style == .plain, scalar.string.contains(where: { $0.isNumber }) { self = .double(value); return }
            }
            self = .string(scalar.string)
        case .sequence(let sequence):
            self = .list(sequence.map(ConfigValue.init(yaml:)))
        case .mapping(let mapping):
            var members: [String: ConfigValue] = [:]
            for (key, value) in mapping { members[key.string ?? "\(key)"] = ConfigValue(yaml: value) }
            self = .map(members)
        case .alias:
            self = .null
        }
    }

    /// The value as YAML flow text for a single line (`80`, `"10%"`, `[a, b]`).
    var yamlInline: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value):
            let plain = ConfigValue(yaml: Node(value))
            let safe = plain == .string(value) && !value.isEmpty
                && !value.contains(where: { ":#{}[],&*!|>'\"%@`\n".contains($0) })
                && value.first != " " && value.last != " " && value.first != "-" && value.first != "?"
            return safe ? value : "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .list(let items): return "[" + items.map(\.yamlInline).joined(separator: ", ") + "]"
        case .map(let members): return "{" + members.keys.sorted().map { "\($0): \(members[$0]!.yamlInline)" }.joined(separator: ", ") + "}"
        }
    }

    public var description: String { yamlInline }

    /// Equal as the kubelet would understand them: numbers across int/double, and Go
    /// durations across spellings (`2m` in a file, `2m0s` from configz).
    public func isEquivalent(to other: ConfigValue) -> Bool {
        switch (self, other) {
        case (.integer(let a), .double(let b)), (.double(let b), .integer(let a)): return Double(a) == b
        case (.string(let a), .string(let b)):
            if a == b { return true }
            if let x = GoDuration.seconds(a), let y = GoDuration.seconds(b) { return x == y }
            return false
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.map(let a), .map(let b)):
            return a.keys == b.keys && a.allSatisfy { key, value in b[key].map(value.isEquivalent) ?? false }
        default: return self == other
        }
    }

    /// Leaves of nested maps as key paths, so `{evictionHard: {nodefs.available: 10%}}`
    /// manages one key and leaves the node's other eviction thresholds alone.
    var leaves: [(path: [String], value: ConfigValue)] {
        guard case .map(let members) = self, !members.isEmpty else { return [([], self)] }
        return members.keys.sorted().flatMap { key in
            members[key]!.leaves.map { (path: [key] + $0.path, value: $0.value) }
        }
    }

    public func value(at path: [String]) -> ConfigValue? {
        guard let first = path.first else { return self }
        guard case .map(let members) = self, let child = members[first] else { return nil }
        return child.value(at: Array(path.dropFirst()))
    }
}

/// Go's time.Duration text (`1h2m3.5s`, `500ms`, `0s`), as kubelet configs and configz use.
enum GoDuration {
    static func seconds(_ text: String) -> Double? {
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }
        var total = 0.0
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            total += value * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return total
    }
}
