// Every cause nks-repull names, read through the real kubectl from the repull-causes lab:
// one pod per cause on a docker node and on a containerd node, each with its runtime's own
// error text, in the container status or only in an event.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct RepullCausesOnLabTests {
    static let causes = ["rate-limited", "image-not-found", "auth-required", "registry-unreachable", "registry-deprecated",
                         "pull-progress-timeout", "tls-untrusted", "platform-mismatch", "disk-full", "unknown"]

    @Test func everyCauseOnBothRuntimes() async throws {
        try await withLab(scenario: "repull-causes", nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            let run = try await plugin.kubectl(["nks-repull", "-n", "causes", "--dry-run", "-o", "json"])
            #expect(run.exitCode == 1, "\(run.standardErrorText)")
            let report = try JSONDecoder().decode(RepullOnLabTests.Report.self, from: run.standardOutput)
            #expect(report.items.count == 20)
            for item in report.items {
                // The pod's name is RUNTIME-CAUSE.
                let runtime = item.pod.hasPrefix("docker-") ? "docker" : "containerd"
                #expect(item.cause == String(item.pod.dropFirst(runtime.count + 1)), "\(item.pod): \(item.message)")
                #expect(item.runtime == runtime)
            }
            #expect(Set(report.items.map(\.pod)) == Set(["docker", "containerd"].flatMap { runtime in Self.causes.map { "\(runtime)-\($0)" } }))
            // Read from the Failed event when the status holds only the back-off line.
            let fromEvent = report.items.first { $0.pod == "containerd-image-not-found" }
            #expect(fromEvent?.message.hasPrefix("Failed to pull image \"nginx:1.99\": rpc error: code = NotFound desc = ") == true)
            let slow = report.items.first { $0.pod == "docker-pull-progress-timeout" }
            #expect(slow?.actions.first { $0.kind == "kubelet-setting" }?.detail.contains("cri-dockerd") == true)
            let writes = await lab.state.recordedRequests().filter { $0.method != "GET" }
            #expect(writes.isEmpty)
        }
    }
}
