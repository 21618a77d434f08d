// env-flags end to end through the real kubectl on real kubelet layouts (scenario
// kubelet-env-layouts): status says in-sync where systemd really gives the kubelet the flag
// and drifted where it does not; push rewrites only the intended flag, keeping every other
// byte of the file, and leaves alone a file kubelet.service never reads.
import Foundation
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncEnvFlagsOnLabTests {
    static let dropIn = "/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf"
    static let manifest = """
        version: 1
        groups:
          rpm: layout=rpm
          deb: layout=deb
          eks: layout=eks
        entries:
          - path: /etc/sysconfig/kubelet
            kind: env-flags
            groups: [rpm]
            set: {--image-pull-progress-deadline: 10m}
          - path: /var/lib/kubelet/kubeadm-flags.env
            kind: env-flags
            groups: [rpm]
            variable: KUBELET_KUBEADM_ARGS
            set: {--pod-infra-container-image: registry.k8s.io/pause:3.9}
          - path: /etc/default/kubelet
            kind: env-flags
            groups: [deb]
            set: {--image-pull-progress-deadline: 10m}
          - path: \(dropIn)
            kind: env-flags
            groups: [eks]
            set: {--image-pull-progress-deadline: 10m}

        """

    @Test func statusFollowsTheFileSystemdReadsAndPushRewritesOnlyTheFlag() async throws {
        try await withLab(scenario: "kubelet-env-layouts", nodes: 5) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            var before: [String: String] = [:]
            for (node, path) in [("worker-1", "/etc/sysconfig/kubelet"), ("worker-2", "/etc/sysconfig/kubelet"), ("worker-2", "/var/lib/kubelet/kubeadm-flags.env"),
                                 ("worker-3", "/etc/default/kubelet"), ("worker-4", Self.dropIn), ("worker-5", "/etc/sysconfig/kubelet")] {
                before[node + ":" + path] = try await lab.readFile(path, on: node)
            }

            let status = try await plugin.kubectl(["nks-sync", "status", "-o", "json"])
            #expect(status.exitCode == 1, "\(status.standardErrorText)")
            let report = try JSONDecoder().decode(SyncStatusOnLabTests.Report.self, from: status.standardOutput)
            let states = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.name, $0.entries.map(\.state)) })
            #expect(states["worker-1"] == ["in-sync", "in-sync", "not-applicable", "not-applicable"], "\(report.nodes[0].entries.map(\.detail))")
            #expect(states["worker-2"] == ["drifted", "drifted", "not-applicable", "not-applicable"])
            #expect(states["worker-3"] == ["not-applicable", "not-applicable", "drifted", "not-applicable"])
            #expect(states["worker-4"] == ["not-applicable", "not-applicable", "not-applicable", "drifted"])
            #expect(states["worker-5"] == ["drifted", "drifted", "not-applicable", "not-applicable"])
            let details = Dictionary(uniqueKeysWithValues: report.nodes.map { ($0.name, $0.entries.map(\.detail)) })
            #expect(details["worker-2"]?[0] == "KUBELET_EXTRA_ARGS: --image-pull-progress-deadline=1m, want 10m")
            #expect(details["worker-5"]?[0].hasPrefix("kubelet.service does not read /etc/sysconfig/kubelet") == true)

            let push = try await plugin.kubectl(["nks-sync", "push", "--yes", "--max-unavailable", "100%"])
            // worker-5 is not brought to the revision: a row of the results table, and exit 2.
            #expect(push.exitCode == 2, "\(push.standardErrorText)")
            let skipped = push.standardOutputText.split(separator: "\n").last { $0.hasPrefix("worker-5 ") } ?? ""
            #expect(skipped.contains(" skipped ") && skipped.contains("/etc/sysconfig/kubelet: kubelet.service does not read /etc/sysconfig/kubelet"), "\(push.standardOutputText)")

            // Only the flag changed, byte for byte; the quoting and every other flag's spelling kept.
            #expect(try await lab.readFile("/etc/sysconfig/kubelet", on: "worker-1") == before["worker-1:/etc/sysconfig/kubelet"])
            #expect(try await lab.readFile("/etc/sysconfig/kubelet", on: "worker-2") == "# Extra kubelet flags for this node\nKUBELET_EXTRA_ARGS=--node-ip=10.0.1.6 \\\n    --image-pull-progress-deadline 10m \\\n    --v=2\n")
            #expect(try await lab.readFile("/var/lib/kubelet/kubeadm-flags.env", on: "worker-2") == "KUBELET_KUBEADM_ARGS=\"--network-plugin=cni --pod-infra-container-image=registry.k8s.io/pause:3.9\"\n")
            #expect(try await lab.readFile("/etc/default/kubelet", on: "worker-3") == "KUBELET_EXTRA_ARGS=\"--node-ip=10.0.1.7 --image-pull-progress-deadline=10m\"\n")
            #expect(try await lab.readFile(Self.dropIn, on: "worker-4") == "[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup=ng-1 --max-pods=58 --image-pull-progress-deadline=10m'\n")
            #expect(try await lab.readFile("/etc/sysconfig/kubelet", on: "worker-5") == before["worker-5:/etc/sysconfig/kubelet"], "a file kubelet.service does not read was written")
            for node in ["worker-2", "worker-3", "worker-4"] {
                #expect(try await lab.calls(on: node).contains("'systemctl' 'restart' 'kubelet'"), "\(node)")
            }
            #expect(!(try await lab.calls(on: "worker-1").contains("'systemctl' 'restart' 'kubelet'")))

            let after = try await plugin.kubectl(["nks-sync", "status", "-o", "json"])
            let final = try JSONDecoder().decode(SyncStatusOnLabTests.Report.self, from: after.standardOutput)
            for node in final.nodes where node.name != "worker-5" {
                #expect(!node.entries.contains { $0.state != "in-sync" && $0.state != "not-applicable" }, "\(node.name): \(node.entries.map(\.detail))")
            }
        }
    }
}
