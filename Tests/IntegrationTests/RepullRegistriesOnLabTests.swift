// Registries nks-repull must refuse or cannot use, end to end through the real kubectl on the
// repull-registries lab: a tenant's pod naming an unknown registry gets no mirror pull on its
// node (and the plan says why), while the Docker Hub pod beside it does; images on retired
// registries are explained with their successor and, where the successor path is known,
// rewritten in the owner's template — never pulled from the mirror.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct RepullRegistriesOnLabTests {
    static let manifest = "version: 1\nentries: []\n"
    static let mirror = "harbor.local/container_service"

    static func imageCalls(_ lab: Lab, _ node: String) async -> [String] {
        ((try? await lab.calls(on: node)) ?? []).filter { $0.hasPrefix("'docker'") || $0.hasPrefix("'nerdctl'") || $0.hasPrefix("'ctr'") }
    }

    @Test func aTenantsUnknownRegistryIsNotPulledFromTheMirror() async throws {
        try await withLab(scenario: "repull-registries", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])

            // The plan, on a terminal-less run: why the tenant's image gets no mirror pull.
            let plan = try await plugin.kubectl(["nks-repull", "-n", "tenant-a", "--mirror", Self.mirror])
            #expect(plan.exitCode == 1, "\(plan.standardErrorText)")
            #expect(plan.standardOutputText.contains("tenant-a/billing-6c9f7d-q2x7p billing: registry-unreachable\n"))
            #expect(plan.standardOutputText.contains("  - mirror-pull [skipped]: not pulled from the mirror: registry nonexistent.invalid does not resolve and is not on the mirror allow-list (docker.io, registry.k8s.io, k8s.gcr.io, quay.io/coreos, gcr.io/google_containers), and the node's mirror credentials must not stand in for registry nonexistent.invalid, namespace x;"), "\(plan.standardOutputText)")

            let run = try await plugin.kubectl(["nks-repull", "-n", "tenant-a", "--mirror", Self.mirror, "--yes", "-o", "json"])
            #expect(run.exitCode == 0, "\(run.standardOutputText)\(run.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.standardOutput)
            let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.pod, $0) })
            let billing = try #require(items["billing-6c9f7d-q2x7p"])
            #expect(billing.cause == "registry-unreachable")
            #expect(billing.actions.map(\.kind) == ["mirror-pull"] && billing.actions.map(\.status) == ["skipped"])
            #expect(billing.actions.first?.origin == Origin(registry: "nonexistent.invalid", namespace: "x"))
            let web = try #require(items["web-6c9f7d-m4k8t"])
            #expect(web.actions.map(\.status) == ["done", "proposed", "done"])
            #expect(web.actions.first?.origin == Origin(registry: "docker.io", namespace: "library"))
            #expect(web.actions.first?.detail.hasSuffix("(registry docker.io, namespace library, allowed by docker.io)") == true)

            // On the node: the Docker Hub image came from the mirror, nothing of the tenant's.
            let calls = await Self.imageCalls(lab, "worker-2")
            #expect(calls == ["'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/nginx:1.27'",
                              "'nerdctl' '-n' 'k8s.io' 'tag' 'harbor.local/container_service/nginx:1.27' 'docker.io/library/nginx:1.27'",
                              "'nerdctl' '-n' 'k8s.io' 'rmi' 'harbor.local/container_service/nginx:1.27'"])
            #expect(try await !lab.readFile("/var/lib/nks-lab/images", on: "worker-2").contains("internal-billing"))
            let deletes = await lab.state.recordedRequests().filter { $0.method == "DELETE" }.map(\.path)
            #expect(deletes == ["/api/v1/namespaces/tenant-a/pods/web-6c9f7d-m4k8t"])
        }
    }

    @Test func theOperatorsListComesFromTheStoreOrTheVariableAndABrokenStoreIsOneLine() async throws {
        try await withLab(scenario: "repull-registries", nodes: 2) { lab in
            var plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nrepull:\n  mirrorRegistries: [registry.k8s.io]\nentries: []\n", files: [:])
            let fromStore = try await plugin.kubectl(["nks-repull", "-n", "tenant-a", "--mirror", Self.mirror, "--yes", "-o", "json"])
            #expect(fromStore.exitCode == 1, "\(fromStore.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: fromStore.standardOutput)
            #expect(report.items.allSatisfy { $0.actions.first?.status == "skipped" })
            #expect(report.items.first { $0.pod.hasPrefix("web-") }?.actions.first?.detail.contains("registry docker.io is not on the mirror allow-list (registry.k8s.io)") == true)
            #expect(await Self.imageCalls(lab, "worker-2").isEmpty)

            // The variable wins over the store.
            plugin.environment["NKS_REPULL_MIRROR_REGISTRIES"] = "docker.io"
            let fromVariable = try await plugin.kubectl(["nks-repull", "web-6c9f7d-m4k8t", "-n", "tenant-a", "--mirror", Self.mirror, "--dry-run", "-o", "json"])
            let planned = try JSONDecoder().decode(Report.self, from: fromVariable.standardOutput)
            #expect(planned.items.first?.actions.first?.status == "planned")
            plugin.environment["NKS_REPULL_MIRROR_REGISTRIES"] = nil

            try plugin.writeStoreFile("nks-sync.yaml", "version: 1\nrepull:\n  mirrorRegistries: docker.io\nentries: []\n")
            try await plugin.commitStore("A broken repull section")
            let broken = try await plugin.kubectl(["nks-repull", "-n", "tenant-a", "--mirror", Self.mirror, "--dry-run"])
            #expect(broken.exitCode == 2)
            #expect(broken.standardOutputText.isEmpty)
            // One line: the store, the file at its commit, the line and the mistake, what to do.
            let line = broken.standardErrorText
            #expect(line.hasPrefix("error: the nks-sync store at \(plugin.store) is not usable: nks-sync.yaml@"), "\(line)")
            #expect(line.hasSuffix(":3: repull.mirrorRegistries must be a list of strings; fix it, or point --repo/NKS_REPO elsewhere\n"), "\(line)")
            #expect(line.split(separator: "\n").count == 1)
        }
    }

    @Test func retiredRegistriesAreExplainedRewrittenWhereKnownAndNeverMirrored() async throws {
        try await withLab(scenario: "repull-registries", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let run = try await plugin.kubectl(["nks-repull", "-n", "legacy", "--mirror", Self.mirror, "--fix-manifests", "--yes", "-o", "json"])
            #expect(run.exitCode == 0, "\(run.standardOutputText)\(run.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.standardOutput)
            #expect(report.items.count == 6)
            let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.pod, $0) })
            for item in report.items { #expect(item.cause == "registry-deprecated", "\(item.pod): \(item.message)") }

            let proxy = try #require(items["proxy-tools-6c9f7d-z8w2c"])
            #expect(proxy.actions.map(\.kind) == ["rewrite-image", "patch-template"])
            #expect(proxy.actions.map(\.status) == ["proposed", "done"])
            #expect(proxy.actions.first?.detail == "k8s.gcr.io/kube-proxy:v1.29.0 → registry.k8s.io/kube-proxy:v1.29.0 (k8s.gcr.io is frozen since April 2023; new tags are only on registry.k8s.io)")
            #expect(items["kuard-6c9f7d-b7n5r"]?.actions.first?.detail.hasPrefix("Container Registry (gcr.io) was shut down in 2025: move project kuar-demo to Artifact Registry") == true)
            #expect(items["api-0"]?.actions.first?.detail.hasPrefix("Container Registry (eu.gcr.io) was shut down in 2025: move project acme-prod") == true)
            #expect(items["centos-tools-6c9f7d-h2j6v"]?.actions.first?.detail.contains("quay.io/centos") == true)
            #expect(items["kong-0"]?.actions.first?.detail.hasPrefix("JFrog Bintray (kong-docker-kong-gateway-docker.bintray.io) was shut down on 1 May 2021") == true)
            let probe = try #require(items["sandbox-probe"])
            #expect(probe.actions.map(\.kind) == ["rewrite-image", "patch-template"])
            #expect(probe.actions.last?.detail == "no owning workload: change the image in the manifest you apply")

            for node in ["worker-1", "worker-2"] { #expect(await Self.imageCalls(lab, node).isEmpty, "\(node)") }
            let writes = await lab.state.recordedRequests().filter { $0.method != "GET" }
            #expect(writes.map { "\($0.method) \($0.path)" } == ["PATCH /apis/apps/v1/namespaces/legacy/deployments/proxy-tools"])
            let image = try await plugin.kubectl(["get", "deployment", "proxy-tools", "-n", "legacy", "-o", "jsonpath={.spec.template.spec.containers[0].image}"])
            #expect(image.standardOutputText == "registry.k8s.io/kube-proxy:v1.29.0")
        }
    }

    struct Origin: Decodable, Equatable {
        var registry: String
        var namespace: String
    }

    struct Report: Decodable {
        var items: [Item]
        struct Item: Decodable {
            var pod: String
            var cause: String
            var message: String
            var actions: [Action]
        }
        struct Action: Decodable {
            var kind: String
            var detail: String
            var status: String
            var origin: Origin?
        }
    }
}
