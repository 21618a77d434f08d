// Walks a pod's controller chain to the object whose template makes it (ReplicaSet →
// Deployment, Job → CronJob) and reads service accounts' imagePullSecrets, through
// `kubectl get --raw` so no model per kind is needed.
import Foundation
import NKSCore

public struct TemplateOwner: Sendable, Hashable {
    public var kind: String
    public var name: String
    public var namespace: String
    /// kubectl resource name: "deployments.apps", "cronjobs.batch", …
    public var resource: String
    /// JSON pointer of the pod spec inside the object.
    public var podSpecPointer: String
    public var object: JSONAny
}

/// A Sendable box for JSONSerialization output.
public struct JSONAny: @unchecked Sendable, Hashable {
    public var value: Any
    public static func == (a: JSONAny, b: JSONAny) -> Bool { NSDictionary(dictionary: ["v": a.value]).isEqual(["v": b.value]) }
    public func hash(into hasher: inout Hasher) {}
}

public struct OwnerResolver: Sendable {
    public var api: any KubernetesAPI

    public init(api: any KubernetesAPI) { self.api = api }

    static let paths: [String: (group: String, resource: String)] = [
        "ReplicaSet": ("apis/apps/v1", "replicasets"), "Deployment": ("apis/apps/v1", "deployments"),
        "StatefulSet": ("apis/apps/v1", "statefulsets"), "DaemonSet": ("apis/apps/v1", "daemonsets"),
        "Job": ("apis/batch/v1", "jobs"), "CronJob": ("apis/batch/v1", "cronjobs"),
    ]

    func fetch(kind: String, name: String, namespace: String) async throws -> [String: Any]? {
        guard let path = Self.paths[kind] else { return nil }
        let data = try await api.raw("/\(path.group)/namespaces/\(namespace)/\(path.resource)/\(name)")
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// The top of the chain that holds the template; nil for bare pods and unknown kinds.
    public func templateOwner(of pod: Pod) async throws -> TemplateOwner? {
        guard let controller = pod.metadata.controller, let namespace = pod.metadata.namespace else { return nil }
        var owner = (kind: controller.kind, name: controller.name)
        var object = try await fetch(kind: owner.kind, name: owner.name, namespace: namespace)
        while let current = object, let next = Self.controller(of: current), Self.paths[next.kind] != nil {
            owner = next
            object = try await fetch(kind: next.kind, name: next.name, namespace: namespace)
        }
        guard let object, owner.kind != "ReplicaSet" else { return nil }
        let pointer = owner.kind == "CronJob" ? "/spec/jobTemplate/spec/template/spec" : "/spec/template/spec"
        let group = owner.kind == "Job" || owner.kind == "CronJob" ? "batch" : "apps"
        return TemplateOwner(kind: owner.kind, name: owner.name, namespace: namespace,
                             resource: Self.paths[owner.kind]!.resource + "." + group, podSpecPointer: pointer, object: JSONAny(value: object))
    }

    static func controller(of object: [String: Any]) -> (kind: String, name: String)? {
        let metadata = object["metadata"] as? [String: Any]
        let owners = metadata?["ownerReferences"] as? [[String: Any]] ?? []
        guard let owner = owners.first(where: { $0["controller"] as? Bool == true }),
              let kind = owner["kind"] as? String, let name = owner["name"] as? String else { return nil }
        return (kind, name)
    }

    /// The service account's imagePullSecrets names; empty when it has none or cannot be read.
    public func serviceAccountPullSecrets(_ name: String, namespace: String) async -> [String] {
        guard let data = try? await api.raw("/api/v1/namespaces/\(namespace)/serviceaccounts/\(name)"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return (object["imagePullSecrets"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
}

extension TemplateOwner {
    /// The image the owner's template gives the container now (nil: no such container).
    public func templateImage(container: String, isInit: Bool) -> String? {
        guard let object = self.object.value as? [String: Any] else { return nil }
        var spec: Any? = object
        for key in podSpecPointer.split(separator: "/") { spec = (spec as? [String: Any])?[String(key)] }
        let containers = (spec as? [String: Any])?[isInit ? "initContainers" : "containers"] as? [[String: Any]] ?? []
        return containers.first { $0["name"] as? String == container }?["image"] as? String
    }

    /// A JSON patch that replaces one container's image, guarded by a test of the old
    /// value so a template someone changed meanwhile is left alone.
    public func imagePatch(container: String, isInit: Bool, from old: String, to new: String) -> Data? {
        guard let object = self.object.value as? [String: Any] else { return nil }
        var spec: Any? = object
        for key in podSpecPointer.split(separator: "/") { spec = (spec as? [String: Any])?[String(key)] }
        let listKey = isInit ? "initContainers" : "containers"
        guard let containers = (spec as? [String: Any])?[listKey] as? [[String: Any]],
              let index = containers.firstIndex(where: { $0["name"] as? String == container }) else { return nil }
        let path = "\(podSpecPointer)/\(listKey)/\(index)/image"
        let operations: [[String: String]] = [["op": "test", "path": path, "value": old], ["op": "replace", "path": path, "value": new]]
        return try? JSONSerialization.data(withJSONObject: operations, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
