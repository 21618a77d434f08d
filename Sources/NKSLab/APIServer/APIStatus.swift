// metav1.Status documents worded exactly as the real apiserver words them
// (k8s.io/apimachinery/pkg/api/errors), because kubectl prints the message verbatim and the
// plugins match on reasons.
import Foundation

/// An error answer: HTTP code, machine reason and the human message kubectl prints.
struct APIStatus: Error, Sendable, Hashable {
    var code: Int
    var reason: String
    var message: String
    var details: JSONValue?

    var document: JSONValue {
        var status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "code": .number(Double(code)),
        ]
        if !reason.isEmpty { status["reason"] = .string(reason) }
        if let details { status["details"] = details }
        return status
    }

    static func reason(forCode code: Int) -> String {
        switch code {
        case 400: return "BadRequest"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 405: return "MethodNotAllowed"
        case 409: return "Conflict"
        case 410: return "Expired"
        case 415: return "UnsupportedMediaType"
        case 422: return "Invalid"
        case 429: return "TooManyRequests"
        case 500: return "InternalError"
        case 503: return "ServiceUnavailable"
        case 504: return "Timeout"
        default: return ""
        }
    }

    static func notFound(_ type: ResourceType, name: String) -> APIStatus {
        APIStatus(code: 404, reason: "NotFound", message: "\(type.qualifiedName) \"\(name)\" not found",
                  details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.resource)])
    }

    static func alreadyExists(_ type: ResourceType, name: String) -> APIStatus {
        APIStatus(code: 409, reason: "AlreadyExists", message: "\(type.qualifiedName) \"\(name)\" already exists",
                  details: ["name": .string(name), "group": .string(type.group), "kind": .string(type.resource)])
    }

    /// `pods "x" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"`.
    static func forbidden(_ type: ResourceType, subresource: String?, name: String?, verb: String, namespace: String?, user: String) -> APIStatus {
        let resource = subresource.map { "\(type.resource)/\($0)" } ?? type.resource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let reason = "User \"\(user)\" cannot \(verb) resource \"\(resource)\" in API group \"\(type.group)\" \(scope)"
        let subject = name.map { "\(type.qualifiedName) \"\($0)\"" } ?? type.qualifiedName
        var details: JSONValue = ["group": .string(type.group), "kind": .string(type.resource)]
        if let name { details["name"] = .string(name) }
        return APIStatus(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(reason)", details: details)
    }

    /// 422 Invalid for field errors written "path: what" ("status.phase: Unsupported value:
    /// …"), with the causes kubectl lists under `The KIND "NAME" is invalid:`.
    static func invalid(kind: String, group: String, name: String, errors: [String]) -> APIStatus {
        let list = errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        let causes: [JSONValue] = errors.map { error in
            let parts = error.components(separatedBy: ": ")
            let field = parts.first ?? ""
            let message = parts.dropFirst().joined(separator: ": ")
            let reason = message.hasPrefix("Unsupported value") ? "FieldValueNotSupported"
                : message.hasPrefix("Required value") ? "FieldValueRequired"
                : message.hasPrefix("Forbidden") ? "FieldValueForbidden" : "FieldValueInvalid"
            return ["reason": .string(reason), "message": .string(message), "field": .string(field)]
        }
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        return APIStatus(code: 422, reason: "Invalid", message: "\(qualified) \"\(name)\" is invalid: \(list)",
                         details: ["name": .string(name), "group": .string(group), "kind": .string(kind), "causes": .array(causes)])
    }

    static func badRequest(_ message: String) -> APIStatus {
        APIStatus(code: 400, reason: "BadRequest", message: message)
    }

    /// What the apiserver answers for an unknown URL.
    static let pageNotFound = APIStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource")

    static func methodNotAllowed(_ method: String, _ type: ResourceType) -> APIStatus {
        APIStatus(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
                  details: ["group": .string(type.group), "kind": .string(type.resource)])
    }

    /// Request bodies the fake server cannot decode (protobuf from `kubectl debug`/`auth can-i`).
    static func unsupportedMediaType(_ contentType: String) -> APIStatus {
        APIStatus(code: 415, reason: "UnsupportedMediaType",
                  message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got \(contentType))")
    }

    /// A patch type custom resources do not take (strategic merge needs Go struct tags).
    static func unsupportedPatchType(_ contentType: String) -> APIStatus {
        APIStatus(code: 415, reason: "UnsupportedMediaType",
                  message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
    }

    static func invalidBody(_ reason: String) -> APIStatus {
        badRequest("the object provided is unrecognized or invalid: \(reason)")
    }

    static func success(code: Int = 200, details: JSONValue? = nil) -> JSONValue {
        var status: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success"]
        if code != 200 { status["code"] = .number(Double(code)) }
        if let details { status["details"] = details }
        return status
    }
}
