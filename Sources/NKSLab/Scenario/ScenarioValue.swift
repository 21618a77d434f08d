// Any YAML value inside a scenario (Kubernetes objects, kubelet config keys), kept as a
// tree so it can be handed to the fake API server unchanged.
import Foundation

public enum ScenarioValue: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ScenarioValue])
    case object([String: ScenarioValue])

    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [ScenarioValue] = []
            while !list.isAtEnd { items.append(try list.decode(ScenarioValue.self)) }
            self = .array(items)
            return
        }
        if let map = try? decoder.container(keyedBy: AnyKey.self) {
            var fields: [String: ScenarioValue] = [:]
            for key in map.allKeys { fields[key.stringValue] = try map.decode(ScenarioValue.self, forKey: key) }
            self = .object(fields)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let value = try? single.decode(Bool.self) { self = .bool(value) }
        else if let value = try? single.decode(Double.self) { self = .number(value) }
        else { self = .string(try single.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .number(let value):
            var single = encoder.singleValueContainer()
            if value == value.rounded(), abs(value) < 1e15 { try single.encode(Int64(value)) } else { try single.encode(value) }
        case .string(let value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case .array(let items):
            var list = encoder.unkeyedContainer()
            for item in items { try list.encode(item) }
        case .object(let fields):
            var map = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in fields { try map.encode(value, forKey: AnyKey(key)) }
        }
    }

    /// A field of an object value, or nil.
    public subscript(key: String) -> ScenarioValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Builds a value from what JSONSerialization or a YAML loader produce.
    public init(any value: Any?) {
        switch value {
        case nil, is NSNull: self = .null
        case let value as Bool: self = .bool(value)
        case let value as Int: self = .number(Double(value))
        case let value as Double: self = .number(value)
        case let value as String: self = .string(value)
        case let value as [Any]: self = .array(value.map { ScenarioValue(any: $0) })
        case let value as [String: Any]: self = .object(value.mapValues { ScenarioValue(any: $0) })
        case let value as [AnyHashable: Any]:
            self = .object(Dictionary(value.map { ("\($0.key)", ScenarioValue(any: $0.value)) }, uniquingKeysWith: { $1 }))
        default: self = .string("\(value!)")
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
