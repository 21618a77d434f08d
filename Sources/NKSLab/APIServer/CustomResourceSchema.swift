// A custom resource checked against its CRD version's structural schema, as the apiserver
// does on every write: undeclared fields are pruned (or, with fieldValidation=Strict as
// kubectl sends, refused), and declared ones must have their type, enum values and
// required members.
import Foundation

enum CustomResourceSchema {
    /// The object without undeclared fields, and the paths of those it dropped.
    static func pruned(_ object: JSONValue, schema: JSONValue) -> (JSONValue, [String]) {
        var unknown: [String] = []
        guard var members = object.objectValue else { return (object, []) }
        for (key, value) in members where !["apiVersion", "kind", "metadata"].contains(key) {
            guard let property = schema[path: "properties", key] else {
                if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue != true {
                    members[key] = nil
                    unknown.append(key)
                }
                continue
            }
            members[key] = prune(value, schema: property, path: key, unknown: &unknown)
        }
        return (.object(members), unknown.sorted())
    }

    private static func prune(_ value: JSONValue, schema: JSONValue, path: String, unknown: inout [String]) -> JSONValue {
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true { return value }
        switch value {
        case .object(var members):
            let properties = schema["properties"]?.objectValue
            let additional = schema["additionalProperties"]
            for (key, member) in members {
                if let property = properties?[key] {
                    members[key] = prune(member, schema: property, path: "\(path).\(key)", unknown: &unknown)
                } else if let additional, additional.objectValue != nil {
                    members[key] = prune(member, schema: additional, path: "\(path).\(key)", unknown: &unknown)
                } else if additional?.boolValue != true {
                    members[key] = nil
                    unknown.append("\(path).\(key)")
                }
            }
            return .object(members)
        case .array(let elements):
            guard let items = schema["items"] else { return value }
            return .array(elements.enumerated().map { prune($1, schema: items, path: "\(path)[\($0)]", unknown: &unknown) })
        default:
            return value
        }
    }

    /// Field errors worded as the apiserver's validator words them ("spec.x: Unsupported
    /// value: …"), in a stable order.
    static func violations(_ object: JSONValue, schema: JSONValue) -> [String] {
        var errors: [String] = []
        for (key, value) in (object.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
        where !["apiVersion", "kind", "metadata"].contains(key) {
            if let property = schema[path: "properties", key] { check(value, schema: property, path: key, errors: &errors) }
        }
        return errors
    }

    private static func check(_ value: JSONValue, schema: JSONValue, path: String, errors: inout [String]) {
        if value == .null, schema["nullable"]?.boolValue == true { return }
        if let type = schema["type"]?.stringValue, !type.isEmpty, !has(value, type: type) {
            let actual = typeName(of: value)
            errors.append("\(path): Invalid value: \"\(actual)\": \(path) in body must be of type \(type): \"\(actual)\"")
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            let list = allowed.map { $0.stringValue.map { "\"\($0)\"" } ?? $0.serializedText }.joined(separator: ", ")
            errors.append("\(path): Unsupported value: \(value.serializedText): supported values: \(list)")
        }
        switch value {
        case .object(let members):
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
                errors.append("\(path).\(required): Required value")
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = schema[path: "properties", key] ?? schema["additionalProperties"].flatMap({ $0.objectValue != nil ? $0 : nil }) {
                    check(member, schema: property, path: "\(path).\(key)", errors: &errors)
                }
            }
        case .array(let elements):
            guard let items = schema["items"] else { return }
            for (index, element) in elements.enumerated() { check(element, schema: items, path: "\(path)[\(index)]", errors: &errors) }
        default:
            break
        }
    }

    private static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }

    private static func typeName(of value: JSONValue) -> String {
        switch value {
        case .object: return "object"
        case .array: return "array"
        case .string: return "string"
        case .bool: return "boolean"
        case .number(let number): return number.rounded() == number ? "integer" : "number"
        case .null: return "null"
        }
    }
}
