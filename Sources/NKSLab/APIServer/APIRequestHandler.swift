// The fake API server's behaviour: routes one request to discovery, the object store,
// logs, node proxy or a watch stream, enforcing the scripted RBAC denials, and answers
// errors as metav1.Status like the real apiserver.
import Foundation
import NKSCore

struct APIRequestHandler: Sendable {
    let state: ClusterState
    /// host:port, for the serverAddressByClientCIDRs kubectl reads from /api.
    let serverAddress: String

    func handle(_ request: APIRequest) async -> APIResponse {
        let served = await state.served
        let route = APIRoute(path: request.path, served: served)
        var verb = "get"
        if case .resource(let target) = route { verb = Self.verb(method: request.method, target: target, isWatch: request.isWatch) }
        await state.record(RecordedRequest(
            method: request.method, path: request.path, query: request.rawQuery,
            contentType: request.contentType, accept: request.accept, body: request.body), client: request.client, verb: verb)
        if let fault = await state.takeFault(method: request.method, path: request.path) {
            return .fault(fault.status, retryAfterSeconds: fault.retryAfterSeconds)
        }
        if request.path == Self.requestCountsPath {
            let counts = await state.requestCountsByClient()
            return .json(.object(counts.mapValues(\.document)), status: 200)
        }
        // kubectl debug and auth can-i send protobuf; the lab decodes only JSON. Deletes and
        // evictions (protobuf from kubectl drain) need nothing from their body.
        if request.hasProtobufBody && !route.ignoresBody(method: request.method) {
            return .status(.unsupportedMediaType(request.contentType ?? ""))
        }
        switch route {
        case .version: return .json(Discovery.kubernetesVersion, status: 200)
        case .coreVersions: return .json(Discovery.coreVersions(serverAddress: serverAddress), status: 200)
        case .groupList: return .json(Discovery.groupList(served), status: 200)
        case .group(let name): return .json(Discovery.group(name, served), status: 200)
        case .resourceList(let groupVersion):
            guard let list = Discovery.resourceList(groupVersion: groupVersion, served) else { return .status(.pageNotFound) }
            return .json(list, status: 200)
        case .openAPI:
            guard let document = OpenAPIDocuments.document(path: request.path, served: served) else { return .status(.pageNotFound) }
            return .json(document, status: 200)
        case .unknown:
            return .status(.pageNotFound)
        case .resource(let target):
            do {
                return try await handle(request, target: target)
            } catch {
                return .status(error)
            }
        }
    }

    private func handle(_ request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let verb = Self.verb(method: request.method, target: target, isWatch: request.isWatch)
        let resource = target.subresource.map { "\(target.type.resource)/\($0)" } ?? target.type.resource
        if await state.isForbidden(verb: verb, resource: resource, namespace: target.namespace, user: request.user) {
            throw APIStatus.forbidden(target.type, subresource: target.subresource, name: target.name, verb: verb,
                                      namespace: target.namespace, user: request.user)
        }
        if let subresource = target.subresource, let name = target.name {
            return try await handleSubresource(subresource, name: name, request: request, target: target)
        }
        switch (request.method, target.name) {
        case ("GET", nil) where request.isWatch: return try await watch(request, target: target)
        case ("GET", nil): return try await list(request, target: target)
        case ("GET", let name?): return try await get(name, request: request, target: target)
        case ("POST", nil): return try await create(request, target: target)
        case ("PUT", let name?): return try await update(name, request: request, target: target)
        case ("PATCH", let name?): return try await patch(name, request: request, target: target)
        case ("DELETE", let name?): return try await delete(name, target: target)
        case ("DELETE", nil): return try await deleteCollection(request, target: target)
        default: throw APIStatus.methodNotAllowed(request.method, target.type)
        }
    }

    private func handleSubresource(_ subresource: String, name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        switch (target.type.kind, subresource, request.method) {
        case ("Pod", "log", "GET"): return try await podLog(name, request: request, target: target)
        case ("Pod", "eviction", "POST"): return try await evict(name, request: request, target: target)
        case ("Node", "proxy", "GET"): return try await nodeProxy(name, request: request, target: target)
        case (_, "status", "GET"): return try await get(name, request: request, target: target)
        case (_, "status", "PUT"): return try await update(name, request: request, target: target)
        case (_, "status", "PATCH"): return try await patch(name, request: request, target: target)
        default: throw APIStatus.methodNotAllowed(request.method, target.type)
        }
    }

    /// A lab-only endpoint (no real apiserver has it): requests per client, as JSON
    /// `{"CLIENT": {"total": N, "byVerb": {"list": N, …}}}`.
    static let requestCountsPath = "/lab/request-counts"

    /// The RBAC verb a request needs, as the real authorizer derives it.
    static func verb(method: String, target: ResourceTarget, isWatch: Bool) -> String {
        switch method {
        case "GET", "HEAD":
            if target.name != nil { return "get" }
            return isWatch ? "watch" : "list"
        case "POST": return "create"
        case "PUT": return "update"
        case "PATCH": return "patch"
        case "DELETE": return target.name == nil ? "deletecollection" : "delete"
        default: return method.lowercased()
        }
    }

    // MARK: Reads

    func selectors(_ request: APIRequest, type: ResourceType) throws(APIStatus) -> (LabelSelector, FieldSelector) {
        let labels = try LabelSelector(parsing: request.query["labelSelector"] ?? "")
        let fields = try FieldSelector(parsing: request.query["fieldSelector"] ?? "", for: type)
        return (labels, fields)
    }

    private func list(_ request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let (labels, fields) = try selectors(request, type: target.type)
        let (objects, resourceVersion) = await state.select(
            kind: target.type.kind, namespace: target.namespace, name: fields.requiredName,
            include: { labels.matches($0) && fields.matches($0) })
        let oldest = await state.oldestWatchableResourceVersion
        if request.query["resourceVersionMatch"] == "Exact", let asked = Int(request.query["resourceVersion"] ?? ""), asked < oldest {
            throw APIStatus(code: 410, reason: "Expired", message: "The resourceVersion for the provided list is too old.")
        }
        let page = try ListPage(request, objects: objects, current: resourceVersion, oldest: oldest)
        var metadata: JSONValue = ["resourceVersion": .string(String(page.resourceVersion))]
        if let next = page.continueToken { metadata["continue"] = .string(next) }
        if request.wantsTable {
            var table = ServerSideTable.table(for: target.type, objects: Array(objects[page.range]), resourceVersion: page.resourceVersion,
                                              include: Self.tableInclude(request))
            table["metadata"] = metadata
            return .json(table, status: 200)
        }
        return .json([
            "kind": .string(target.type.listKind), "apiVersion": .string(target.type.groupVersion),
            "metadata": metadata, "items": .array(Array(objects[page.range])),
        ], status: 200)
    }

    private func existing(_ name: String, target: ResourceTarget) async throws(APIStatus) -> JSONValue {
        guard let object = await state.object(kind: target.type.kind, namespace: target.namespace, name: name) else {
            throw APIStatus.notFound(target.type, name: name)
        }
        return object
    }

    private func get(_ name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let object = try await existing(name, target: target)
        if request.wantsTable {
            let version = Int(object[path: "metadata", "resourceVersion"]?.stringValue ?? "") ?? 0
            return .json(ServerSideTable.table(for: target.type, objects: [object], resourceVersion: version,
                                               include: Self.tableInclude(request)), status: 200)
        }
        return .json(object, status: 200)
    }

    static func tableInclude(_ request: APIRequest) -> ServerSideTable.Include {
        request.query["includeObject"].flatMap(ServerSideTable.Include.init(rawValue:)) ?? .metadata
    }

    // MARK: Writes

    private func decodedBody(_ request: APIRequest) throws(APIStatus) -> JSONValue {
        do {
            return try JSONValue(parsing: request.body)
        } catch {
            throw APIStatus.invalidBody((error as? JSONValueParseError)?.reason ?? "\(error)")
        }
    }

    private func create(_ request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        var object = try decodedBody(request)
        guard object.objectValue != nil else { throw APIStatus.invalidBody("expected a JSON object") }
        if let kind = object["kind"]?.stringValue, kind != target.type.kind {
            throw APIStatus.badRequest("the API version in the data (\(object["apiVersion"]?.stringValue ?? "")) does not match the expected API version (\(target.type.groupVersion))")
        }
        object["kind"] = .string(target.type.kind)
        object["apiVersion"] = .string(target.type.groupVersion)
        if let namespace = target.namespace {
            // As the apiserver's NamespaceLifecycle admission: no object in a namespace that is not there.
            if await state.object(kind: "Namespace", namespace: nil, name: namespace) == nil, let namespaces = ResourceCatalog.type(kind: "Namespace") {
                throw APIStatus.notFound(namespaces, name: namespace)
            }
            if let given = object[path: "metadata", "namespace"]?.stringValue, !given.isEmpty, given != namespace {
                throw APIStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: "metadata", "namespace"] = .string(namespace)
        }
        if object[path: "metadata", "name"]?.stringValue?.isEmpty ?? true {
            guard let prefix = object[path: "metadata", "generateName"]?.stringValue, !prefix.isEmpty else {
                throw APIStatus(code: 422, reason: "Invalid",
                                message: "\(target.type.kind) \"\" is invalid: metadata.name: Required value: name or generateName is required")
            }
            object[path: "metadata", "name"] = .string(prefix + Self.randomSuffix())
        }
        let name = object[path: "metadata", "name"]!.stringValue!
        if await state.object(kind: target.type.kind, namespace: target.namespace, name: name) != nil {
            throw APIStatus.alreadyExists(target.type, name: name)
        }
        object = try Self.admitted(WriteRules.preparedForCreate(object, type: target.type), type: target.type, request: request)
        if request.query["dryRun"] != nil { return .json(object, status: 201) }
        return .json(try await store(object, name: name, target: target), status: 201)
    }

    /// Stores a created object, or an updated one only while `current` is still what is
    /// stored (two writers that read the same version: the second gets 409 Conflict).
    private func store(_ object: JSONValue, name: String, target: ResourceTarget, replacing current: JSONValue? = nil) async throws(APIStatus) -> JSONValue {
        do {
            if let current {
                let version = current[path: "metadata", "resourceVersion"]?.stringValue ?? ""
                guard try await state.upsert(object, ifStoredVersion: version) else { throw WriteRules.conflict(target.type, name: name) }
            } else {
                try await state.upsert(object)
            }
        } catch let status as APIStatus {
            throw status
        } catch {
            throw APIStatus.invalidBody("\(error)")
        }
        return try await existing(name, target: target)
    }

    private func update(_ name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let current = try await existing(name, target: target)
        var object = try decodedBody(request)
        object = try WriteRules.preparedForUpdate(object, current: current, type: target.type, subresource: target.subresource,
                                                  name: name, isReplace: true)
        object = try Self.admitted(Self.keepingIdentity(object, of: current), type: target.type, request: request)
        if request.query["dryRun"] != nil { return .json(object, status: 200) }
        return .json(try await store(object, name: name, target: target, replacing: current), status: 200)
    }

    private func patch(_ name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let current = try await existing(name, target: target)
        let patch = try decodedBody(request)
        let patched: JSONValue
        switch request.mediaType {
        case "application/json-patch+json":
            patched = try JSONPatching.jsonPatch(current, operations: patch)
        case "application/merge-patch+json":
            patched = JSONPatching.mergePatch(current, with: patch)
        case "application/strategic-merge-patch+json" where !target.type.isCustom:
            patched = JSONPatching.strategicMergePatch(current, with: patch)
        default:
            throw target.type.isCustom ? APIStatus.unsupportedPatchType(request.contentType ?? "") : APIStatus.unsupportedMediaType(request.contentType ?? "")
        }
        var object = try WriteRules.preparedForUpdate(patched, current: current, type: target.type, subresource: target.subresource,
                                                      name: name, isReplace: false)
        object = try Self.admitted(Self.keepingIdentity(object, of: current), type: target.type, request: request)
        if request.query["dryRun"] != nil { return .json(object, status: 200) }
        return .json(try await store(object, name: name, target: target, replacing: current), status: 200)
    }

    /// What admission does to an object before it is stored: a CRD is checked as
    /// apiextensions checks it and stored established; a custom resource is pruned to its
    /// schema (undeclared fields refused under fieldValidation=Strict) and validated.
    private static func admitted(_ object: JSONValue, type: ResourceType, request: APIRequest) throws(APIStatus) -> JSONValue {
        if let schema = type.schema {
            let (pruned, unknown) = CustomResourceSchema.pruned(object, schema: schema)
            if request.query["fieldValidation"] == "Strict", !unknown.isEmpty {
                let fields = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                throw APIStatus.badRequest("\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(fields)")
            }
            let errors = CustomResourceSchema.violations(pruned, schema: schema)
            if !errors.isEmpty {
                throw APIStatus.invalid(kind: type.kind, group: type.group, name: object[path: "metadata", "name"]?.stringValue ?? "", errors: errors)
            }
            return pruned
        }
        guard type.kind == CustomResourceDefinitions.kind, type.group == "apiextensions.k8s.io" else { return object }
        _ = try CustomResourceDefinitions.types(of: object)
        return CustomResourceDefinitions.established(object)
    }

    /// Kind, name, namespace and uid cannot be changed by an update or patch.
    private static func keepingIdentity(_ object: JSONValue, of current: JSONValue) -> JSONValue {
        var object = object
        for key in ["kind", "apiVersion"] { object[key] = current[key] }
        for key in ["name", "namespace", "uid", "creationTimestamp"] {
            object[path: "metadata", key] = current[path: "metadata", key]
        }
        return object
    }

    private func delete(_ name: String, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        guard let removed = await state.delete(kind: target.type.kind, namespace: target.namespace, name: name) else {
            throw APIStatus.notFound(target.type, name: name)
        }
        return .json(removed, status: 200)
    }

    private func deleteCollection(_ request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let (labels, fields) = try selectors(request, type: target.type)
        let (objects, _) = await state.select(kind: target.type.kind, namespace: target.namespace, name: fields.requiredName,
                                              include: { labels.matches($0) && fields.matches($0) })
        var removed: [JSONValue] = []
        for object in objects {
            let name = object[path: "metadata", "name"]?.stringValue ?? ""
            let namespace = object[path: "metadata", "namespace"]?.stringValue
            if let gone = await state.delete(kind: target.type.kind, namespace: target.type.namespaced ? namespace : nil, name: name) {
                removed.append(gone)
            }
        }
        return .json([
            "kind": .string(target.type.listKind), "apiVersion": .string(target.type.groupVersion),
            "metadata": ["resourceVersion": .string(String(await state.currentResourceVersion))], "items": .array(removed),
        ], status: 200)
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}
