// Encodes results for machines: JSON or YAML with the same field names, sorted keys and
// RFC 3339 times, so scripts can rely on them across versions.
import Foundation
import Yams

public enum StructuredOutput {
    public static func render<Value: Encodable>(_ value: Value, as format: OutputFormat) throws -> String {
        switch format {
        case .yaml:
            // YAML goes through JSON so both formats share one encoding of dates and keys.
            let tree = try JSONDecoder().decode(JSONTree.self, from: try jsonData(value))
            return try Yams.serialize(node: tree.yamlNode)
        default:
            return jsonEscapingUnsafe(String(decoding: try jsonData(value), as: UTF8.self)) + "\n"
        }
    }

    /// JSON with every scalar that TerminalText escapes written as `\uXXXX` instead (the
    /// same string to a parser, harmless to a terminal). Outside strings JSON has only
    /// ASCII and line breaks, and inside them the encoder has already escaped line breaks.
    static func jsonEscapingUnsafe(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0 != "\n" && TerminalText.isUnsafe($0) }) else { return json }
        var result = ""
        for scalar in json.unicodeScalars {
            guard scalar != "\n", TerminalText.isUnsafe(scalar) else { result.unicodeScalars.append(scalar); continue }
            for unit in String(scalar).utf16 { result += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16) }
        }
        return result
    }

    public static func jsonData<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

}

/// A decoded JSON document, kept only long enough to re-emit it as YAML with the same
/// key order and scalar types.
private enum JSONTree: Decodable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONTree].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONTree].self)) }
    }

    var yamlNode: Yams.Node {
        switch self {
        case .null: return Yams.Node("null", Tag(.null))
        case .bool(let value): return Yams.Node(value ? "true" : "false", Tag(.bool))
        case .integer(let value): return Yams.Node(String(value), Tag(.int))
        case .double(let value): return Yams.Node(String(value), Tag(.float))
        case .string(let value): return Yams.Node(value, Tag(.str), value.contains("\n") ? .literal : .any)
        case .array(let items): return Yams.Node(items.map(\.yamlNode))
        case .object(let members):
            return Yams.Node(members.keys.sorted().map { (Yams.Node($0), members[$0]!.yamlNode) })
        }
    }
}
