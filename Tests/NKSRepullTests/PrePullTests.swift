// --image / --defaults: which images each node lacks, the pulls only there, and the runner's
// per-image outcome.
import Foundation
import Testing
import NKSCore
@testable import NKSRepull

/// `crictl images` as crictl 1.2x prints it (cri-tools cmd/crictl/image.go: IMAGE, TAG, IMAGE ID, SIZE).
private let crictlImages = """
    IMAGE                                     TAG                 IMAGE ID            SIZE
    docker.io/calico/node                     v3.28.2             8bbeb9e1ee328       117MB
    k8s.gcr.io/pause                          3.2                 80d28bedfe5de       300kB
    docker.io/library/nginx                   1.27                39286ab8a5e14       67.7MB
    docker.io/library/busybox                 <none>              9211bbaa0dbd6       2.2MB

    """

@Test func crictlImagesParsesIntoCanonicalReferences() {
    #expect(ImageCommands.parseImageList(crictlImages) == ["docker.io/calico/node:v3.28.2", "k8s.gcr.io/pause:3.2", "docker.io/library/nginx:1.27", "docker.io/library/busybox:latest"])
}

@Test func onlyNodesThatLackAnImageGetAPull() throws {
    let wanted = try ["k8s.gcr.io/pause:3.2", "docker.io/calico/node:v3.28.2"].map { try ImageReference(parsing: $0) }
    let nodes: [(node: Node, held: Result<Set<String>, RepairFailure>)] = [
        (Fixture.node("n1", runtime: "containerd://1.7.13"), .success(["k8s.gcr.io/pause:3.2", "docker.io/calico/node:v3.28.2"])),
        (Fixture.node("n2", runtime: "containerd://1.7.13"), .success(["docker.io/calico/node:v3.28.2"])),
        (Fixture.node("d1", runtime: "docker://20.10.7"), .success(["k8s.gcr.io/pause:3.2"])),
        (Fixture.node("x1", runtime: "containerd://1.7.13"), .failure(RepairFailure("ssh: connect to host 10.0.0.9 port 22: Connection refused"))),
    ]
    let (report, scripts) = try PrePullPlanner.plan(wanted: wanted, nodes: nodes, settings: RepairSettings(mirror: "harbor.local/container_service"), planned: .planned)
    #expect(scripts.keys.sorted() == ["d1", "n2"])
    #expect(scripts["n2"]?.map(\.image.canonical) == ["k8s.gcr.io/pause:3.2"])
    #expect(scripts["n2"]?.first?.script.contains("ctr -n k8s.io images label 'k8s.gcr.io/pause:3.2' io.cri-containerd.pinned=pinned") == true)
    #expect(scripts["d1"]?.first?.script == "set -e\ndocker pull 'harbor.local/container_service/node:v3.28.2'\ndocker tag 'harbor.local/container_service/node:v3.28.2' 'calico/node:v3.28.2'\ndocker rmi 'harbor.local/container_service/node:v3.28.2'\n")
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    #expect(byNode["n1"]?.missing == [] && byNode["n1"]?.actions == [])
    #expect(byNode["x1"]?.error?.contains("Connection refused") == true)
    #expect(byNode["n2"]?.actions.map(\.kind) == [.mirrorPull])
}

@Test func runnerMarksEachPullDoneOrFailed() async throws {
    let wanted = try ["k8s.gcr.io/pause:3.2"].map { try ImageReference(parsing: $0) }
    let nodes: [(node: Node, held: Result<Set<String>, RepairFailure>)] = [
        (Fixture.node("n1", runtime: "containerd://1.7.13"), .success([])),
        (Fixture.node("n2", runtime: "containerd://1.7.13"), .success([])),
        (Fixture.node("n3", runtime: "containerd://1.7.13"), .success(["k8s.gcr.io/pause:3.2"])),
    ]
    let (plan, scripts) = try PrePullPlanner.plan(wanted: wanted, nodes: nodes, settings: RepairSettings(), planned: .planned)
    let transport = FakeNodes(failing: ["n2"])
    let targets = Dictionary(uniqueKeysWithValues: ["n1", "n2", "n3"].map { ($0, NodeTarget(name: $0, address: "10.0.0.1")) })
    let report = await PrePullRunner(transport: transport, fanOut: FanOut(concurrency: 4, nodeTimeout: .seconds(5))).run(plan, scripts: scripts, targets: targets)
    let byNode = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0) })
    #expect(byNode["n1"]?.actions.map(\.status) == [.done])
    #expect(byNode["n2"]?.actions.map(\.status) == [.failed])
    #expect(byNode["n2"]?.actions.first?.detail.hasSuffix("— pull failed: connection refused") == true)
    #expect(Set(transport.scripts.map(\.0)) == ["n1", "n2"])
}
