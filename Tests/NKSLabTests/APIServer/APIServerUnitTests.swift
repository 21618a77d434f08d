// The fake API server's pieces without kubectl: JSON round trips, selectors, patches,
// request handling edge cases and a cluster-sized state.
import Foundation
import Testing
@testable import NKSLab

@Suite("lab API server internals")
struct APIServerUnitTests {
    @Test func integersRoundTripAsIntegers() throws {
        let value = try JSONValue(parsing: #"{"restartCount":3,"ratio":0.5,"ok":true,"none":null,"list":[1,"a"]}"#)
        #expect(value.serializedText == #"{"list":[1,"a"],"none":null,"ok":true,"ratio":0.5,"restartCount":3}"#)
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(encoded.contains(#""restartCount":3"#) && !encoded.contains("3.0"))
        #expect(value["ok"]?.boolValue == true)
    }

    @Test func escapesStrings() throws {
        let value: JSONValue = ["text": "a \"quoted\"\nline\t\u{01}"]
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    static let fieldCases: [(selector: String, kind: String, supported: Bool)] = [
        ("spec.nodeName=a", "Pod", true), ("status.phase!=Running", "Pod", true), ("spec.image=x", "Pod", false),
        ("involvedObject.uid=1", "Event", true), ("involvedObject.fieldPath=spec", "Event", true), ("spec.nodeName=a", "Event", false),
        ("spec.unschedulable=true", "Node", true), ("metadata.namespace=x", "Node", false), ("metadata.name=x", "Deployment", true),
    ]

    @Test(arguments: fieldCases)
    func fieldLabelsPerResource(selector: String, kind: String, supported: Bool) {
        let type = ResourceCatalog.type(kind: kind)!
        let parsed = Result { () throws(APIStatus) in try FieldSelector(parsing: selector, for: type) }
        switch parsed {
        case .success: #expect(supported)
        case .failure(let status):
            #expect(!supported)
            #expect(status.code == 400 && status.message.hasPrefix("field label not supported: "))
        }
    }

    @Test func unschedulableDefaultsToFalse() throws {
        let node = ResourceCatalog.type(kind: "Node")!
        let selector = try FieldSelector(parsing: "spec.unschedulable=false", for: node)
        #expect(selector.matches(["metadata": ["name": "a"]]))
        #expect(!selector.matches(["spec": ["unschedulable": true]]))
    }

    @Test func mergeAndJSONPatch() throws {
        let base: JSONValue = ["a": ["b": 1, "c": 2], "list": [1, 2]]
        #expect(JSONPatching.mergePatch(base, with: ["a": ["b": nil, "d": 3], "list": [9]]) == ["a": ["c": 2, "d": 3], "list": [9]])
        let patched = try JSONPatching.jsonPatch(base, operations: [
            ["op": "add", "path": "/list/-", "value": 3], ["op": "replace", "path": "/a/b", "value": 7],
            ["op": "move", "from": "/a/c", "path": "/moved"], ["op": "test", "path": "/moved", "value": 2],
        ])
        #expect(patched == ["a": ["b": 7], "list": [1, 2, 3], "moved": 2])
        #expect(throws: APIStatus.self) { try JSONPatching.jsonPatch(base, operations: [["op": "remove", "path": "/zzz"]]) }
        let strategic = JSONPatching.strategicMergePatch(base, with: ["$setElementOrder/list": [1], "a": ["$retainKeys": ["b"], "b": 5]])
        #expect(strategic == ["a": ["b": 5, "c": 2], "list": [1, 2]])
    }

    @Test func protobufBodiesAreRefusedWith415() async throws {
        let handler = APIRequestHandler(state: ClusterState(), serverAddress: "127.0.0.1:1")
        let response = await handler.handle(APIRequest(
            method: "POST", path: "/api/v1/namespaces/default/pods", rawQuery: "", accept: nil,
            contentType: "application/vnd.kubernetes.protobuf", user: nil, body: Data([0x6b, 0x38, 0x73, 0x00])))
        guard case .json(let status, let code) = response else {
            Issue.record("expected a Status document")
            return
        }
        #expect(code == 415)
        #expect(status["reason"] == "UnsupportedMediaType")
        #expect(status["kind"] == "Status")
    }

    @Test func routesParseTheRealURLLayout() {
        guard case .resource(let log) = APIRoute(path: "/api/v1/namespaces/shop/pods/web-1/log") else {
            Issue.record("pod log not routed")
            return
        }
        #expect(log.type.kind == "Pod" && log.namespace == "shop" && log.name == "web-1" && log.subresource == "log")
        guard case .resource(let proxy) = APIRoute(path: "/api/v1/nodes/n1:10250/proxy/logs/") else {
            Issue.record("node proxy not routed")
            return
        }
        #expect(proxy.subpath == "logs/")
        #expect(APIRoute.nodeName(fromProxyName: proxy.name ?? "") == "n1")
        guard case .resource(let namespace) = APIRoute(path: "/api/v1/namespaces/shop") else {
            Issue.record("namespace not routed")
            return
        }
        #expect(namespace.type.kind == "Namespace" && namespace.name == "shop" && namespace.namespace == nil)
        #expect(APIRoute(path: "/apis/apps/v1/namespaces/x/nodes") == .unknown)
        #expect(APIRoute(path: "/apis/batch/v1") == .resourceList(groupVersion: "batch/v1"))
    }

    @Test func humanDurationsMatchKubectl() {
        #expect(ServerSideTable.humanDuration(5) == "5s")
        #expect(ServerSideTable.humanDuration(200) == "3m20s")
        #expect(ServerSideTable.humanDuration(3600 * 5 + 60 * 7) == "5h7m")
        #expect(ServerSideTable.humanDuration(3600 * 24 * 3) == "3d")
        #expect(ServerSideTable.humanDuration(3600 * 24 * 30) == "30d")
    }

    /// A cluster-sized state: the field-selected lists the plugins make must pick the
    /// right objects out of 5,000 pods and 20,000 events.
    @Test func largeStateAnswersFieldSelectedLists() async throws {
        let state = ClusterState()
        for index in 0..<5_000 {
            let node = "node-\(index % 100)"
            try await state.upsert([
                "kind": "Pod", "apiVersion": "v1",
                "metadata": ["name": .string("pod-\(index)"), "namespace": .string("ns-\(index % 10)")],
                "spec": ["nodeName": .string(node)], "status": ["phase": "Running"],
            ])
        }
        for index in 0..<20_000 {
            try await state.upsert([
                "kind": "Event", "apiVersion": "v1",
                "metadata": ["name": .string("ev-\(index)"), "namespace": .string("ns-\(index % 10)")],
                "involvedObject": ["kind": "Pod", "name": .string("pod-\(index % 5_000)"), "namespace": .string("ns-\(index % 10)")],
                "reason": "Pulled", "type": "Normal",
            ])
        }
        let handler = APIRequestHandler(state: state, serverAddress: "127.0.0.1:1")
        func list(_ path: String, _ query: String) async throws -> [JSONValue] {
            let response = await handler.handle(APIRequest(method: "GET", path: path, rawQuery: query, accept: "application/json",
                                                           contentType: nil, user: nil, body: Data()))
            guard case .json(let body, 200) = response else { throw APIStatus.badRequest("list \(path) failed") }
            return body["items"]?.arrayValue ?? []
        }
        #expect(try await list("/api/v1/pods", "fieldSelector=spec.nodeName%3Dnode-7").count == 50)
        let events = try await list("/api/v1/namespaces/ns-3/events", "fieldSelector=involvedObject.name%3Dpod-3,involvedObject.kind%3DPod")
        #expect(events.count == 4)
        #expect(try await list("/api/v1/namespaces/ns-3/events", "fieldSelector=metadata.name%3Dev-13").count == 1)
    }
}
