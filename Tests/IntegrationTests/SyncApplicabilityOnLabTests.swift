// Built-in applicability rules on the lab, through the real kubectl: an entry the docker
// logrotate rule keeps off containerd nodes is reported as applying to none of them (never a
// bare exit 0), an entry with its own `when: {runtime: any}` is managed there, and import
// warns when the file it imports will not apply.
import Foundation
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncApplicabilityOnLabTests {
    static let scenario = """
        name: containerd
        defaults:
          containerRuntimeVersion: containerd://1.7.13
          files:
            /etc/logrotate.d/docker: {content: "/var/lib/docker/containers/*/*.log {\\n    rotate 5\\n}\\n"}
        """
    static let canonical = "/var/lib/docker/containers/*/*.log {\n    rotate 10\n}\n"

    @Test func anEntryForNoNodeSaysSoAndAnExplicitWhenIsObeyed() async throws {
        try await withLab(yaml: Self.scenario, nodes: 3) { lab in
            let plain = "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n    kind: file\n"
            let plugin = try await PluginHarness(lab: lab, manifest: plain, files: ["/etc/logrotate.d/docker": Self.canonical])
            let status = try await plugin.kubectl(["nks-sync", "status"])
            #expect(status.exitCode == 0, "\(status.standardErrorText)")
            #expect(status.standardErrorText.contains("warning: /etc/logrotate.d/docker applies to 0 of 3 nodes: all run containerd (docker's json-file logs do not exist on containerd nodes;"), "\(status.standardErrorText)")
            let push = try await plugin.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.standardErrorText.contains("warning: /etc/logrotate.d/docker applies to 0 of 3 nodes: all run containerd"), "\(push.standardErrorText)")
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1").contains("rotate 5"))

            try plugin.writeStoreFile("nks-sync.yaml", plain + "    when: {runtime: any}\n")
            _ = try await plugin.commitStore("Manage the docker logrotate file on every runtime")
            let explicit = try await plugin.kubectl(["nks-sync", "status", "-o", "wide"])
            #expect(explicit.exitCode == 1, "\(explicit.standardOutputText)\(explicit.standardErrorText)")
            #expect(!explicit.standardErrorText.contains("applies to 0 of"))
            #expect(explicit.standardOutputText.contains("drifted"))
        }
    }

    @Test func importWarnsWhenTheImportedFileWillNotApply() async throws {
        try await withLab(yaml: Self.scenario, nodes: 2) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            let imported = try await plugin.kubectl(["nks-sync", "import", "worker-1", "/etc/logrotate.d/docker"])
            #expect(imported.exitCode == 0, "\(imported.standardErrorText)")
            #expect(imported.standardErrorText.contains("warning: /etc/logrotate.d/docker applies to 0 of 2 nodes: all run containerd"), "\(imported.standardErrorText)")
            #expect(imported.standardErrorText.contains("when: {runtime: any}"))
        }
    }
}
