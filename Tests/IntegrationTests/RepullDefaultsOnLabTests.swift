// `kubectl nks-repull --defaults` and `--image` end to end on a 50-node closed-network lab:
// the operator's store lists the base images (repull.defaultImages and the kubelet's sandbox
// image); each node's `crictl images` decides only where they are pulled again, through the
// mirror with the node's own runtime — what a node reports never adds an image to the list.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct RepullDefaultsOnLabTests {
    static let mirror = "harbor.local/container_service"

    static func pauseOnContainerd() -> [String] {
        ["'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/pause:3.2'",
         "'nerdctl' '-n' 'k8s.io' 'tag' 'harbor.local/container_service/pause:3.2' 'k8s.gcr.io/pause:3.2'",
         "'nerdctl' '-n' 'k8s.io' 'rmi' 'harbor.local/container_service/pause:3.2'",
         "'ctr' '-n' 'k8s.io' 'images' 'label' 'k8s.gcr.io/pause:3.2' 'io.cri-containerd.pinned=pinned'"]
    }

    static func calicoOnContainerd() -> [String] {
        ["cni", "node"].flatMap { name in
            ["'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/\(name):v3.28.2'",
             "'nerdctl' '-n' 'k8s.io' 'tag' 'harbor.local/container_service/\(name):v3.28.2' 'docker.io/calico/\(name):v3.28.2'",
             "'nerdctl' '-n' 'k8s.io' 'rmi' 'harbor.local/container_service/\(name):v3.28.2'"]
        }
    }

    /// The operator's list: the sandbox image through the kubelet flag the store manages,
    /// the rest in repull.defaultImages.
    static let manifest = """
        version: 1
        repull:
          defaultImages:
            - k8s.gcr.io/kube-proxy:v1.28.15
            - docker.io/calico/cni:v3.28.2
            - docker.io/calico/node:v3.28.2
        entries:
          - {path: /etc/sysconfig/kubelet, kind: env-flags, variable: KUBELET_EXTRA_ARGS, set: {--pod-infra-container-image: k8s.gcr.io/pause:3.2}}

        """

    static let nodeCount = 50
    /// The scenario's image GC victims: every seventh node from worker-3 lost the pause image.
    static let pauseMissing = Set(stride(from: 3, through: nodeCount, by: 7).map { "worker-\($0)" })

    /// Node → the image commands it must receive; every other node only lists its images.
    static let expectedCalls: [String: [String]] = {
        var calls = Dictionary(uniqueKeysWithValues: pauseMissing.map { ($0, pauseOnContainerd()) })
        // The mirror pull fails here: set -e stops before the tag.
        calls["worker-17"] = ["'nerdctl' '-n' 'k8s.io' 'pull' 'harbor.local/container_service/pause:3.2'"]
        calls["worker-5"] = calicoOnContainerd()
        calls["worker-14"] = calicoOnContainerd()
        calls["worker-12"] = ["'docker' 'pull' 'harbor.local/container_service/pause:3.2'",
                              "'docker' 'tag' 'harbor.local/container_service/pause:3.2' 'k8s.gcr.io/pause:3.2'",
                              "'docker' 'rmi' 'harbor.local/container_service/pause:3.2'"]
        return calls
    }()

    static func imageCalls(_ lab: Lab, _ node: String) async throws -> [String] {
        try await lab.calls(on: node).filter { !$0.hasPrefix("'crictl'") }
    }

    @Test func defaultsRestoreTheBaseImagesExactlyWhereTheyAreMissing() async throws {
        try await withLab(scenario: "repull-defaults", nodes: Self.nodeCount) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])

            let dryRun = try await plugin.kubectl(["nks-repull", "--defaults", "--mirror", Self.mirror, "--dry-run", "-o", "json"])
            #expect(dryRun.exitCode == 1, "\(dryRun.standardErrorText)")
            let plan = try JSONDecoder().decode(Report.self, from: dryRun.standardOutput)
            let missing = Dictionary(uniqueKeysWithValues: plan.nodes.map { ($0.node, $0.missing) })
            #expect(missing.count == Self.nodeCount)
            for (node, images) in missing {
                let expected: [String] = switch node {
                case _ where Self.pauseMissing.contains(node), "worker-12": ["k8s.gcr.io/pause:3.2"]
                case "worker-5", "worker-14": ["docker.io/calico/cni:v3.28.2", "docker.io/calico/node:v3.28.2"]
                default: []
                }
                #expect(images == expected, "\(node)")
            }
            // worker-7 reports calico/node:v3.99.0-backdoor: no node is asked to pull it.
            #expect(!dryRun.standardOutputText.contains("backdoor"))
            for node in (1...Self.nodeCount).map({ "worker-\($0)" }) {
                #expect(try await lab.calls(on: node) == ["'crictl' 'images'"], "\(node)")
            }

            let run = try await plugin.kubectl(["nks-repull", "--defaults", "--mirror", Self.mirror, "--yes", "-o", "json"])
            #expect(run.exitCode == 2, "\(run.standardErrorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.standardOutput)
            let statuses = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.node, $0.actions.map(\.status)) })
            #expect(statuses["worker-3"] == ["done"] && statuses["worker-12"] == ["done"] && statuses["worker-5"] == ["done", "done"])
            #expect(statuses["worker-17"] == ["failed"])
            #expect(statuses["worker-1"] == [])
            for node in (1...Self.nodeCount).map({ "worker-\($0)" }) {
                #expect(try await Self.imageCalls(lab, node) == Self.expectedCalls[node] ?? [], "\(node)")
            }
            #expect(try await lab.readFile("/var/lib/nks-lab/images", on: "worker-12").contains("k8s.gcr.io/pause:3.2\n"))

            // Afterwards only the node whose mirror pull failed still lacks an image.
            let again = try await plugin.kubectl(["nks-repull", "--defaults", "--dry-run", "-o", "name"])
            #expect(again.exitCode == 1)
            #expect(again.standardOutputText == "node/worker-17\n")
        }
    }

    @Test func imageGoesOnlyToTheNamedNodesThatLackIt() async throws {
        try await withLab(scenario: "repull-defaults", nodes: 4) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            let run = try await plugin.kubectl(["nks-repull", "--image", "k8s.gcr.io/pause:3.2", "--nodes", "worker-2,worker-3", "--yes"])
            #expect(run.exitCode == 0, "\(run.standardErrorText)")
            #expect(run.standardOutputText.hasPrefix("NODE "))
            #expect(run.standardOutputText.contains("2 nodes: 1 lacking images, 0 not read\n"))
            #expect(try await Self.imageCalls(lab, "worker-3") == Self.directPause)
            #expect(try await lab.calls(on: "worker-2") == ["'crictl' 'images'"])
            #expect(((try? await lab.calls(on: "worker-1")) ?? []).isEmpty)

            let unknown = try await plugin.kubectl(["nks-repull", "--image", "k8s.gcr.io/pause:3.2", "--nodes", "worker-99"])
            #expect(unknown.exitCode == 2)
            #expect(unknown.standardErrorText == "error: node \"worker-99\" not found (kubectl get nodes lists the names)\n")
            let badFlags = try await plugin.kubectl(["nks-repull", "--nodes", "worker-1"])
            #expect(badFlags.exitCode == 64)
            #expect(badFlags.standardErrorText.contains("--nodes goes with --image or --defaults"))
        }
    }

    @Test func defaultsWithoutTheOperatorsListPullNothing() async throws {
        try await withLab(scenario: "repull-defaults", nodes: 8) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            let run = try await plugin.kubectl(["nks-repull", "--defaults", "--mirror", Self.mirror, "--yes"])
            #expect(run.exitCode == 2)
            #expect(run.standardOutputText.isEmpty)
            #expect(run.standardErrorText == "error: --defaults restores the base images the operator lists, and the nks-sync store lists none: add repull.defaultImages (with tags) to nks-sync.yaml and commit, or name the images with --image\n")
            for node in (1...8).map({ "worker-\($0)" }) { #expect(((try? await lab.calls(on: node)) ?? []).isEmpty, "\(node)") }
        }
    }

    /// Without --mirror the image is pulled from its own registry (nerdctl, no re-tag).
    static let directPause = [
        "'nerdctl' '-n' 'k8s.io' 'pull' 'k8s.gcr.io/pause:3.2'",
        "'ctr' '-n' 'k8s.io' 'images' 'label' 'k8s.gcr.io/pause:3.2' 'io.cri-containerd.pinned=pinned'",
    ]

    struct Report: Decodable {
        var nodes: [Node]
        struct Node: Decodable {
            var node: String
            var runtime: String
            var missing: [String]
            var error: String?
            var actions: [Action]
        }
        struct Action: Decodable {
            var kind: String
            var detail: String
            var status: String
        }
    }
}
