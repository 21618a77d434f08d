// What the apiserver does to an object between a write request and the store: optimistic
// concurrency (409 Conflict on a stale resourceVersion), and for custom resources the rules
// of their registry strategy: status only through /status, spec only through the main
// resource, an update must name the resourceVersion it read, generation counts spec changes.
import Foundation

enum WriteRules {
    /// The text every optimistic-lock failure carries (apiserver's OptimisticLockErrorMsg).
    static let optimisticLockMessage = "the object has been modified; please apply your changes to the latest version and try again"

    static func conflict(_ type: ResourceType, name: String) -> APIStatus {
        APIStatus(code: 409, reason: "Conflict",
                  message: "Operation cannot be fulfilled on \(type.qualifiedName) \"\(name)\": \(optimisticLockMessage)",
                  details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.resource)])
    }

    static func missingResourceVersion(_ type: ResourceType, name: String) -> APIStatus {
        let cause = "Invalid value: 0x0: must be specified for an update"
        return APIStatus(code: 422, reason: "Invalid",
                         message: "\(type.qualifiedName) \"\(name)\" is invalid: metadata.resourceVersion: \(cause)",
                         details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.resource),
                                   "causes": [["reason": "FieldValueInvalid", "message": .string(cause), "field": "metadata.resourceVersion"]]])
    }

    /// A new custom resource: its status is dropped when it has a status subresource (the
    /// agent sets it afterwards), and its generation starts at 1.
    static func preparedForCreate(_ object: JSONValue, type: ResourceType) -> JSONValue {
        guard type.isCustom else { return object }
        var object = object
        if type.hasStatusSubresource { object["status"] = nil }
        object[path: "metadata", "generation"] = 1
        return object
    }

    /// The object an update or patch stores. `isReplace` is a PUT, which for custom
    /// resources must carry a resourceVersion; any resourceVersion given must be current.
    static func preparedForUpdate(
        _ object: JSONValue, current: JSONValue, type: ResourceType, subresource: String?, name: String, isReplace: Bool
    ) throws(APIStatus) -> JSONValue {
        let given = object[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        let currentVersion = current[path: "metadata", "resourceVersion"]?.stringValue ?? ""
        if given.isEmpty {
            if isReplace && type.isCustom { throw missingResourceVersion(type, name: name) }
        } else if given != currentVersion {
            throw conflict(type, name: name)
        }
        guard type.isCustom, type.hasStatusSubresource else { return object }
        var result: JSONValue
        if subresource == "status" {
            // Everything but status stays as it was.
            result = current
            result["status"] = object["status"]
            if let managedFields = object[path: "metadata", "managedFields"] { result[path: "metadata", "managedFields"] = managedFields }
        } else {
            result = object
            result["status"] = current["status"]
        }
        let generation = current[path: "metadata", "generation"]?.intValue ?? 1
        result[path: "metadata", "generation"] = .number(Double(changesBeyondMetadata(result, current) ? generation + 1 : generation))
        return result
    }

    /// Whether anything outside metadata and status changed: what bumps a generation.
    private static func changesBeyondMetadata(_ new: JSONValue, _ old: JSONValue) -> Bool {
        var new = new, old = old
        for key in ["metadata", "status"] {
            new[key] = nil
            old[key] = nil
        }
        return new != old
    }
}
