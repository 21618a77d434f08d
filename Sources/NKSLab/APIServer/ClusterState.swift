// The simulated cluster's objects and scripted answers: one actor that the fake API server
// reads and the lab's scenarios write, indexed by kind and namespace so lists of thousands
// of pods and events stay cheap, and that tells open watches about every change. It also
// knows which custom types its CustomResourceDefinitions add, and counts requests per client.
import Foundation

/// Why an object could not be stored.
public enum ClusterStateError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingField(field: String, object: String)

    public var description: String {
        switch self {
        case .missingField(let field, let object):
            return "cannot store object \(object): it has no \(field); set \(field) in the object"
        }
    }
}

/// A change to one object, as a watch stream reports it.
public struct WatchEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    public var type: Kind
    public var object: JSONValue
    /// The object before a modification, so a filtered watch can tell when it left the filter.
    public var previous: JSONValue?
    public var resourceVersion: Int
}

/// A watch asked to resume from a resourceVersion whose later changes are no longer kept.
struct WatchExpired: Error, Sendable, Hashable {
    var requested: Int
    /// The oldest resourceVersion a watch can start from now.
    var oldest: Int
}

struct ForbiddenRule: Sendable, Hashable {
    var verb: String
    var resource: String
    var namespace: String?
    var user: String

    func matches(verb: String, resource: String, namespace: String?, user: String) -> Bool {
        (self.verb == "*" || self.verb == verb)
            && (self.resource == "*" || self.resource == resource)
            && (self.namespace == nil || self.namespace == namespace)
            && (self.user == "*" || self.user == user)
    }
}

struct LogKey: Hashable {
    var namespace: String
    var pod: String
    var container: String?
    var previous: Bool
}

public actor ClusterState {
    /// kind → namespace ("" when cluster-scoped) → name → object.
    private var store: [String: [String: [String: JSONValue]]] = [:]
    private var resourceVersion = 1
    private var logAnswers: [LogKey: LogAnswer] = [:]
    private var proxyAnswers: [String: [String: ProxyAnswer]] = [:]
    private var forbiddenRules: [ForbiddenRule] = []
    /// Armed by tests through `inject(_:)`; read and counted down by `takeFault`.
    var faults: [APIFault] = []
    private var requests: [RecordedRequest] = []
    private var requestCounts: [String: ClientRequestCounts] = [:]
    /// Open watches by kind, those that follow one object also by its name, so a change
    /// reaches only the watchers that can want it (thousands of agents each watch one object).
    private var watchers: [String: WatcherIndex] = [:]
    private var watcherKinds: [Int: (kind: String, name: String?)] = [:]
    private var nextWatcherID = 0
    /// Recent changes, so a watch that starts from a list's resourceVersion misses nothing.
    private var history: [(kind: String, namespace: String, event: WatchEvent)] = []
    private let historyLimit: Int
    /// Every change after this resourceVersion is still in `history`; a watch from an older
    /// one has missed changes and is told so (410 Expired), as the watch cache does.
    private var historyFloor = 1
    /// The types CustomResourceDefinitions add, by CRD name.
    private var customTypes: [String: [ResourceType]] = [:]
    /// What the server serves now: the built-in catalog plus the custom types.
    private(set) var served: ServedResources = .builtIn

    private struct Watcher {
        var namespace: String?
        var continuation: AsyncStream<WatchEvent>.Continuation
    }

    private struct WatcherIndex {
        var any: [Int: Watcher] = [:]
        var byName: [String: [Int: Watcher]] = [:]
        var isEmpty: Bool { any.isEmpty && byName.isEmpty }
    }

    /// `historyLimit` is how many changes watches can resume from; tests make it small to
    /// reach the 410 a real watch cache gives after a long disconnection.
    public init(historyLimit: Int = 4096) {
        self.historyLimit = max(2, historyLimit)
        // The namespaces every real cluster has, so `-n kube-system` lists are not surprising.
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            var namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            namespace[path: "metadata", "labels"] = ["kubernetes.io/metadata.name": .string(name)]
            namespace[path: "spec", "finalizers"] = ["kubernetes"]
            namespace[path: "status", "phase"] = "Active"
            namespace = Self.filledMetadata(namespace, existing: nil, resourceVersion: 1)
            store["Namespace", default: [:]]["", default: [:]][name] = namespace
        }
    }

    // MARK: Objects

    /// Stores or replaces an object (by kind, namespace and name) and tells watchers.
    public func upsert(_ object: JSONValue) throws {
        guard let kind = object["kind"]?.stringValue, !kind.isEmpty else {
            throw ClusterStateError.missingField(field: "kind", object: Self.describe(object))
        }
        guard let name = object[path: "metadata", "name"]?.stringValue, !name.isEmpty else {
            throw ClusterStateError.missingField(field: "metadata.name", object: Self.describe(object))
        }
        var object = object
        if object["apiVersion"] == nil, let type = served.type(kind: kind) {
            object["apiVersion"] = .string(type.groupVersion)
        }
        let namespace = namespaceKey(of: object, kind: kind)
        if !namespace.isEmpty, object[path: "metadata", "namespace"] == nil {
            object[path: "metadata", "namespace"] = .string(namespace)
        }
        let previous = store[kind]?[namespace]?[name]
        resourceVersion += 1
        let stored = Self.filledMetadata(object, existing: previous, resourceVersion: resourceVersion)
        store[kind, default: [:]][namespace, default: [:]][name] = stored
        publish(kind: kind, namespace: namespace,
                event: WatchEvent(type: previous == nil ? .added : .modified, object: stored, previous: previous, resourceVersion: resourceVersion))
        if kind == CustomResourceDefinitions.kind { register(definition: stored, name: name) }
    }

    /// Stores an object only when the stored one still has `version` (compare-and-swap for
    /// updates); false when another write came first.
    func upsert(_ object: JSONValue, ifStoredVersion version: String) throws -> Bool {
        let kind = object["kind"]?.stringValue ?? ""
        let name = object[path: "metadata", "name"]?.stringValue ?? ""
        let stored = store[kind]?[namespaceKey(of: object, kind: kind)]?[name]
        guard stored?[path: "metadata", "resourceVersion"]?.stringValue == version else { return false }
        try upsert(object)
        return true
    }

    public func remove(kind: String, namespace: String?, name: String) {
        _ = delete(kind: kind, namespace: namespace, name: name)
    }

    /// Removes an object and returns it as it was last stored (with the deletion's
    /// resourceVersion), or nil when there was none.
    @discardableResult
    func delete(kind: String, namespace: String?, name: String) -> JSONValue? {
        let namespaceKey = namespace ?? ""
        guard var removed = store[kind]?[namespaceKey]?.removeValue(forKey: name) else { return nil }
        resourceVersion += 1
        removed[path: "metadata", "resourceVersion"] = .string(String(resourceVersion))
        publish(kind: kind, namespace: namespaceKey,
                event: WatchEvent(type: .deleted, object: removed, previous: nil, resourceVersion: resourceVersion))
        if kind == CustomResourceDefinitions.kind { unregister(definition: name) }
        collectDependents(of: removed, namespace: namespaceKey)
        return removed
    }

    /// The garbage collector's background deletion: objects whose ownerReferences name
    /// the deleted object's uid go too (a NodeConfigState with its Node, pods with a Job).
    private func collectDependents(of owner: JSONValue, namespace ownerNamespace: String) {
        guard let uid = owner[path: "metadata", "uid"]?.stringValue, !uid.isEmpty else { return }
        var dependents: [(kind: String, namespace: String, name: String)] = []
        for (kind, byNamespace) in store {
            for (namespace, byName) in byNamespace where ownerNamespace.isEmpty || namespace == ownerNamespace {
                for (name, object) in byName
                where object[path: "metadata", "ownerReferences"]?.arrayValue?.contains(where: { $0["uid"]?.stringValue == uid }) == true {
                    dependents.append((kind, namespace, name))
                }
            }
        }
        for dependent in dependents { delete(kind: dependent.kind, namespace: dependent.namespace, name: dependent.name) }
    }

    // MARK: Custom resources

    /// Serves the types a stored CRD defines; one that does not parse serves nothing.
    private func register(definition: JSONValue, name: String) {
        customTypes[name] = (try? CustomResourceDefinitions.types(of: definition)) ?? []
        served = ServedResources(custom: customTypes.keys.sorted().flatMap { customTypes[$0]! })
    }

    /// Stops serving a deleted CRD's types and deletes their objects, as the apiserver does.
    private func unregister(definition name: String) {
        let kinds = Set((customTypes.removeValue(forKey: name) ?? []).map(\.kind))
        served = ServedResources(custom: customTypes.keys.sorted().flatMap { customTypes[$0]! })
        for kind in kinds where served.type(kind: kind) == nil {
            for object in list(kind: kind, namespace: nil) {
                _ = delete(kind: kind, namespace: object[path: "metadata", "namespace"]?.stringValue,
                           name: object[path: "metadata", "name"]?.stringValue ?? "")
            }
            store[kind] = nil
        }
    }

    /// Every object of a kind, ordered by namespace then name as the real apiserver lists them.
    public func objects(kind: String) -> [JSONValue] {
        list(kind: kind, namespace: nil)
    }

    public func object(kind: String, namespace: String?, name: String) -> JSONValue? {
        store[kind]?[namespace ?? ""]?[name]
    }

    /// Objects of a kind in one namespace (nil: all), sorted, optionally filtered.
    func list(kind: String, namespace: String?, where include: (JSONValue) -> Bool = { _ in true }) -> [JSONValue] {
        guard let byNamespace = store[kind] else { return [] }
        var result: [JSONValue] = []
        let namespaces = namespace.map { [$0] } ?? byNamespace.keys.sorted()
        for namespaceKey in namespaces {
            guard let byName = byNamespace[namespaceKey] else { continue }
            for name in byName.keys.sorted() {
                let object = byName[name]!
                if include(object) { result.append(object) }
            }
        }
        return result
    }

    /// Objects a list request selects, with the resourceVersion the list is consistent
    /// with. An exact name (from `metadata.name=`) skips the scan.
    func select(kind: String, namespace: String?, name: String?, include: @Sendable (JSONValue) -> Bool) -> ([JSONValue], Int) {
        guard let name else { return (list(kind: kind, namespace: namespace, where: include), resourceVersion) }
        let namespaces = namespace.map { [$0] } ?? (store[kind]?.keys.sorted() ?? [])
        let found = namespaces.compactMap { store[kind]?[$0]?[name] }.filter(include)
        return (found, resourceVersion)
    }

    /// The resourceVersion of the latest change, as list metadata reports it.
    var currentResourceVersion: Int { resourceVersion }

    /// The oldest resourceVersion a watch can still start from.
    var oldestWatchableResourceVersion: Int { historyFloor }

    // MARK: Scripted answers

    /// What `kubectl logs` gets for a pod; a nil container answers for any container.
    public func setPodLogs(namespace: String, pod: String, container: String?, previous: Bool, answer: LogAnswer) {
        logAnswers[LogKey(namespace: namespace, pod: pod, container: container, previous: previous)] = answer
    }

    func podLogs(namespace: String, pod: String, container: String, previous: Bool) -> LogAnswer? {
        logAnswers[LogKey(namespace: namespace, pod: pod, container: container, previous: previous)]
            ?? logAnswers[LogKey(namespace: namespace, pod: pod, container: nil, previous: previous)]
    }

    /// What `GET /api/v1/nodes/NODE/proxy/PATH` answers. A path with a query
    /// ("logs/?query=kubelet") wins over the same path without one ("logs/").
    public func setNodeProxy(node: String, path: String, answer: ProxyAnswer) {
        proxyAnswers[node, default: [:]][Self.trimmedProxyPath(path)] = answer
    }

    func nodeProxy(node: String, path: String, query: String) -> ProxyAnswer? {
        guard let answers = proxyAnswers[node] else { return nil }
        let path = Self.trimmedProxyPath(path)
        if !query.isEmpty, let exact = answers["\(path)?\(query)"] { return exact }
        // An answer for "logs/?query=kubelet" also serves "logs/?query=kubelet&sinceTime=…".
        if !query.isEmpty, let partial = answers.first(where: { Self.queryCovers(key: $0.key, path: path, query: query) }) { return partial.value }
        if let answer = answers[path] { return answer }
        // Tolerate "logs" vs "logs/": kubectl users type both.
        let toggled = path.hasSuffix("/") ? String(path.dropLast()) : path + "/"
        return answers[toggled]
    }

    /// Whether `key` is "path?params" with every param also in the request's query.
    private static func queryCovers(key: String, path: String, query: String) -> Bool {
        guard key.hasPrefix(path + "?") else { return false }
        let wanted = key.dropFirst(path.count + 1).split(separator: "&")
        let given = Set(query.split(separator: "&"))
        return !wanted.isEmpty && wanted.allSatisfy(given.contains)
    }

    private static func trimmedProxyPath(_ path: String) -> String {
        var path = Substring(path)
        while path.hasPrefix("/") { path = path.dropFirst() }
        return String(path)
    }

    /// Makes matching requests answer 403 as RBAC would. "*" matches any verb, resource
    /// or user; a nil namespace matches every namespace and cluster-scoped requests.
    /// Anonymous requests (kubeconfig without credentials) come from "system:anonymous";
    /// `kubectl --as NAME` comes from NAME.
    public func forbid(verb: String, resource: String, namespace: String?, user: String) {
        forbiddenRules.append(ForbiddenRule(verb: verb, resource: resource, namespace: namespace, user: user))
    }

    /// Makes matching requests fail (see APIFault), before RBAC or any object is looked at.
    public func inject(_ fault: APIFault) {
        faults.append(fault)
    }

    func isForbidden(verb: String, resource: String, namespace: String?, user: String) -> Bool {
        forbiddenRules.contains { $0.matches(verb: verb, resource: resource, namespace: namespace, user: user) }
    }

    // MARK: Requests

    public func recordedRequests() -> [RecordedRequest] { requests }

    func record(_ request: RecordedRequest, client: String, verb: String) {
        requests.append(request)
        requestCounts[client, default: ClientRequestCounts()].count(verb: verb)
    }

    /// Requests per client (see APIRequest.client), for tests and benchmarks that measure
    /// how much API traffic a design costs.
    public func requestCountsByClient() -> [String: ClientRequestCounts] { requestCounts }

    // MARK: Watches

    /// A stream of changes to one kind (in one namespace, or all when nil; one object when
    /// `name` is set). Without a starting resourceVersion (or with "0") it begins with ADDED
    /// for every current object; with one it replays the remembered changes after it, or
    /// fails with `WatchExpired` when some of those are no longer remembered.
    func watch(kind: String, namespace: String?, name: String? = nil, since: Int?) throws(WatchExpired) -> AsyncStream<WatchEvent> {
        if let since, since > 0, since < historyFloor {
            throw WatchExpired(requested: since, oldest: historyFloor)
        }
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream(bufferingPolicy: .unbounded)
        if let since, since > 0 {
            for entry in history where entry.kind == kind && entry.event.resourceVersion > since
                && (namespace == nil || entry.namespace == namespace)
                && (name == nil || entry.event.object[path: "metadata", "name"]?.stringValue == name) {
                continuation.yield(entry.event)
            }
        } else {
            let current = name.map { name in list(kind: kind, namespace: namespace).filter { $0[path: "metadata", "name"]?.stringValue == name } }
                ?? list(kind: kind, namespace: namespace)
            for object in current {
                let version = object[path: "metadata", "resourceVersion"]?.stringValue.flatMap { Int($0) } ?? resourceVersion
                continuation.yield(WatchEvent(type: .added, object: object, previous: nil, resourceVersion: version))
            }
        }
        let id = nextWatcherID
        nextWatcherID += 1
        let watcher = Watcher(namespace: namespace, continuation: continuation)
        if let name {
            watchers[kind, default: WatcherIndex()].byName[name, default: [:]][id] = watcher
        } else {
            watchers[kind, default: WatcherIndex()].any[id] = watcher
        }
        watcherKinds[id] = (kind, name)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        return stream
    }

    private func removeWatcher(_ id: Int) {
        guard let (kind, name) = watcherKinds.removeValue(forKey: id) else { return }
        if let name {
            watchers[kind]?.byName[name]?[id] = nil
            if watchers[kind]?.byName[name]?.isEmpty == true { watchers[kind]?.byName[name] = nil }
        } else {
            watchers[kind]?.any[id] = nil
        }
        if watchers[kind]?.isEmpty == true { watchers[kind] = nil }
    }

    /// How many watches are open, for tests of the watcher index.
    var openWatchCount: Int { watcherKinds.count }

    /// Ends every open watch stream, e.g. when a server stops.
    func finishWatches() {
        for index in watchers.values {
            for watcher in index.any.values { watcher.continuation.finish() }
            for named in index.byName.values { for watcher in named.values { watcher.continuation.finish() } }
        }
        watchers.removeAll()
        watcherKinds.removeAll()
    }

    private func publish(kind: String, namespace: String, event: WatchEvent) {
        history.append((kind, namespace, event))
        if history.count > historyLimit {
            let dropped = history.count - historyLimit / 2
            historyFloor = history[dropped - 1].event.resourceVersion
            history.removeFirst(dropped)
        }
        guard let index = watchers[kind] else { return }
        for watcher in index.any.values where watcher.namespace == nil || watcher.namespace == namespace {
            watcher.continuation.yield(event)
        }
        guard !index.byName.isEmpty, let name = event.object[path: "metadata", "name"]?.stringValue else { return }
        for watcher in (index.byName[name] ?? [:]).values where watcher.namespace == nil || watcher.namespace == namespace {
            watcher.continuation.yield(event)
        }
    }

    // MARK: Helpers

    private func namespaceKey(of object: JSONValue, kind: String) -> String {
        let type = served.type(kind: kind)
        if let type, !type.namespaced { return "" }
        if let namespace = object[path: "metadata", "namespace"]?.stringValue, !namespace.isEmpty { return namespace }
        return type == nil ? "" : "default"
    }

    private static func filledMetadata(_ object: JSONValue, existing: JSONValue?, resourceVersion: Int) -> JSONValue {
        var object = object
        if object[path: "metadata", "uid"] == nil {
            object[path: "metadata", "uid"] = existing?[path: "metadata", "uid"] ?? .string(UUID().uuidString.lowercased())
        }
        if object[path: "metadata", "creationTimestamp"] == nil {
            object[path: "metadata", "creationTimestamp"] = existing?[path: "metadata", "creationTimestamp"]
                ?? .string(Date().formatted(.iso8601))
        }
        object[path: "metadata", "resourceVersion"] = .string(String(resourceVersion))
        return object
    }

    private static func describe(_ object: JSONValue) -> String {
        let text = object.serializedText
        return text.count > 120 ? String(text.prefix(117)) + "..." : text
    }
}
