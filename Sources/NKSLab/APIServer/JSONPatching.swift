// The three PATCH formats kubectl sends: JSON merge patch (RFC 7386), strategic merge
// patch (treated as a merge patch: lists are replaced, which is close enough for the lab)
// and JSON patch (RFC 6902).
import Foundation

enum JSONPatching {
    /// RFC 7386: objects merge recursively, null deletes, anything else replaces.
    static func mergePatch(_ target: JSONValue, with patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null {
                result[key] = nil
            } else {
                result[key] = mergePatch(result[key] ?? .null, with: value)
            }
        }
        return .object(result)
    }

    /// Strategic merge patch as a merge patch, minus its directives (`$patch`,
    /// `$setElementOrder/…`, `$retainKeys`), which would otherwise land in the object.
    static func strategicMergePatch(_ target: JSONValue, with patch: JSONValue) -> JSONValue {
        mergePatch(target, with: withoutDirectives(patch))
    }

    private static func withoutDirectives(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members where !key.hasPrefix("$") { kept[key] = withoutDirectives(member) }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map(withoutDirectives))
        default:
            return value
        }
    }

    /// RFC 6902 operations applied in order; any failure leaves the object unchanged.
    static func jsonPatch(_ target: JSONValue, operations: JSONValue) throws(APIStatus) -> JSONValue {
        guard let operations = operations.arrayValue else {
            throw APIStatus.badRequest("json patch must be an array of operations")
        }
        var document = target
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw APIStatus.badRequest("json patch operation needs \"op\" and \"path\": \(operation.serializedText)")
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                document = try set(document, at: pointer[...], value: try requireValue(operation), inserting: true)
            case "replace":
                _ = try get(document, at: pointer)
                document = try set(document, at: pointer[...], value: try requireValue(operation), inserting: false)
            case "remove":
                document = try removing(document, at: pointer[...])
            case "test":
                guard try get(document, at: pointer) == (try requireValue(operation)) else {
                    throw APIStatus(code: 422, reason: "Invalid", message: "json patch test operation failed at \(path)")
                }
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else {
                    throw APIStatus.badRequest("json patch \(op) operation needs \"from\"")
                }
                let fromPointer = try parsePointer(from)
                let value = try get(document, at: fromPointer)
                if op == "move" { document = try removing(document, at: fromPointer[...]) }
                document = try set(document, at: pointer[...], value: value, inserting: true)
            default:
                throw APIStatus.badRequest("json patch operation \"\(op)\" is not supported")
            }
        }
        return document
    }

    private static func requireValue(_ operation: JSONValue) throws(APIStatus) -> JSONValue {
        guard let value = operation["value"] else {
            throw APIStatus.badRequest("json patch operation needs \"value\": \(operation.serializedText)")
        }
        return value
    }

    /// "/metadata/annotations/a~1b" → ["metadata", "annotations", "a/b"].
    static func parsePointer(_ path: String) throws(APIStatus) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw APIStatus.badRequest("json patch path \"\(path)\" must start with /") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func missing(_ pointer: some Collection<String>) -> APIStatus {
        APIStatus(code: 422, reason: "Invalid", message: "json patch path /\(pointer.joined(separator: "/")) does not exist")
    }

    static func get(_ document: JSONValue, at pointer: [String]) throws(APIStatus) -> JSONValue {
        var current = document
        for token in pointer {
            switch current {
            case .object(let members):
                guard let next = members[token] else { throw missing(pointer) }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { throw missing(pointer) }
                current = elements[index]
            default:
                throw missing(pointer)
            }
        }
        return current
    }

    private static func set(_ document: JSONValue, at pointer: ArraySlice<String>, value: JSONValue, inserting: Bool) throws(APIStatus) -> JSONValue {
        guard let token = pointer.first else { return value }
        let rest = pointer.dropFirst()
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw missing(pointer) }
                members[token] = try set(child, at: rest, value: value, inserting: inserting)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" && inserting {
                    elements.append(value)
                } else if let index = Int(token), index >= 0, index <= elements.count, inserting || index < elements.count {
                    if inserting { elements.insert(value, at: index) } else { elements[index] = value }
                } else {
                    throw missing(pointer)
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else { throw missing(pointer) }
                elements[index] = try set(elements[index], at: rest, value: value, inserting: inserting)
            }
            return .array(elements)
        default:
            throw missing(pointer)
        }
    }

    private static func removing(_ document: JSONValue, at pointer: ArraySlice<String>) throws(APIStatus) -> JSONValue {
        guard let token = pointer.first else { throw missing(pointer) }
        let rest = pointer.dropFirst()
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw missing(pointer) }
            if rest.isEmpty {
                members[token] = nil
            } else {
                members[token] = try removing(child, at: rest)
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw missing(pointer) }
            if rest.isEmpty { elements.remove(at: index) } else { elements[index] = try removing(elements[index], at: rest) }
            return .array(elements)
        default:
            throw missing(pointer)
        }
    }
}
