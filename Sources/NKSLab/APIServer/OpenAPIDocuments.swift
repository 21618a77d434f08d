// /openapi/v3: the index of group versions and, per group version, the PATCH operations
// with their `fieldValidation` parameter. kubectl create/apply/replace read these to learn
// that the server validates fields itself (they then send fieldValidation=Strict instead
// of validating against schemas client-side); without them they stop with "failed to
// download openapi". No schemas are served: nothing in kubectl's write path needs them.
import Foundation
import NKSCore

enum OpenAPIDocuments {
    static let root = "/openapi/v3"

    /// The answer for a path under /openapi, or nil when there is none (404).
    static func document(path: String, served: ServedResources) -> JSONValue? {
        if path == root || path == root + "/" { return index(served) }
        guard path.hasPrefix(root + "/") else { return nil }
        let relative = String(path.dropFirst(root.count + 1))
        let groupVersion: String
        if relative == "api/v1" {
            groupVersion = "v1"
        } else if relative.hasPrefix("apis/") {
            groupVersion = String(relative.dropFirst("apis/".count))
        } else {
            return nil
        }
        let types = served.types(groupVersion: groupVersion)
        return types.isEmpty ? nil : groupVersionDocument(types)
    }

    private static func relativePath(_ groupVersion: String) -> String {
        groupVersion == "v1" ? "api/v1" : "apis/\(groupVersion)"
    }

    static func index(_ served: ServedResources) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var groupVersions: [String: [ResourceType]] = [:]
        for type in served.all { groupVersions[type.groupVersion, default: []].append(type) }
        for (groupVersion, types) in groupVersions {
            let path = relativePath(groupVersion)
            // The hash changes when the served types change, so kubectl's cache refetches.
            let hash = Hashing.sha256Hex(Data(types.map { "\($0.resource)|\($0.kind)|\($0.subresources)" }.joined(separator: ",").utf8))
            paths[path] = ["serverRelativeURL": .string("\(root)/\(path)?hash=\(hash.prefix(32).uppercased())")]
        }
        return ["paths": .object(paths)]
    }

    private static func groupVersionDocument(_ types: [ResourceType]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for type in types {
            let base = "/" + relativePath(type.groupVersion) + (type.namespaced ? "/namespaces/{namespace}" : "") + "/\(type.resource)/{name}"
            let operation: JSONValue = [
                "x-kubernetes-group-version-kind": ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)],
                "x-kubernetes-action": "patch",
                "parameters": [
                    ["name": "dryRun", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "fieldManager", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]],
                    ["name": "force", "in": "query", "schema": ["type": "boolean", "uniqueItems": true]],
                ],
                "responses": ["200": ["description": "OK"]],
            ]
            paths[base] = ["patch": operation]
            if type.hasStatusSubresource { paths[base + "/status"] = ["patch": operation] }
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(Discovery.kubernetesVersion["gitVersion"]?.stringValue ?? "")],
            "paths": .object(paths),
            "components": ["schemas": [:]],
        ]
    }
}
