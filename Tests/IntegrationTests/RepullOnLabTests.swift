// `kubectl nks-repull` end to end: the real kubectl runs the built plugin against the
// repull-failures lab (a docker node and a containerd node with real runtime error texts);
// the tests read what the node shims were asked to do and what the API server recorded.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct RepullOnLabTests {
    /// nks-repull needs no store; the harness wants one, so it gets an empty manifest.
    static let manifest = "version: 1\nentries: []\n"
    static let mirror = "harbor.local/container_service"

    /// Container → cause, as the scenario's texts say.
    static let expectedCauses: [String: String] = [
        "shop/web-7d9c5b8f6-x2x9q/web": "rate-limited",
        "shop/report-28733160-k4v2m/report": "image-not-found",
        "kube-system/node-agent-7m4tq/wait": "registry-unreachable",
        "shop/debug-shell/shell": "rate-limited",
        "shop/api-5f6d7c8b9-p8n3z/api": "registry-deprecated",
    ]

    static let dockerCalls = [
        "'docker' 'pull' 'harbor.local/container_service/nginx:1.27'",
        "'docker' 'tag' 'harbor.local/container_service/nginx:1.27' 'nginx:1.27'",
        "'docker' 'rmi' 'harbor.local/container_service/nginx:1.27'",
    ]
    static let pauseCalls = [
        "'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/pause:3.2'",
        "'nerdctl' '-n' 'k8s.io' 'tag' 'harbor.local/container_service/pause:3.2' 'k8s.gcr.io/pause:3.2'",
        "'nerdctl' '-n' 'k8s.io' 'rmi' 'harbor.local/container_service/pause:3.2'",
        "'ctr' '-n' 'k8s.io' 'images' 'label' 'k8s.gcr.io/pause:3.2' 'io.cri-containerd.pinned=pinned'",
    ]
    static let busyboxCalls = [
        "'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/busybox:1.36'",
        "'nerdctl' '-n' 'k8s.io' 'tag' 'harbor.local/container_service/busybox:1.36' 'docker.io/library/busybox:1.36'",
        "'nerdctl' '-n' 'k8s.io' 'rmi' 'harbor.local/container_service/busybox:1.36'",
    ]

    @Test func dryRunAndNoTerminalChangeNothing() async throws {
        try await withLab(scenario: "repull-failures", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])

            let dryRun = try await plugin.kubectl(["nks-repull", "-A", "--mirror", Self.mirror, "--fix-manifests", "--dry-run", "-o", "json"])
            #expect(dryRun.exitCode == 1, "\(dryRun.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: dryRun.standardOutput)
            #expect(Dictionary(uniqueKeysWithValues: report.items.map { ($0.key, $0.cause) }) == Self.expectedCauses)
            let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.key, $0) })

            // Events and status disagree: the status holds only the back-off line, the
            // older Failed event names the rate limit; that event is the message shown.
            let web = try #require(items["shop/web-7d9c5b8f6-x2x9q/web"])
            #expect(web.runtime == "docker" && web.node == "worker-1")
            #expect(web.message.hasPrefix("Failed to pull image \"nginx:1.27\": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests:"))
            #expect(web.actions.map(\.kind) == ["mirror-pull", "pull-secrets", "delete-pod"])
            #expect(web.actions.map(\.status) == ["planned", "proposed", "planned"])
            #expect(web.actions[1].detail.contains("service account web: hub-readonly"))

            // Kubelet 1.32: the status carries the cause, the event does not.
            let wait = try #require(items["kube-system/node-agent-7m4tq/wait"])
            #expect(wait.runtime == "containerd")
            #expect(wait.message.hasPrefix("Back-off pulling image \"k8s.gcr.io/pause:3.2\": ErrImagePull: failed to pull and unpack image"))
            #expect(wait.actions.map(\.kind) == ["mirror-pull", "pin", "delete-pod"])

            let shell = try #require(items["shop/debug-shell/shell"])
            #expect(shell.actions.last?.kind == "delete-pod")
            #expect(shell.actions.last?.status == "skipped")

            let api = try #require(items["shop/api-5f6d7c8b9-p8n3z/api"])
            #expect(api.actions.map(\.kind) == ["rewrite-image", "patch-template"])
            #expect(api.actions[0].detail.hasPrefix("docker.pkg.github.com/acme/shop/api:1.4 → ghcr.io/acme/api:1.4"))
            #expect(api.actions[1].detail == "deployment/api: container api image → ghcr.io/acme/api:1.4")

            // No terminal and no --yes: the plan, a sentence on stderr, nothing done.
            let unconfirmed = try await plugin.kubectl(["nks-repull", "-A", "--mirror", Self.mirror])
            #expect(unconfirmed.exitCode == 1)
            #expect(unconfirmed.standardOutputText.hasPrefix("NAMESPACE "))
            #expect(unconfirmed.standardOutputText.contains("kube-system/node-agent-7m4tq wait: registry-unreachable\n"))
            #expect(unconfirmed.standardErrorText == "nothing changed: no terminal to confirm on; rerun with --yes to carry out the planned actions\n")

            for node in ["worker-1", "worker-2"] {
                let calls = (try? await lab.calls(on: node)) ?? []
                #expect(!calls.contains { $0.hasPrefix("'docker'") || $0.hasPrefix("'nerdctl'") || $0.hasPrefix("'ctr'") }, "\(node): \(calls)")
            }
            let writes = await lab.state.recordedRequests().filter { $0.method != "GET" }
            #expect(writes.isEmpty, "\(writes.map { "\($0.method) \($0.path)" })")
        }
    }

    @Test func yesPullsFromTheMirrorOnEachRuntimeDeletesOwnedPodsAndPatchesTheTemplate() async throws {
        try await withLab(scenario: "repull-failures", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let run = try await plugin.kubectl(["nks-repull", "-A", "--mirror", Self.mirror, "--fix-manifests", "--yes", "-o", "json"])
            #expect(run.exitCode == 0, "\(run.standardOutputText)\(run.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.standardOutput)
            let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.key, $0) })
            #expect(items["shop/web-7d9c5b8f6-x2x9q/web"]?.actions.map(\.status) == ["done", "proposed", "done"])
            #expect(items["kube-system/node-agent-7m4tq/wait"]?.actions.map(\.status) == ["done", "done", "done"])
            #expect(items["shop/debug-shell/shell"]?.actions.map(\.status) == ["done", "proposed", "skipped"])
            #expect(items["shop/api-5f6d7c8b9-p8n3z/api"]?.actions.map(\.status) == ["proposed", "done"])

            // The docker node: docker with the names docker uses; nothing for the
            // image-not-found pod on the same node.
            let dockerNode = try await lab.calls(on: "worker-1").filter { $0.hasPrefix("'docker'") || $0.hasPrefix("'nerdctl'") || $0.hasPrefix("'ctr'") }
            #expect(dockerNode == Self.dockerCalls)
            // The containerd node: the two pulls run side by side, each in its own order.
            let containerdNode = try await lab.calls(on: "worker-2").filter { $0.hasPrefix("'docker'") || $0.hasPrefix("'nerdctl'") || $0.hasPrefix("'ctr'") }
            #expect(containerdNode.filter { $0.contains("pause") } == Self.pauseCalls)
            #expect(containerdNode.filter { $0.contains("busybox") } == Self.busyboxCalls)
            #expect(containerdNode.count == Self.pauseCalls.count + Self.busyboxCalls.count)
            let images = try await lab.readFile("/var/lib/nks-lab/images", on: "worker-2")
            #expect(images.contains("k8s.gcr.io/pause:3.2\n") && !images.contains("harbor.local"))

            let writes = await lab.state.recordedRequests().filter { $0.method != "GET" }
            let deletes = writes.filter { $0.method == "DELETE" }.map(\.path).sorted()
            #expect(deletes == ["/api/v1/namespaces/kube-system/pods/node-agent-7m4tq", "/api/v1/namespaces/shop/pods/web-7d9c5b8f6-x2x9q"])
            let patches = writes.filter { $0.method == "PATCH" }
            #expect(patches.map(\.path) == ["/apis/apps/v1/namespaces/shop/deployments/api"])
            #expect(patches.first?.contentType == "application/json-patch+json")
            #expect(patches.first?.bodyText.contains(#""path":"/spec/template/spec/containers/1/image","value":"ghcr.io/acme/api:1.4""#) == true)
            #expect(writes.count == 3, "\(writes.map { "\($0.method) \($0.path)" })")

            let image = try await plugin.kubectl(["get", "deployment", "api", "-n", "shop", "-o", "jsonpath={.spec.template.spec.containers[1].image}"])
            #expect(image.standardOutputText == "ghcr.io/acme/api:1.4")
            let bare = try await plugin.kubectl(["get", "pod", "debug-shell", "-n", "shop", "-o", "name"])
            #expect(bare.standardOutputText == "pod/debug-shell\n")

            // The old pod of the patched Deployment stays until its rollout: not patched twice.
            let again = try await plugin.kubectl(["nks-repull", "api-5f6d7c8b9-p8n3z", "-n", "shop", "--fix-manifests", "--dry-run", "-o", "json"])
            let second = try JSONDecoder().decode(Report.self, from: again.standardOutput)
            #expect(second.items.first?.actions.last?.detail == "deployment/api already uses ghcr.io/acme/api:1.4 for container api; its rollout replaces this pod")
            #expect(second.items.first?.actions.last?.status == "skipped")
        }
    }

    @Test func withoutAMirrorItOnlyProposesAndNamesTheFlag() async throws {
        try await withLab(scenario: "repull-failures", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let run = try await plugin.kubectl(["nks-repull", "web-7d9c5b8f6-x2x9q", "-n", "shop", "--yes", "-o", "json"])
            #expect(run.exitCode == 1, "\(run.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.standardOutput)
            #expect(report.items.map(\.key) == ["shop/web-7d9c5b8f6-x2x9q/web"])
            #expect(report.items.first?.actions.first?.detail.hasPrefix("pass --mirror PREFIX") == true)
            let writes = await lab.state.recordedRequests().filter { $0.method != "GET" }
            #expect(writes.isEmpty)

            let missing = try await plugin.kubectl(["nks-repull", "no-such-pod", "-n", "shop"])
            #expect(missing.exitCode == 2)
            #expect(missing.standardErrorText == "error: pod \"no-such-pod\" not found in the namespace; check the name and -n\n")
        }
    }

    struct Report: Decodable {
        var items: [Item]
        struct Item: Decodable {
            var namespace: String
            var pod: String
            var container: String
            var image: String
            var node: String?
            var runtime: String?
            var cause: String
            var message: String
            var actions: [Action]
            var key: String { "\(namespace)/\(pod)/\(container)" }
        }
        struct Action: Decodable {
            var kind: String
            var detail: String
            var status: String
        }
    }
}
