// What the plugins ask of the Kubernetes API, independent of how it is reached: kubectl
// today (KubectlClient), perhaps a native client later.
import Foundation

public protocol KubernetesAPI: Sendable {
    func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope, labelSelector: String?, fieldSelector: String?) async throws -> [T]
    func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String?) async throws -> T
    /// GET of an API path, e.g. `/api/v1/nodes/NAME/proxy/configz`; the body as sent.
    func raw(_ path: String) async throws -> Data
    /// Never throws for a failed read: callers diagnose kubectl's and the kubelet's words.
    /// Throws only when kubectl cannot be run at all or overruns its deadline.
    func logs(pod: String, namespace: String?, container: String?, previous: Bool, tailLines: Int?) async throws -> PodLogs
    func delete(resource: String, name: String, namespace: String?) async throws
    /// Creates the object (JSON) as given; returns it as the server stored it. An object
    /// that exists already is an error (`KubectlError.alreadyExists`), never replaced.
    func create(_ object: Data, namespace: String?) async throws -> Data
    /// Returns the object as the server stored it after the patch.
    func patch(resource: String, name: String, namespace: String?, patch: Data, type: PatchType) async throws -> Data
    func contexts() async throws -> [KubeContext]
    /// nil when the kubeconfig names no current context.
    func currentContext() async throws -> String?
}

extension KubernetesAPI {
    public func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope = .current, labelSelector: String? = nil, fieldSelector: String? = nil) async throws -> [T] {
        try await list(type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
    }

    public func get<T: KubernetesObject>(_ type: T.Type, name: String) async throws -> T {
        try await get(type, name: name, namespace: nil)
    }

    public func logs(pod: String, namespace: String? = nil, container: String? = nil) async throws -> PodLogs {
        try await logs(pod: pod, namespace: namespace, container: container, previous: false, tailLines: nil)
    }

    /// Sets (a value) or removes (nil) annotations with a merge patch; other annotations stay.
    @discardableResult
    public func annotate(resource: String, name: String, namespace: String?, annotations: [String: String?]) async throws -> Data {
        let body: [String: [String: [String: String?]]] = ["metadata": ["annotations": annotations]]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding [String: String?] writes null for nil, which is what removes a key in a merge patch.
        return try await patch(resource: resource, name: name, namespace: namespace, patch: encoder.encode(body), type: .merge)
    }
}

/// Which namespaces a list covers. Ignored for cluster-scoped kinds such as nodes.
public enum NamespaceScope: Sendable, Hashable {
    /// What the user chose with -n/-A, else the context's namespace.
    case current
    case named(String)
    case all
}

/// kubectl patch --type.
public enum PatchType: String, Sendable, Hashable, CaseIterable {
    case merge
    case strategic
    case json
}

/// What `kubectl logs` left behind, kept raw: a kubelet may answer
/// `unable to retrieve container logs for containerd://…` inside a 200 response, which kubectl
/// prints as a log line and exits 0, so success alone says little.
public struct PodLogs: Sendable, Hashable {
    public var command: String
    public var exitCode: Int32
    public var output: Data
    public var standardError: String

    public init(command: String, exitCode: Int32, output: Data, standardError: String) {
        self.command = command
        self.exitCode = exitCode
        self.output = output
        self.standardError = standardError
    }

    public var succeeded: Bool { exitCode == 0 }
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// The failure kubectl reported, classified; nil when it exited 0.
    public var failure: KubectlError? {
        succeeded ? nil : KubectlError.classify(standardError: standardError, exitCode: exitCode, command: command)
    }
}

/// One context of the kubeconfig, as `kubectl config view` lists it (secrets are never read).
public struct KubeContext: Sendable, Hashable, Codable {
    public var name: String
    public var cluster: String?
    public var user: String?
    public var namespace: String?
    public var isCurrent: Bool

    public init(name: String, cluster: String? = nil, user: String? = nil, namespace: String? = nil, isCurrent: Bool = false) {
        self.name = name
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.isCurrent = isCurrent
    }
}
