// The structural-schema rules apiextensions applies to a CRD's openAPIV3Schema: every
// specified field has a type, the root is an object, metadata says nothing but name and
// generateName, properties and additionalProperties exclude each other.
import Foundation

enum StructuralSchema {
    /// The violations in one version's schema, worded as apiextensions words them.
    static func violations(root: JSONValue, path: String) -> [String] {
        var errors: [String] = []
        let type = root["type"]?.stringValue ?? ""
        if type.isEmpty {
            errors.append("\(path).type: Required value: must not be empty at the root")
        } else if type != "object" {
            errors.append("\(path).type: Invalid value: \"\(type)\": must be object at the root")
        }
        if let metadata = root[path: "properties", "metadata"], !isPlainMetadata(metadata) {
            errors.append("\(path).properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified")
        }
        errors += nested(root, path: path)
        return errors
    }

    private static func nested(_ schema: JSONValue, path: String) -> [String] {
        var errors: [String] = []
        if schema["properties"] != nil, let additional = schema["additionalProperties"], additional.boolValue != false {
            errors.append("\(path).additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive")
        }
        for (name, property) in (schema["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            let child = "\(path).properties[\(name)]"
            if isUntyped(property) { errors.append("\(child).type: Required value: must not be empty for specified object fields") }
            errors += nested(property, path: child)
        }
        if let items = schema["items"] {
            if isUntyped(items) { errors.append("\(path).items.type: Required value: must not be empty for specified array items") }
            errors += nested(items, path: "\(path).items")
        }
        if let additional = schema["additionalProperties"], additional.objectValue != nil {
            if isUntyped(additional) {
                errors.append("\(path).additionalProperties.type: Required value: must not be empty for specified object fields")
            }
            errors += nested(additional, path: "\(path).additionalProperties")
        }
        return errors
    }

    /// Int-or-string and preserve-unknown-fields nodes may leave the type out.
    private static func isUntyped(_ schema: JSONValue) -> Bool {
        (schema["type"]?.stringValue ?? "").isEmpty
            && schema["x-kubernetes-int-or-string"]?.boolValue != true
            && schema["x-kubernetes-preserve-unknown-fields"]?.boolValue != true
    }

    private static func isPlainMetadata(_ schema: JSONValue) -> Bool {
        guard let fields = schema.objectValue else { return false }
        for (key, value) in fields {
            switch key {
            case "type": if value.stringValue != "object" { return false }
            case "properties":
                guard let properties = value.objectValue, Set(properties.keys).isSubset(of: ["name", "generateName"]) else { return false }
            default: return false
            }
        }
        return true
    }
}
