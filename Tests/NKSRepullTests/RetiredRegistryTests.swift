// Retired and frozen registries: the plan names the successor, --fix-manifests rewrites the
// owner's template where the successor path is known, and nothing is pulled from a mirror.
import Foundation
import Testing
import NKSCore
@testable import NKSRepull

private let owners = [
    "/apis/apps/v1/namespaces/shop/replicasets/web-7d9c": #"{"metadata":{"name":"web-7d9c","ownerReferences":[{"kind":"Deployment","name":"web","controller":true}]}}"#,
]

private func deployment(image: String) -> [String: String] {
    owners.merging(["/apis/apps/v1/namespaces/shop/deployments/web": #"{"metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"\#(image)"}]}}}}"#]) { a, _ in a }
}

private func plan(image: String, message: String, settings: RepairSettings) async throws -> RepullPlan {
    let pod = Fixture.pod("web-1", node: "n1", image: image, reason: "ErrImagePull", message: message)
    return try await RepullPlanner(api: FakeCluster(raw: deployment(image: image)), settings: settings)
        .plan(failures: PullFailureFinder.find(pods: [pod], events: []), pods: [pod], nodes: [Fixture.node("n1", runtime: "containerd://1.7.13")])
}

@Test func aFrozenK8sGcrTagIsRewrittenToRegistryK8sIo() async throws {
    let message = #"Failed to pull image "k8s.gcr.io/kube-proxy:v1.29.0": failed to pull and unpack image "k8s.gcr.io/kube-proxy:v1.29.0": failed to resolve reference "k8s.gcr.io/kube-proxy:v1.29.0": k8s.gcr.io/kube-proxy:v1.29.0: not found"#
    let result = try await plan(image: "k8s.gcr.io/kube-proxy:v1.29.0", message: message, settings: RepairSettings(mirror: "harbor.local/p", fixManifests: true))
    let item = try #require(result.report.items.first)
    #expect(item.cause == .registryDeprecated)
    #expect(item.actions.map(\.kind) == [.rewriteImage, .patchTemplate])
    #expect(item.actions.first?.detail == "k8s.gcr.io/kube-proxy:v1.29.0 → registry.k8s.io/kube-proxy:v1.29.0 (k8s.gcr.io is frozen since April 2023; new tags are only on registry.k8s.io)")
    guard case .patch(_, let name, _, let body)? = result.steps.first?.step else { Issue.record("no patch"); return }
    #expect(name == "web")
    #expect(String(decoding: body, as: UTF8.self).contains(#""op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.k8s.io/kube-proxy:v1.29.0""#))
    #expect(result.steps.count == 1, "no mirror pull for a retired registry")
}

@Test func anUnreachableK8sGcrIsStillAClosedNetworkForTheMirror() async throws {
    let message = #"failed to pull and unpack image "k8s.gcr.io/pause:3.2": failed to resolve reference "k8s.gcr.io/pause:3.2": failed to do request: Head "https://k8s.gcr.io/v2/pause/manifests/3.2": dial tcp 74.125.204.82:443: i/o timeout"#
    let result = try await plan(image: "k8s.gcr.io/pause:3.2", message: message, settings: RepairSettings(mirror: "harbor.local/p"))
    #expect(result.report.items.first?.cause == .registryUnreachable)
    #expect(result.report.items.first?.actions.first?.status == .planned)
}

@Test func gcrShutdownNamesArtifactRegistryAndTheProject() async throws {
    let message = #"failed to pull and unpack image "gcr.io/acme-prod/billing:2.1": failed to resolve reference "gcr.io/acme-prod/billing:2.1": unexpected status from HEAD request to https://gcr.io/v2/acme-prod/billing/manifests/2.1: 412 Precondition Failed"#
    let result = try await plan(image: "gcr.io/acme-prod/billing:2.1", message: message, settings: RepairSettings(mirror: "harbor.local/p", fixManifests: true))
    #expect(result.report.items.first?.cause == .registryDeprecated)
    #expect(result.steps.isEmpty)
    let advice = try #require(result.report.items.first?.actions.first)
    #expect(advice.kind == .advice)
    #expect(advice.detail.hasPrefix("Container Registry (gcr.io) was shut down in 2025: move project acme-prod to Artifact Registry (gcloud artifacts docker upgrade migrate --projects=acme-prod"))
}

@Test func theKubernetesProjectsGcrNamespaceMovesToRegistryK8sIo() async throws {
    let message = #"failed to pull and unpack image "gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.9.0": failed to resolve reference "gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.9.0": gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.9.0: not found"#
    let result = try await plan(image: "gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.9.0", message: message, settings: RepairSettings(fixManifests: true))
    #expect(result.report.items.first?.actions.first?.detail.hasPrefix("gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.9.0 → registry.k8s.io/cluster-proportional-autoscaler-amd64:1.9.0") == true)
}

@Test func aDecommissionedRegistryIsNeverMirroredEvenWhenItsNameDoesNotResolve() async throws {
    let message = #"failed to pull and unpack image "registry.centos.org/centos/centos:7": failed to resolve reference "registry.centos.org/centos/centos:7": failed to do request: Head "https://registry.centos.org/v2/centos/centos/manifests/7": dial tcp: lookup registry.centos.org on 10.96.0.10:53: no such host"#
    let result = try await plan(image: "registry.centos.org/centos/centos:7", message: message,
                                settings: RepairSettings(mirror: "harbor.local/p", mirrorAllowList: try MirrorAllowList(parsing: ["registry.centos.org"])))
    #expect(result.report.items.first?.cause == .registryDeprecated)
    #expect(result.steps.isEmpty)
    #expect(result.report.items.first?.actions.first?.detail.contains("quay.io/centos") == true)
}

@Test(arguments: [
    ("docker.pkg.github.com", RetiredRegistry.githubPackages), ("k8s.gcr.io", .kubernetesGCR), ("gcr.io", .containerRegistry),
    ("eu.gcr.io", .containerRegistry), ("asia.gcr.io", .containerRegistry), ("acme-docker-repo.bintray.io", .bintray),
    ("registry.centos.org", .centOS),
])
func retiredRegistriesAreRecognisedByHost(host: String, registry: RetiredRegistry) {
    #expect(RetiredRegistry(domain: host) == registry)
}

@Test func liveRegistriesAreNotRetired() {
    for host in ["registry.k8s.io", "ghcr.io", "europe-docker.pkg.dev", "docker.io", "quay.io", "gcr.io.example.com", "bintray.io.example.com"] {
        #expect(RetiredRegistry(domain: host) == nil, "\(host)")
    }
}
