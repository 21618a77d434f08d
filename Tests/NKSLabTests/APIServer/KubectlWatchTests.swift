// `kubectl get --watch` against the lab: the stream kubectl reads must carry the initial
// objects and then later changes, which `nks-sync watch` relies on.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite("watch streams from the lab API server")
struct KubectlWatchTests {
    @Test func watchNodesSeesAddedThenModified() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            // coreutils timeout ends the endless watch; its output is what kubectl printed.
            let watcher = Task {
                try await SubprocessRunner().run(ProcessInvocation(
                    "timeout", ["-s", "TERM", "10", "/usr/bin/kubectl", "--kubeconfig", lab.kubeconfig,
                                "get", "nodes", "--watch", "-o", "json", "--output-watch-events"],
                    environment: lab.environment, timeout: .seconds(30)))
            }
            try await waitForWatchRequest(lab)
            var node = try #require(await lab.state.object(kind: "Node", namespace: nil, name: "node-a"))
            node[path: "spec", "unschedulable"] = true
            try await lab.state.upsert(node)
            let output = try await watcher.value
            #expect(output.exitCode == 124, "\(output.standardErrorText)")
            let events = try Self.events(in: output.standardOutputText)
            #expect(events.map(\.type) == ["ADDED", "MODIFIED"])
            #expect(events.last?.object[path: "spec", "unschedulable"] == true)
        }
    }

    @Test func watchWithSelectorReportsLeavingAsDeleted() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", labels: ["app": "web"]))
            let watcher = Task {
                try await SubprocessRunner().run(ProcessInvocation(
                    "timeout", ["-s", "TERM", "10", "/usr/bin/kubectl", "--kubeconfig", lab.kubeconfig,
                                "get", "--raw", "/api/v1/namespaces/shop/pods?watch=true&labelSelector=app%3Dweb"],
                    environment: lab.environment, timeout: .seconds(30)))
            }
            try await waitForWatchRequest(lab)
            try await lab.state.upsert(Fixtures.pod("web-2", namespace: "shop", labels: ["app": "web"]))
            try await lab.state.upsert(Fixtures.pod("db-1", namespace: "shop", labels: ["app": "db"]))
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", labels: ["app": "retired"]))
            await lab.state.remove(kind: "Pod", namespace: "shop", name: "web-2")
            let output = try await watcher.value
            let events = try Self.events(in: output.standardOutputText)
            #expect(events.map { "\($0.type) \($0.object[path: "metadata", "name"]?.stringValue ?? "")" }
                    == ["ADDED web-1", "ADDED web-2", "DELETED web-1", "DELETED web-2"])
        }
    }

    @Test func stopEndsOpenWatches() async throws {
        let state = ClusterState()
        let server = FakeAPIServer(state: state)
        let url = try await server.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-stop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        try FakeAPIServer.writeKubeconfig(serverURL: url, to: kubeconfig)
        let watcher = Task {
            try await SubprocessRunner().run(ProcessInvocation(
                "/usr/bin/kubectl", ["--kubeconfig", kubeconfig, "get", "--raw", "/api/v1/nodes?watch=true"],
                environment: ["HOME": directory.path], timeout: .seconds(30)))
        }
        try await waitForWatchRequest(state)
        await server.stop()
        // kubectl only returns once the server closed the stream; without that, 30 s pass and this throws.
        _ = try await watcher.value
    }

    private func waitForWatchRequest(_ lab: LabAPI) async throws {
        try await waitForWatchRequest(lab.state)
    }

    private func waitForWatchRequest(_ state: ClusterState) async throws {
        for _ in 0..<200 {
            if await state.recordedRequests().contains(where: { $0.queryItems["watch"] == "true" }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("kubectl never opened a watch")
    }

    /// Splits kubectl's concatenated pretty JSON documents into events.
    static func events(in text: String) throws -> [(type: String, object: JSONValue)] {
        var documents: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        for character in text {
            if depth > 0 || character == "{" { current.append(character) }
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { documents.append(current); current = "" }
            default: break
            }
        }
        return try documents.map { document in
            let value = try JSONValue(parsing: document)
            return (value["type"]?.stringValue ?? "", value["object"] ?? .null)
        }
    }
}

@Suite("lab API server lifecycle")
struct FakeAPIServerLifecycleTests {
    @Test func busyPortFailsWithOneLineError() async throws {
        let first = FakeAPIServer(state: ClusterState())
        let url = try await first.start()
        let port = try #require(url.port)
        let second = FakeAPIServer(state: ClusterState(), port: port)
        do {
            _ = try await second.start()
            Issue.record("a second server bound the same port")
            await second.stop()
        } catch let error as FakeAPIServerError {
            #expect(error.description.contains("127.0.0.1:\(port)"))
            #expect(!error.description.contains("\n"))
        }
        await first.stop()
    }

    @Test func kubeconfigPointsAtServerWithoutCredentials() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-kc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nested/kubeconfig").path
        try FakeAPIServer.writeKubeconfig(serverURL: URL(string: "http://127.0.0.1:4321")!, to: path, contextName: "lab-1", namespace: "shop")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"server: "http://127.0.0.1:4321""#))
        #expect(text.contains(#"current-context: "lab-1""#))
        #expect(text.contains(#"namespace: "shop""#))
        #expect(!text.contains("token") && !text.contains("client-certificate"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
