// The mirror allow-list: a tenant's image from a registry the operator did not list is never
// pulled with the node's mirror credentials, whatever its pull error says.
import Foundation
import Testing
import NKSCore
@testable import NKSRepull

private let noSuchHost = #"Failed to pull image "nonexistent.invalid/x/internal-billing:2.3": failed to pull and unpack image "nonexistent.invalid/x/internal-billing:2.3": failed to resolve reference "nonexistent.invalid/x/internal-billing:2.3": failed to do request: Head "https://nonexistent.invalid/v2/x/internal-billing/manifests/2.3": dial tcp: lookup nonexistent.invalid on 10.96.0.10:53: no such host"#

private func plan(_ pods: [Pod], settings: RepairSettings) async throws -> RepullPlan {
    try await RepullPlanner(api: FakeCluster(), settings: settings)
        .plan(failures: PullFailureFinder.find(pods: pods, events: []), pods: pods, nodes: [Fixture.node("n1", runtime: "containerd://1.7.13")])
}

@Test func aTenantsUnknownRegistryIsNeverPulledFromTheMirror() async throws {
    let pod = Fixture.pod("billing-1", node: "n1", image: "nonexistent.invalid/x/internal-billing:2.3", reason: "ErrImagePull", message: noSuchHost)
    let result = try await plan([pod], settings: RepairSettings(mirror: "harbor.local/container_service"))
    #expect(result.report.items.first?.cause == .registryUnreachable)
    #expect(result.steps.isEmpty, "\(result.steps)")
    let action = try #require(result.report.items.first?.actions.first)
    #expect(action.kind == .mirrorPull && action.status == .skipped)
    #expect(action.origin == ImageOrigin(try ImageReference(parsing: "nonexistent.invalid/x/internal-billing:2.3")))
    #expect(action.origin?.registry == "nonexistent.invalid" && action.origin?.namespace == "x")
    #expect(action.detail.hasPrefix("not pulled from the mirror: registry nonexistent.invalid does not resolve and is not on the mirror allow-list (docker.io, registry.k8s.io, k8s.gcr.io, quay.io/coreos, gcr.io/google_containers)"))
    // Nothing to delete either: the pod would only fail again.
    #expect(result.report.items.first?.actions.map(\.kind) == [.mirrorPull])
}

@Test func anAllowedMirrorPullShowsWhoseImageItStandsInFor() async throws {
    let message = #"Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#
    let pod = Fixture.pod("web-1", node: "n1", image: "calico/node:v3.28.2", reason: "ErrImagePull", message: message)
    let result = try await plan([pod], settings: RepairSettings(mirror: "harbor.local/container_service"))
    let action = try #require(result.report.items.first?.actions.first)
    #expect(action.status == .planned)
    #expect(action.origin?.registry == "docker.io" && action.origin?.namespace == "calico")
    #expect(action.detail.hasSuffix("(registry docker.io, namespace calico, allowed by docker.io)"), "\(action.detail)")
}

@Test func anOperatorListReplacesTheDefaults() async throws {
    let pod = Fixture.pod("billing-1", node: "n1", image: "nonexistent.invalid/x/internal-billing:2.3", reason: "ErrImagePull", message: noSuchHost)
    let list = try MirrorAllowList(parsing: ["registry.k8s.io"])
    let denied = try await plan([Fixture.pod("web-1", node: "n1", image: "nginx:1.27", reason: "ErrImagePull", message: "toomanyrequests: pull rate limit")],
                                settings: RepairSettings(mirror: "m.local/p", mirrorAllowList: list))
    #expect(denied.steps.isEmpty)
    #expect(denied.report.items.first?.actions.first?.detail.contains("registry docker.io is not on the mirror allow-list (registry.k8s.io)") == true)
    let listed = try await plan([pod], settings: RepairSettings(mirror: "m.local/p", mirrorAllowList: try MirrorAllowList(parsing: ["nonexistent.invalid/x"])))
    #expect(listed.steps.filter { if case .nodeScript = $0.step { return true } else { return false } }.count == 1)
}

@Test(arguments: [
    ("docker.io/library/nginx:1.27", true),
    ("nginx:1.27", true),
    ("docker.io.evil.example/library/nginx:1.27", false),
    ("evil-docker.io/library/nginx:1.27", false),
    ("quay.io/coreos/flannel:v0.15.1", true),
    ("quay.io/coreosx/flannel:v0.15.1", false),
    ("quay.io/acme/private:1", false),
    ("gcr.io/google_containers/cluster-proportional-autoscaler-amd64:1.8.1", true),
    ("gcr.io/acme-prod/billing:2", false),
    ("registry.k8s.io/pause:3.10", true),
    ("k8s.gcr.io/pause:3.2", true),
    ("registry.k8s.io:5000/pause:3.10", false),
    ("harbor.local/x/internal-billing:2.3", false),
])
func defaultListMatchesHostsExactlyAndNamespacesByComponent(image: String, allowed: Bool) throws {
    #expect((MirrorAllowList.defaults.entry(permitting: try ImageReference(parsing: image)) != nil) == allowed)
}

@Test func entriesMustBeRegistryHostsOrHostNamespaces() throws {
    #expect(try MirrorAllowList(parsing: ["index.docker.io", "docker.io", "harbor.local:5000/team/"]).entries == ["docker.io", "harbor.local:5000/team"])
    for bad in ["nginx", "https://docker.io", "docker.io/Library", "", "quay.io//coreos", "docker.io/library/nginx:1.27"] {
        #expect(throws: MirrorAllowListError.self, "\(bad)") { try MirrorAllowList(parsing: [bad]) }
    }
}

@Test func prePullWithAMirrorSkipsImagesFromUnlistedRegistries() throws {
    let wanted = try ["nonexistent.invalid/x/internal-billing:2.3", "k8s.gcr.io/pause:3.2"].map { try ImageReference(parsing: $0) }
    let nodes: [(node: Node, held: Result<Set<String>, RepairFailure>)] = [(Fixture.node("n1", runtime: "containerd://1.7.13"), .success([]))]
    let (report, scripts) = try PrePullPlanner.plan(wanted: wanted, nodes: nodes, settings: RepairSettings(mirror: "harbor.local/container_service"), planned: .planned)
    #expect(scripts["n1"]?.map(\.image.canonical) == ["k8s.gcr.io/pause:3.2"])
    #expect(report.nodes.first?.actions.map(\.status) == [.skipped, .planned])
    #expect(report.nodes.first?.actions.first?.origin?.registry == "nonexistent.invalid")
}
