// The resource types the fake API server knows: their URL names, kinds, groups and scope,
// which is everything discovery, routing and error messages need to sound like a real
// apiserver.
import Foundation

/// One served resource type, e.g. pods in the core group.
public struct ResourceType: Sendable, Hashable {
    public var group: String
    public var version: String
    /// The plural URL name: "pods", "deployments".
    public var resource: String
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var subresources: [String]
    /// Field selector labels the real apiserver accepts beyond metadata.name/namespace.
    public var fieldLabels: [String]
    /// Served from a CustomResourceDefinition rather than built in: stricter writes (no
    /// strategic merge, no update without resourceVersion, status only through /status).
    public var isCustom: Bool = false
    /// A custom resource's additionalPrinterColumns, for its server-side Table.
    public var printerColumns: [PrinterColumn] = []
    public var categories: [String] = []
    /// A custom resource's openAPIV3Schema, which its objects are pruned and checked by.
    public var schema: JSONValue? = nil

    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// "pods" for the core group, "deployments.apps" otherwise: how errors name a resource.
    public var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    public var listKind: String { kind + "List" }

    public var hasStatusSubresource: Bool { subresources.contains("status") }
}

/// One additionalPrinterColumn of a CustomResourceDefinition version.
public struct PrinterColumn: Sendable, Hashable {
    public var name: String
    /// "string", "integer", "number", "boolean" or "date".
    public var type: String
    public var jsonPath: String
    public var priority: Int
    public var description: String
    public var format: String
}

public enum ResourceCatalog {
    static let readWriteVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public static let all: [ResourceType] = [
        core("namespaces", "namespace", "Namespace", namespaced: false, short: ["ns"], sub: ["status", "finalize"], fields: ["status.phase"]),
        core("nodes", "node", "Node", namespaced: false, short: ["no"], sub: ["proxy", "status"], fields: ["spec.unschedulable"]),
        core("pods", "pod", "Pod", short: ["po"], sub: ["log", "eviction", "status", "exec", "attach", "portforward", "proxy", "ephemeralcontainers", "binding"],
             fields: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                      "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"]),
        core("events", "event", "Event", short: ["ev"], fields: [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ]),
        core("configmaps", "configmap", "ConfigMap", short: ["cm"]),
        core("secrets", "secret", "Secret", fields: ["type"]),
        core("serviceaccounts", "serviceaccount", "ServiceAccount", short: ["sa"], sub: ["token"]),
        core("services", "service", "Service", short: ["svc"], sub: ["status", "proxy"]),
        core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", short: ["pvc"], sub: ["status"]),
        ResourceType(group: "apps", version: "v1", resource: "deployments", singular: "deployment", kind: "Deployment", namespaced: true,
                     shortNames: ["deploy"], subresources: ["status", "scale"], fieldLabels: []),
        ResourceType(group: "apps", version: "v1", resource: "statefulsets", singular: "statefulset", kind: "StatefulSet", namespaced: true,
                     shortNames: ["sts"], subresources: ["status", "scale"], fieldLabels: []),
        ResourceType(group: "apps", version: "v1", resource: "daemonsets", singular: "daemonset", kind: "DaemonSet", namespaced: true,
                     shortNames: ["ds"], subresources: ["status"], fieldLabels: []),
        ResourceType(group: "apps", version: "v1", resource: "replicasets", singular: "replicaset", kind: "ReplicaSet", namespaced: true,
                     shortNames: ["rs"], subresources: ["status", "scale"], fieldLabels: ["status.replicas"]),
        ResourceType(group: "batch", version: "v1", resource: "jobs", singular: "job", kind: "Job", namespaced: true,
                     shortNames: [], subresources: ["status"], fieldLabels: ["status.successful"]),
        ResourceType(group: "batch", version: "v1", resource: "cronjobs", singular: "cronjob", kind: "CronJob", namespaced: true,
                     shortNames: ["cj"], subresources: ["status"], fieldLabels: []),
        ResourceType(group: "policy", version: "v1", resource: "poddisruptionbudgets", singular: "poddisruptionbudget", kind: "PodDisruptionBudget",
                     namespaced: true, shortNames: ["pdb"], subresources: ["status"], fieldLabels: []),
        ResourceType(group: "coordination.k8s.io", version: "v1", resource: "leases", singular: "lease", kind: "Lease", namespaced: true,
                     shortNames: [], subresources: [], fieldLabels: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", singular: "clusterrole", kind: "ClusterRole",
                     namespaced: false, shortNames: [], subresources: [], fieldLabels: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings", singular: "clusterrolebinding",
                     kind: "ClusterRoleBinding", namespaced: false, shortNames: [], subresources: [], fieldLabels: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", singular: "role", kind: "Role",
                     namespaced: true, shortNames: [], subresources: [], fieldLabels: []),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", singular: "rolebinding", kind: "RoleBinding",
                     namespaced: true, shortNames: [], subresources: [], fieldLabels: []),
        ResourceType(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions", singular: "customresourcedefinition",
                     kind: "CustomResourceDefinition", namespaced: false, shortNames: ["crd", "crds"], subresources: ["status"], fieldLabels: []),
    ]

    private static func core(
        _ resource: String, _ singular: String, _ kind: String, namespaced: Bool = true,
        short: [String] = [], sub: [String] = [], fields: [String] = []
    ) -> ResourceType {
        ResourceType(group: "", version: "v1", resource: resource, singular: singular, kind: kind, namespaced: namespaced,
                     shortNames: short, subresources: sub, fieldLabels: fields)
    }

    public static func type(groupVersion: String, resource: String) -> ResourceType? {
        ServedResources.builtIn.type(groupVersion: groupVersion, resource: resource)
    }

    public static func type(kind: String) -> ResourceType? { ServedResources.builtIn.type(kind: kind) }

    /// Group names in the order discovery lists them; the core group is served under /api.
    public static var groups: [String] { ServedResources.builtIn.groups }

    public static func types(groupVersion: String) -> [ResourceType] {
        ServedResources.builtIn.types(groupVersion: groupVersion)
    }
}
