// The real kubectl reading from the fake API server: discovery, tables, JSON lists,
// label and field selectors.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite("kubectl reads from the lab API server")
struct KubectlReadTests {
    @Test func getNodesPrintsServerSideTable() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            try await lab.state.upsert(Fixtures.node("node-b", ready: false, unschedulable: true, roles: []))
            let output = try await lab.kubectl("get", "nodes")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            let lines = output.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(lines.first == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
            #expect(lines.count == 3)
            #expect(lines.dropFirst().first?.first == "node-a")
            #expect(lines.dropFirst().first?[1] == "Ready")
            #expect(lines.dropFirst().first?[2] == "worker")
            #expect(lines.dropFirst().first?.last == "v1.32.4")
            #expect(lines.last?[1] == "NotReady,SchedulingDisabled")
            #expect(lines.last?[2] == "<none>")
            let asked = await lab.state.recordedRequests().filter { $0.path == "/api/v1/nodes" }
            #expect(asked.contains { ($0.accept ?? "").contains("as=Table") })
        }
    }

    @Test func getPodsAllNamespacesAsJSON() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", restarts: 3))
            try await lab.state.upsert(Fixtures.pod("dns-1", namespace: "kube-system"))
            let output = try await lab.kubectl("get", "pods", "-A", "-o", "json")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            // Integers stay integers on the wire and through kubectl.
            #expect(output.standardOutputText.contains("\"restartCount\": 3,") || output.standardOutputText.contains("\"restartCount\": 3\n"))
            let list = try JSONValue(parsing: output.standardOutput)
            #expect(list["kind"]?.stringValue == "List")
            let names = list["items"]?.arrayValue?.compactMap { $0[path: "metadata", "name"]?.stringValue }
            #expect(names == ["dns-1", "web-1"])
            let uid = list["items"]?[1]?[path: "metadata", "uid"]?.stringValue ?? ""
            #expect(uid.count == 36)
            let requests = await lab.state.recordedRequests()
            #expect(requests.contains { $0.method == "GET" && $0.path == "/api/v1/pods" })
        }
    }

    static let labelCases: [(selector: String, expected: [String])] = [
        ("app=web", ["pod/web-1", "pod/web-2"]),
        ("app==web", ["pod/web-1", "pod/web-2"]),
        ("app!=web", ["pod/db-1", "pod/plain"]),
        ("tier in (front,back)", ["pod/db-1", "pod/web-1", "pod/web-2"]),
        ("tier notin (front)", ["pod/db-1", "pod/plain"]),
        ("canary", ["pod/web-2"]),
        ("!canary", ["pod/db-1", "pod/plain", "pod/web-1"]),
        ("app=web,!canary", ["pod/web-1"]),
    ]

    @Test(arguments: labelCases)
    func labelSelectorsFilterPods(selector: String, expected: [String]) async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", labels: ["app": "web", "tier": "front"]))
            try await lab.state.upsert(Fixtures.pod("web-2", namespace: "shop", labels: ["app": "web", "tier": "front", "canary": "yes"]))
            try await lab.state.upsert(Fixtures.pod("db-1", namespace: "shop", labels: ["app": "db", "tier": "back"]))
            try await lab.state.upsert(Fixtures.pod("plain", namespace: "shop"))
            try await lab.state.upsert(Fixtures.pod("web-9", namespace: "other", labels: ["app": "web", "tier": "front"]))
            let output = try await lab.kubectl("get", "pods", "-n", "shop", "-l", selector, "-o", "name")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(output.lines == expected)
        }
    }

    @Test func fieldSelectorOnNodeName() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("a-1", namespace: "shop", node: "node-a"))
            try await lab.state.upsert(Fixtures.pod("a-2", namespace: "kube-system", node: "node-a", phase: "Pending"))
            try await lab.state.upsert(Fixtures.pod("b-1", namespace: "shop", node: "node-b"))
            let onA = try await lab.kubectl("get", "pods", "-A", "--field-selector", "spec.nodeName=node-a", "-o", "name")
            #expect(onA.exitCode == 0, "\(onA.standardErrorText)")
            #expect(onA.lines == ["pod/a-2", "pod/a-1"])
            let runningOnA = try await lab.kubectl("get", "pods", "-A", "--field-selector", "spec.nodeName=node-a,status.phase!=Pending", "-o", "name")
            #expect(runningOnA.lines == ["pod/a-1"])
        }
    }

    @Test func unsupportedFieldSelectorIsRefusedLikeTheRealServer() async throws {
        try await LabAPI.with { lab in
            let output = try await lab.kubectl("get", "pods", "--field-selector", "spec.image=nginx")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains("Error from server (BadRequest)"))
            #expect(output.standardErrorText.contains("field label not supported: spec.image"))
        }
    }

    @Test func eventsByInvolvedObject() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.event("web-1.a", namespace: "shop", about: "web-1", reason: "Evicted", type: "Warning",
                                                      message: "The node was low on resource: ephemeral-storage."))
            try await lab.state.upsert(Fixtures.event("web-1.b", namespace: "shop", about: "web-1", reason: "Killing"))
            try await lab.state.upsert(Fixtures.event("web-2.a", namespace: "shop", about: "web-2"))
            let output = try await lab.kubectl("get", "events", "-n", "shop", "--field-selector", "involvedObject.name=web-1", "-o", "json")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            let list = try JSONValue(parsing: output.standardOutput)
            #expect(list["items"]?.arrayValue?.compactMap { $0["reason"]?.stringValue } == ["Evicted", "Killing"])
            let warnings = try await lab.kubectl("get", "events", "-n", "shop", "--field-selector", "type=Warning,source=kubelet")
            #expect(warnings.exitCode == 0, "\(warnings.standardErrorText)")
            #expect(warnings.standardOutputText.contains("Evicted"))
            #expect(warnings.standardOutputText.contains("pod/web-1"))
            #expect(!warnings.standardOutputText.contains("Killing"))
        }
    }

    @Test func discoveryAndVersion() async throws {
        try await LabAPI.with { lab in
            let version = try await lab.kubectl("version", "-o", "json")
            #expect(version.exitCode == 0, "\(version.standardErrorText)")
            #expect(try JSONValue(parsing: version.standardOutput)[path: "serverVersion", "gitVersion"] == "v1.32.4")
            let resources = try await lab.kubectl("api-resources", "-o", "name")
            #expect(resources.exitCode == 0, "\(resources.standardErrorText)")
            for name in ["pods", "nodes", "events", "deployments.apps", "jobs.batch", "cronjobs.batch", "poddisruptionbudgets.policy"] {
                #expect(resources.lines.contains(name), "\(name) missing from api-resources")
            }
            let namespaces = try await lab.kubectl("get", "ns", "-o", "name")
            #expect(namespaces.lines.contains("namespace/kube-system"))
        }
    }

    @Test func getMissingPodSaysNotFound() async throws {
        try await LabAPI.with { lab in
            // kubectl asks for the namespace after a NotFound and reports a missing one instead.
            let noNamespace = try await lab.kubectl("get", "pod", "ghost", "-n", "shop")
            #expect(noNamespace.exitCode == 1)
            #expect(noNamespace.standardErrorText.contains(#"Error from server (NotFound): namespaces "shop" not found"#))
            try await lab.state.upsert(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "shop"]])
            let output = try await lab.kubectl("get", "pod", "ghost", "-n", "shop")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains(#"Error from server (NotFound): pods "ghost" not found"#))
        }
    }

    @Test func forbiddenListAnswers403() async throws {
        try await LabAPI.with { lab in
            await lab.state.forbid(verb: "list", resource: "pods", namespace: "default", user: "system:anonymous")
            let output = try await lab.kubectl("get", "pods")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains(
                #"Error from server (Forbidden): pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default""#))
            let elsewhere = try await lab.kubectl("get", "pods", "-n", "kube-system")
            #expect(elsewhere.exitCode == 0, "\(elsewhere.standardErrorText)")
        }
    }
}

@Suite("kubectl tables from the lab API server")
struct KubectlTableTests {
    @Test func podTableShowsReadyStatusRestartsAndWideColumns() async throws {
        try await LabAPI.with { lab in
            var crashing = Fixtures.pod("web-1", containers: ["app", "sidecar"], restarts: 4)
            crashing[path: "status", "containerStatuses"] = [
                ["name": "app", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]]],
                ["name": "sidecar", "ready": true, "restartCount": 0, "state": ["running": [:]]],
            ]
            try await lab.state.upsert(crashing)
            try await lab.state.upsert(Fixtures.pod("web-2", node: "node-b"))
            let output = try await lab.kubectl("get", "pods", "-o", "wide")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            let rows = output.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"])
            #expect(rows.dropFirst().first.map { [$0[0], $0[1], $0[2], $0[3]] } == ["web-1", "1/2", "CrashLoopBackOff", "4"])
            #expect(rows.last?.last == "node-b")
        }
    }

    @Test func watchInTableModePrintsRowsAsTheyChange() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            let watcher = Task {
                try await SubprocessRunner().run(ProcessInvocation(
                    "timeout", ["-s", "TERM", "10", "/usr/bin/kubectl", "--kubeconfig", lab.kubeconfig, "get", "nodes", "--watch"],
                    environment: lab.environment, timeout: .seconds(30)))
            }
            for _ in 0..<200 where await !lab.state.recordedRequests().contains(where: { $0.queryItems["watch"] == "true" }) {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await lab.state.upsert(Fixtures.node("node-b", ready: false))
            let output = try await watcher.value
            let names = output.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
            #expect(names == ["NAME", "node-a", "node-b"], "\(output.standardOutputText)\(output.standardErrorText)")
            #expect(output.lines.last?.contains("NotReady") == true)
        }
    }
}
