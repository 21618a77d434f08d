// Custom resources in the lab API server without kubectl: how CRDs are checked, what a
// deleted CRD takes with it, paging across deletions, compare-and-swap updates, and the
// watcher index that keeps one object's watchers from seeing every change.
import Foundation
import Testing
@testable import NKSLab

@Suite("lab API server custom resources")
struct CustomResourceUnitTests {
    static let crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
    static let collection = "/apis/nks-sync.kubectl-nks.io/v1alpha1/nodeconfigstates"

    static func crd(schema: JSONValue = ["type": "object", "properties": ["spec": ["type": "object"]]], name: String? = nil) -> JSONValue {
        [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(name ?? "nodeconfigstates.nks-sync.kubectl-nks.io")],
            "spec": [
                "group": "nks-sync.kubectl-nks.io", "scope": "Cluster",
                "names": ["plural": "nodeconfigstates", "singular": "nodeconfigstate", "kind": "NodeConfigState"],
                "versions": [["name": "v1alpha1", "served": true, "storage": true, "subresources": ["status": [:]],
                              "schema": ["openAPIV3Schema": schema]]],
            ],
        ]
    }

    static func request(_ method: String, _ path: String, query: String = "", body: JSONValue? = nil,
                        contentType: String = "application/json") -> APIRequest {
        APIRequest(method: method, path: path, rawQuery: query, accept: "application/json", contentType: contentType,
                   user: nil, body: body?.serialized() ?? Data())
    }

    static func answer(_ response: APIResponse) -> (status: Int, body: JSONValue) {
        switch response {
        case .json(let value, let status): return (status, value)
        default: return (0, .null)
        }
    }

    static func handler() -> APIRequestHandler {
        APIRequestHandler(state: ClusterState(), serverAddress: "127.0.0.1:1")
    }

    static func ncs(_ name: String) -> JSONValue {
        ["apiVersion": "nks-sync.kubectl-nks.io/v1alpha1", "kind": "NodeConfigState", "metadata": ["name": .string(name)],
         "spec": ["desiredRevision": "rev1"]]
    }

    @Test func unstructuredSchemasAreRefusedWithApiextensionsMessages() async throws {
        let handler = Self.handler()
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "metadata": ["type": "object", "properties": ["labels": ["type": "object"]]],
                "spec": ["properties": ["entries": ["type": "array", "items": ["properties": [:]]]]],
            ],
        ]
        let (status, body) = Self.answer(await handler.handle(Self.request("POST", Self.crdPath, body: Self.crd(schema: schema))))
        #expect(status == 422)
        #expect(body["reason"] == "Invalid")
        let path = "spec.versions[0].schema.openAPIV3Schema"
        #expect(body["message"] == .string(
            "CustomResourceDefinition.apiextensions.k8s.io \"nodeconfigstates.nks-sync.kubectl-nks.io\" is invalid: ["
                + "\(path).properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified, "
                + "\(path).properties[spec].type: Required value: must not be empty for specified object fields, "
                + "\(path).properties[spec].properties[entries].items.type: Required value: must not be empty for specified array items]"))
        #expect(await handler.state.served.type(kind: "NodeConfigState") == nil)
        let misnamed = Self.answer(await handler.handle(Self.request("POST", Self.crdPath, body: Self.crd(name: "states.example.com"))))
        #expect(misnamed.status == 422)
        #expect(misnamed.body["message"]?.stringValue?.hasSuffix(
            #"metadata.name: Invalid value: "states.example.com": must be spec.names.plural+"."+spec.group"#) == true)
    }

    @Test func deletingTheCRDStopsServingAndDeletesItsObjects() async throws {
        let handler = Self.handler()
        #expect(Self.answer(await handler.handle(Self.request("POST", Self.crdPath, body: Self.crd()))).status == 201)
        #expect(Self.answer(await handler.handle(Self.request("POST", Self.collection, body: Self.ncs("node-a")))).status == 201)
        let deleted = await handler.handle(Self.request("DELETE", Self.crdPath + "/nodeconfigstates.nks-sync.kubectl-nks.io"))
        #expect(Self.answer(deleted).status == 200)
        #expect(await handler.state.objects(kind: "NodeConfigState").isEmpty)
        #expect(Self.answer(await handler.handle(Self.request("GET", Self.collection))).status == 404)
        #expect(Self.answer(await handler.handle(Self.request("GET", "/apis/nks-sync.kubectl-nks.io"))).status == 404)
    }

    @Test func pagesContinueAfterTheLastKeyWhenObjectsAreDeleted() async throws {
        let handler = Self.handler()
        _ = await handler.handle(Self.request("POST", Self.crdPath, body: Self.crd()))
        for name in ["a", "b", "c", "d", "e"] {
            _ = await handler.handle(Self.request("POST", Self.collection, body: Self.ncs(name)))
        }
        let first = Self.answer(await handler.handle(Self.request("GET", Self.collection, query: "limit=2")))
        #expect(first.body["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue } == ["a", "b"])
        let token = try #require(first.body[path: "metadata", "continue"]?.stringValue)
        _ = await handler.handle(Self.request("DELETE", Self.collection + "/a"))
        let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let second = Self.answer(await handler.handle(Self.request("GET", Self.collection, query: "limit=2&continue=\(encoded)")))
        #expect(second.body["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue } == ["c", "d"])
        #expect(second.body[path: "metadata", "resourceVersion"] == first.body[path: "metadata", "resourceVersion"])
    }

    @Test func clientsAreNamedByTokenDigestOrUserAgentNeverByToken() {
        let token = "eyJhbGciOiJSUzI1NiJ9.secret-part"
        let withToken = APIRequest(method: "GET", path: "/api", rawQuery: "", accept: nil, contentType: nil, user: nil, body: Data(),
                                   userAgent: "nks-sync-agent/0.1", authorization: "Bearer \(token)")
        #expect(withToken.client.hasPrefix("token:") && withToken.client.count == "token:".count + 16)
        #expect(!withToken.client.contains("secret"))
        let other = APIRequest(method: "GET", path: "/api", rawQuery: "", accept: nil, contentType: nil, user: nil, body: Data(),
                               userAgent: "nks-sync-agent/0.1", authorization: "Bearer another")
        #expect(other.client != withToken.client)
        let agent = APIRequest(method: "GET", path: "/api", rawQuery: "", accept: nil, contentType: nil, user: nil, body: Data(),
                               userAgent: "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd")
        #expect(agent.client == "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd")
    }

    @Test func anUpdateLosesToAWriteThatCameFirst() async throws {
        let state = ClusterState()
        try await state.upsert(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "x", "namespace": "default"]])
        let read = try #require(await state.object(kind: "ConfigMap", namespace: "default", name: "x"))
        let version = try #require(read[path: "metadata", "resourceVersion"]?.stringValue)
        var first = read
        first["data"] = ["k": "1"]
        #expect(try await state.upsert(first, ifStoredVersion: version))
        var second = read
        second["data"] = ["k": "2"]
        #expect(try await !state.upsert(second, ifStoredVersion: version))
        #expect(await state.object(kind: "ConfigMap", namespace: "default", name: "x")?[path: "data", "k"] == "1")
    }

    @Test func aWatchOfOneObjectSeesOnlyThatObject() async throws {
        let handler = Self.handler()
        _ = await handler.handle(Self.request("POST", Self.crdPath, body: Self.crd()))
        for name in ["a", "b"] { _ = await handler.handle(Self.request("POST", Self.collection, body: Self.ncs(name))) }
        let one = try await handler.state.watch(kind: "NodeConfigState", namespace: nil, name: "b", since: nil)
        let all = try await handler.state.watch(kind: "NodeConfigState", namespace: nil, since: nil)
        #expect(await handler.state.openWatchCount == 2)
        for name in ["a", "b", "a"] {
            var object = try #require(await handler.state.object(kind: "NodeConfigState", namespace: nil, name: name))
            object[path: "spec", "desiredRevision"] = "rev2"
            try await handler.state.upsert(object)
        }
        await handler.state.finishWatches()
        var seenByOne: [String] = []
        for await event in one { seenByOne.append("\(event.type.rawValue) \(event.object[path: "metadata", "name"]?.stringValue ?? "")") }
        var seenByAll = 0
        for await _ in all { seenByAll += 1 }
        #expect(seenByOne == ["ADDED b", "MODIFIED b"])
        #expect(seenByAll == 5)
    }
}

@Suite("lab API server garbage collection")
struct OwnerReferenceCollectionTests {
    @Test func aNodeConfigStateGoesAwayWithItsNode() async throws {
        let handler = CustomResourceUnitTests.handler()
        _ = await handler.handle(CustomResourceUnitTests.request("POST", CustomResourceUnitTests.crdPath, body: CustomResourceUnitTests.crd()))
        try await handler.state.upsert(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-a"]])
        try await handler.state.upsert(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-b"]])
        for name in ["node-a", "node-b"] {
            let uid = try #require(await handler.state.object(kind: "Node", namespace: nil, name: name)?[path: "metadata", "uid"])
            var state = CustomResourceUnitTests.ncs(name)
            state[path: "metadata", "ownerReferences"] = [["apiVersion": "v1", "kind": "Node", "name": .string(name), "uid": uid]]
            #expect(CustomResourceUnitTests.answer(await handler.handle(
                CustomResourceUnitTests.request("POST", CustomResourceUnitTests.collection, body: state))).status == 201)
        }
        #expect(CustomResourceUnitTests.answer(await handler.handle(CustomResourceUnitTests.request("DELETE", "/api/v1/nodes/node-a"))).status == 200)
        #expect(await handler.state.object(kind: "NodeConfigState", namespace: nil, name: "node-a") == nil)
        #expect(await handler.state.object(kind: "NodeConfigState", namespace: nil, name: "node-b") != nil)
    }
}
