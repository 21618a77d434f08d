// apiextensions.k8s.io/v1 CustomResourceDefinitions: the checks the real apiserver makes
// before accepting one (name, scope, one storage version, a structural schema), the
// resource types a CRD makes the lab serve, and the status it reports once established.
import Foundation

enum CustomResourceDefinitions {
    static let kind = "CustomResourceDefinition"

    /// The served types of a CRD, one per served version. Throws 422 Invalid with the
    /// apiextensions validation messages when the CRD would be refused.
    static func types(of crd: JSONValue) throws(APIStatus) -> [ResourceType] {
        let name = crd[path: "metadata", "name"]?.stringValue ?? ""
        var errors: [String] = []
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let names = spec["names"] ?? [:]
        let plural = names["plural"]?.stringValue ?? ""
        let kind = names["kind"]?.stringValue ?? ""
        if group.isEmpty { errors.append("spec.group: Required value") }
        if plural.isEmpty { errors.append("spec.names.plural: Required value") }
        if kind.isEmpty { errors.append("spec.names.kind: Required value") }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            errors.append("metadata.name: Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")
        }
        let scope = spec["scope"]?.stringValue ?? ""
        if !["Cluster", "Namespaced"].contains(scope) {
            errors.append("spec.scope: Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"")
        }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty { errors.append("spec.versions: Invalid value: null: must have exactly one version marked as storage version") }
        let storage = versions.filter { $0["storage"]?.boolValue == true }.count
        if !versions.isEmpty, storage != 1 {
            errors.append("spec.versions: Invalid value: \(storage): must have exactly one version marked as storage version")
        }
        for (index, version) in versions.enumerated() {
            let path = "spec.versions[\(index)].schema.openAPIV3Schema"
            guard let schema = version[path: "schema", "openAPIV3Schema"] else {
                errors.append("\(path): Required value: schemas are required")
                continue
            }
            errors += StructuralSchema.violations(root: schema, path: path)
        }
        if !errors.isEmpty {
            throw APIStatus.invalid(kind: Self.kind, group: "apiextensions.k8s.io", name: name, errors: errors)
        }
        return versions.filter { $0["served"]?.boolValue != false }.map { version in
            var subresources: [String] = []
            if version[path: "subresources", "status"] != nil { subresources.append("status") }
            if version[path: "subresources", "scale"] != nil { subresources.append("scale") }
            return ResourceType(
                group: group, version: version["name"]?.stringValue ?? "", resource: plural,
                singular: names["singular"]?.stringValue ?? kind.lowercased(), kind: kind, namespaced: scope == "Namespaced",
                shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [], subresources: subresources,
                fieldLabels: version["selectableFields"]?.arrayValue?.compactMap { $0["jsonPath"]?.stringValue.map { String($0.dropFirst()) } } ?? [],
                isCustom: true, printerColumns: printerColumns(of: version),
                categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                schema: version[path: "schema", "openAPIV3Schema"])
        }
    }

    /// The columns of a version's Table: its additionalPrinterColumns, or Age when it has none.
    static func printerColumns(of version: JSONValue) -> [PrinterColumn] {
        let given = version["additionalPrinterColumns"]?.arrayValue ?? []
        if given.isEmpty {
            return [PrinterColumn(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp", priority: 0,
                                  description: creationTimestampDescription, format: "")]
        }
        return given.map { column in
            PrinterColumn(name: column["name"]?.stringValue ?? "", type: column["type"]?.stringValue ?? "string",
                          jsonPath: column["jsonPath"]?.stringValue ?? "", priority: column["priority"]?.intValue ?? 0,
                          description: column["description"]?.stringValue ?? "", format: column["format"]?.stringValue ?? "")
        }
    }

    /// The CRD as stored: established, its names accepted, as a real apiserver reports
    /// shortly after creating it (kubectl wait --for=condition=Established waits for this).
    static func established(_ crd: JSONValue, now: Date = Date()) -> JSONValue {
        var crd = crd
        let time = JSONValue.string(now.formatted(.iso8601))
        crd[path: "status", "acceptedNames"] = crd[path: "spec", "names"] ?? [:]
        crd[path: "status", "conditions"] = [
            ["type": "NamesAccepted", "status": "True", "lastTransitionTime": time, "reason": "NoConflicts", "message": "no conflicts found"],
            ["type": "Established", "status": "True", "lastTransitionTime": time, "reason": "InitialNamesAccepted",
             "message": "the initial names have been accepted"],
        ]
        let storage = crd[path: "spec", "versions"]?.arrayValue?.first { $0["storage"]?.boolValue == true }?["name"]
        crd[path: "status", "storedVersions"] = .array(storage.map { [$0] } ?? [])
        return crd
    }

    static let creationTimestampDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
}
