// The real kubectl changing the lab: delete, patch (merge and JSON), annotate, drain-style
// eviction; each test checks both the state and the requests kubectl made.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite("kubectl writes to the lab API server")
struct KubectlWriteTests {
    @Test func deletePodRemovesItAndIsRecorded() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop"))
            try await lab.state.upsert(Fixtures.pod("web-2", namespace: "shop"))
            let output = try await lab.kubectl("delete", "pod", "web-1", "-n", "shop")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(output.standardOutputText.contains("pod \"web-1\" deleted"))
            #expect(await lab.state.object(kind: "Pod", namespace: "shop", name: "web-1") == nil)
            #expect(await lab.state.object(kind: "Pod", namespace: "shop", name: "web-2") != nil)
            let deletes = await lab.state.recordedRequests().filter { $0.method == "DELETE" }
            #expect(deletes.map(\.path) == ["/api/v1/namespaces/shop/pods/web-1"])
            let again = try await lab.kubectl("delete", "pod", "web-1", "-n", "shop")
            #expect(again.exitCode == 1)
            #expect(again.standardErrorText.contains("Error from server (NotFound): pods \"web-1\" not found"))
        }
    }

    @Test func mergePatchOnDeploymentTemplate() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert([
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "web", "namespace": "shop"],
                "spec": ["replicas": 2, "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "app", "image": "nginx:1.27"]]]]],
            ])
            let output = try await lab.kubectl("patch", "deployment", "web", "-n", "shop", "--type", "merge",
                                               "-p", #"{"spec":{"template":{"metadata":{"annotations":{"nks/restartedAt":"now"}}}}}"#)
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(output.standardOutputText.contains("deployment.apps/web patched"))
            let stored = await lab.state.object(kind: "Deployment", namespace: "shop", name: "web")
            #expect(stored?[path: "spec", "template", "metadata", "annotations", "nks/restartedAt"] == "now")
            #expect(stored?[path: "spec", "template", "metadata", "labels", "app"] == "web")
            #expect(stored?[path: "spec", "replicas"]?.intValue == 2)
            let patch = await lab.state.recordedRequests().first { $0.method == "PATCH" }
            #expect(patch?.path == "/apis/apps/v1/namespaces/shop/deployments/web")
            #expect(patch?.contentType == "application/merge-patch+json")
            #expect(patch?.bodyText.contains("nks/restartedAt") == true)
        }
    }

    @Test func jsonPatchAndStrategicPatch() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", labels: ["app": "web", "old": "x"]))
            let json = try await lab.kubectl("patch", "pod", "web-1", "-n", "shop", "--type", "json",
                                             "-p", #"[{"op":"remove","path":"/metadata/labels/old"},{"op":"add","path":"/metadata/labels/new","value":"y"}]"#)
            #expect(json.exitCode == 0, "\(json.standardErrorText)")
            var labels = await lab.state.object(kind: "Pod", namespace: "shop", name: "web-1")?[path: "metadata", "labels"]
            #expect(labels == ["app": "web", "new": "y"])
            let strategic = try await lab.kubectl("patch", "pod", "web-1", "-n", "shop", "-p", #"{"metadata":{"labels":{"app":null}}}"#)
            #expect(strategic.exitCode == 0, "\(strategic.standardErrorText)")
            labels = await lab.state.object(kind: "Pod", namespace: "shop", name: "web-1")?[path: "metadata", "labels"]
            #expect(labels == ["new": "y"])
            let types = await lab.state.recordedRequests().filter { $0.method == "PATCH" }.compactMap(\.contentType)
            #expect(types == ["application/json-patch+json", "application/strategic-merge-patch+json"])
            let broken = try await lab.kubectl("patch", "pod", "web-1", "-n", "shop", "--type", "json",
                                               "-p", #"[{"op":"replace","path":"/metadata/labels/missing","value":"z"}]"#)
            #expect(broken.exitCode == 1)
            #expect(broken.standardErrorText.contains("does not exist"))
        }
    }

    @Test func annotateNode() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            let before = await lab.state.object(kind: "Node", namespace: nil, name: "node-a")
            let output = try await lab.kubectl("annotate", "node", "node-a", "nks.example/revision=abc123")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(output.standardOutputText.contains("node/node-a annotated"))
            let after = await lab.state.object(kind: "Node", namespace: nil, name: "node-a")
            #expect(after?[path: "metadata", "annotations", "nks.example/revision"] == "abc123")
            #expect(after?[path: "metadata", "uid"] == before?[path: "metadata", "uid"])
            #expect(after?[path: "metadata", "resourceVersion"] != before?[path: "metadata", "resourceVersion"])
        }
    }

    @Test func createFromFileAndConflict() async throws {
        try await LabAPI.with { lab in
            let file = lab.directory.appendingPathComponent("cm.json")
            try Data(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"1"}}"#.utf8).write(to: file)
            // As the apiserver, the lab refuses objects in a namespace that does not exist.
            let refused = try await lab.kubectl("create", "--validate=false", "-f", file.path, "-n", "shop")
            #expect(refused.standardErrorText.contains(#"namespaces "shop" not found"#), "\(refused.standardErrorText)")
            let namespace = lab.directory.appendingPathComponent("ns.json")
            try Data(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}"#.utf8).write(to: namespace)
            #expect(try await lab.kubectl("create", "--validate=false", "-f", namespace.path).exitCode == 0)
            // The lab serves no OpenAPI documents, so kubectl's client-side schema validation is off.
            let created = try await lab.kubectl("create", "--validate=false", "-f", file.path, "-n", "shop")
            #expect(created.exitCode == 0, "\(created.standardErrorText)")
            #expect(await lab.state.object(kind: "ConfigMap", namespace: "shop", name: "settings")?[path: "data", "a"] == "1")
            let again = try await lab.kubectl("create", "--validate=false", "-f", file.path, "-n", "shop")
            #expect(again.exitCode == 1)
            #expect(again.standardErrorText.contains(#"configmaps "settings" already exists"#))
        }
    }

    @Test func drainEvictsPods() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", node: "node-a"))
            try await lab.state.upsert(Fixtures.pod("web-2", namespace: "shop", node: "node-b"))
            let output = try await lab.kubectl("drain", "node-a", "--force", "--timeout=20s", timeout: .seconds(40))
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(await lab.state.object(kind: "Pod", namespace: "shop", name: "web-1") == nil)
            #expect(await lab.state.object(kind: "Pod", namespace: "shop", name: "web-2") != nil)
            #expect(await lab.state.object(kind: "Node", namespace: nil, name: "node-a")?[path: "spec", "unschedulable"] == true)
            let evictions = await lab.state.recordedRequests().filter { $0.method == "POST" }.map(\.path)
            #expect(evictions == ["/api/v1/namespaces/shop/pods/web-1/eviction"])
        }
    }
}

@Suite("kubectl commands whose bodies the lab cannot decode")
struct KubectlProtobufTests {
    @Test func debugNodeIsRefusedWithAStatusNotACrash() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            let output = try await lab.kubectl("debug", "node/node-a", "--image=busybox", "--profile=sysadmin", "--", "true")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains("UnsupportedMediaType") || output.standardErrorText.contains("unknown format"),
                    "\(output.standardErrorText)")
            let create = await lab.state.recordedRequests().first { $0.method == "POST" }
            #expect(create?.path == "/api/v1/namespaces/default/pods")
            #expect(create?.contentType == "application/vnd.kubernetes.protobuf")
            // The server still answers afterwards.
            let nodes = try await lab.kubectl("get", "nodes", "-o", "name")
            #expect(nodes.lines == ["node/node-a"])
        }
    }
}
