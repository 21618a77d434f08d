// Field selectors (`spec.nodeName=n1,status.phase!=Running`) with the per-resource field
// labels the real apiserver accepts; any other label is refused with its 400 message.
import Foundation

struct FieldSelector: Sendable, Hashable {
    struct Requirement: Sendable, Hashable {
        var field: String
        var value: String
        var negated: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])

    init(requirements: [Requirement]) { self.requirements = requirements }

    init(parsing text: String, for type: ResourceType) throws(APIStatus) {
        var requirements: [Requirement] = []
        for clause in text.split(separator: ",") {
            let clause = clause.trimmingCharacters(in: .whitespaces)
            if clause.isEmpty { continue }
            let requirement: Requirement
            if let range = clause.range(of: "!=") {
                requirement = Requirement(field: String(clause[..<range.lowerBound]), value: String(clause[range.upperBound...]), negated: true)
            } else if let range = clause.range(of: "==") ?? clause.range(of: "=") {
                requirement = Requirement(field: String(clause[..<range.lowerBound]), value: String(clause[range.upperBound...]), negated: false)
            } else {
                throw APIStatus.badRequest("invalid selector: '\(text)'; can't understand '\(clause)'")
            }
            guard Self.isSupported(requirement.field, for: type) else {
                throw APIStatus.badRequest("field label not supported: \(requirement.field)")
            }
            requirements.append(requirement)
        }
        self.requirements = requirements
    }

    static func isSupported(_ field: String, for type: ResourceType) -> Bool {
        if field == "metadata.name" { return true }
        if field == "metadata.namespace" { return type.namespaced }
        return type.fieldLabels.contains(field)
    }

    /// The value a field label has on an object, as the apiserver's field set renders it.
    static func value(of field: String, in object: JSONValue) -> String {
        switch field {
        case "source":
            return object[path: "source", "component"]?.stringValue ?? ""
        case "spec.unschedulable", "spec.hostNetwork":
            return object.value(at: field.split(separator: ".").map(String.init))?.boolValue == true ? "true" : "false"
        case "status.podIPs":
            return object[path: "status", "podIPs"]?[0]?["ip"]?.stringValue ?? ""
        default:
            return object.value(at: field.split(separator: ".").map(String.init))?.scalarText ?? ""
        }
    }

    /// The one exact-name requirement, when present: lets a lookup skip the scan.
    var requiredName: String? {
        requirements.first { $0.field == "metadata.name" && !$0.negated }?.value
    }

    func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            (Self.value(of: requirement.field, in: object) == requirement.value) != requirement.negated
        }
    }
}
