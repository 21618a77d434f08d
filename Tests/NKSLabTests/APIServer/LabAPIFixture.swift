// Starts a fake API server on a free port with a kubeconfig in a temp directory, and runs
// the real kubectl against it, so each test talks to the lab exactly as the plugins will.
import Foundation
import NKSCore
@testable import NKSLab

struct LabAPI {
    let state: ClusterState
    let server: FakeAPIServer
    let url: URL
    let directory: URL
    var kubeconfig: String { directory.appendingPathComponent("kubeconfig").path }

    /// Runs `body` against a fresh server and always stops it afterwards.
    static func with<T>(historyLimit: Int = 4096, _ body: (LabAPI) async throws -> T) async throws -> T {
        let state = ClusterState(historyLimit: historyLimit)
        let server = FakeAPIServer(state: state)
        let url = try await server.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-api-\(UUID().uuidString)")
        let lab = LabAPI(state: state, server: server, url: url, directory: directory)
        do {
            try FakeAPIServer.writeKubeconfig(serverURL: url, to: lab.kubeconfig)
            let result = try await body(lab)
            await lab.tearDown()
            return result
        } catch {
            await lab.tearDown()
            throw error
        }
    }

    private func tearDown() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The real kubectl with this lab's kubeconfig; HOME is private so no discovery
    /// cache or user config from the machine leaks in.
    func kubectl(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> ProcessOutput {
        try await SubprocessRunner().run(ProcessInvocation(
            "/usr/bin/kubectl", ["--kubeconfig", kubeconfig] + arguments,
            environment: environment, timeout: timeout))
    }

    func kubectl(_ arguments: String..., timeout: Duration = .seconds(30)) async throws -> ProcessOutput {
        try await kubectl(arguments, timeout: timeout)
    }

    var environment: [String: String] {
        ["HOME": directory.path, "KUBECONFIG": kubeconfig, "NO_COLOR": "1"]
    }
}

/// Small builders for the objects tests seed.
enum Fixtures {
    static func node(_ name: String, ready: Bool = true, unschedulable: Bool = false, roles: [String] = ["worker"]) -> JSONValue {
        var node: JSONValue = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]]
        node[path: "metadata", "labels"] = .object(Dictionary(uniqueKeysWithValues:
            roles.map { ("node-role.kubernetes.io/\($0)", JSONValue.string("")) } + [("kubernetes.io/hostname", .string(name))]))
        if unschedulable { node[path: "spec", "unschedulable"] = true }
        node[path: "status", "conditions"] = [["type": "Ready", "status": ready ? "True" : "False"]]
        node[path: "status", "nodeInfo"] = ["kubeletVersion": "v1.32.4", "osImage": "Ubuntu 22.04.4 LTS"]
        node[path: "status", "addresses"] = [["type": "InternalIP", "address": "10.0.0.1"]]
        return node
    }

    static func pod(_ name: String, namespace: String = "default", node: String = "node-a", phase: String = "Running",
                    labels: [String: String] = [:], containers: [String] = ["app"], restarts: Int = 0) -> JSONValue {
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": .string(namespace)]]
        pod[path: "metadata", "labels"] = .object(labels.mapValues(JSONValue.string))
        pod[path: "spec", "nodeName"] = .string(node)
        pod[path: "spec", "containers"] = .array(containers.map { ["name": .string($0), "image": "nginx:1.27"] })
        pod[path: "status", "phase"] = .string(phase)
        pod[path: "status", "containerStatuses"] = .array(containers.map {
            ["name": .string($0), "ready": .bool(phase == "Running"), "restartCount": .number(Double(restarts))]
        })
        return pod
    }

    static func event(_ name: String, namespace: String = "default", about object: String, kind: String = "Pod",
                      reason: String = "Killing", type: String = "Normal", message: String = "") -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "involvedObject": ["kind": .string(kind), "name": .string(object), "namespace": .string(namespace)],
            "reason": .string(reason), "type": .string(type), "message": .string(message),
            "source": ["component": "kubelet", "host": "node-a"],
        ]
    }
}

extension ProcessOutput {
    /// Non-empty stdout lines, for `-o name` output.
    var lines: [String] {
        standardOutputText.split(separator: "\n").map(String.init)
    }
}
