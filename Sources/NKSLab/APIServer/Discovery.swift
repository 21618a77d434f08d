// The legacy discovery documents (/api, /apis, /api/v1, /apis/GROUP/VERSION) and /version.
// Plain application/json answers make kubectl 1.32 fall back from aggregated discovery to
// these, which is all it needs to map `kubectl get po` to a URL.
import Foundation

enum Discovery {
    static let kubernetesVersion: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.4", "gitCommit": "59526cd4867447956156ae3a602fcbac10a2c335",
        "gitTreeState": "clean", "buildDate": "2025-04-22T16:01:20Z", "goVersion": "go1.23.6", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    static func groupList(_ served: ServedResources) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(served.groups.map { group($0, served) })]
    }

    static func group(_ name: String, _ served: ServedResources) -> JSONValue {
        let versions = served.versions(group: name)
        let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": .array(entries), "preferredVersion": entries[0]]
    }

    /// The APIResourceList for one group version, or nil when it is not served.
    static func resourceList(groupVersion: String, _ served: ServedResources) -> JSONValue? {
        let types = served.types(groupVersion: groupVersion)
        if types.isEmpty { return nil }
        var resources: [JSONValue] = []
        for type in types {
            var entry: JSONValue = [
                "name": .string(type.resource), "singularName": .string(type.singular), "namespaced": .bool(type.namespaced),
                "kind": .string(type.kind), "verbs": .array(ResourceCatalog.readWriteVerbs.map(JSONValue.string)),
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = .array(type.shortNames.map(JSONValue.string)) }
            if !type.categories.isEmpty {
                entry["categories"] = .array(type.categories.map(JSONValue.string))
            } else if ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Service"].contains(type.kind) {
                entry["categories"] = ["all"]
            }
            resources.append(entry)
            for subresource in type.subresources {
                var entry: JSONValue = [
                    "name": .string("\(type.resource)/\(subresource)"), "singularName": "", "namespaced": .bool(type.namespaced),
                    "kind": .string(subresourceKind(type, subresource)), "verbs": .array(subresourceVerbs(subresource).map(JSONValue.string)),
                ]
                // kubectl drain uses evictions only when discovery names their group version.
                if subresource == "eviction" {
                    entry["group"] = "policy"
                    entry["version"] = "v1"
                }
                resources.append(entry)
            }
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }

    private static func subresourceKind(_ type: ResourceType, _ subresource: String) -> String {
        switch subresource {
        case "eviction": return "Eviction"
        case "proxy": return type.kind == "Node" ? "NodeProxyOptions" : "PodProxyOptions"
        case "scale": return "Scale"
        case "token": return "TokenRequest"
        case "exec": return "PodExecOptions"
        case "attach": return "PodAttachOptions"
        case "portforward": return "PodPortForwardOptions"
        case "binding": return "Binding"
        default: return type.kind
        }
    }

    private static func subresourceVerbs(_ subresource: String) -> [String] {
        switch subresource {
        case "log": return ["get"]
        case "eviction", "binding", "token": return ["create"]
        case "proxy": return ["create", "delete", "get", "patch", "update"]
        case "exec", "attach", "portforward": return ["create", "get"]
        default: return ["get", "patch", "update"]
        }
    }
}
