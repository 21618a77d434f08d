// A store anyone can commit to must not run programs on the operator's machine: a
// committed ssh_config (ProxyCommand), a jump host or user that smuggles ssh options. The
// real plugin, through the real kubectl, against a lab whose nodes ssh could reach.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct PoisonedStoreTests {
    @Test func aReadOnlyCommandNeverRunsWhatTheStoreSays() async throws {
        try await withLab(yaml: "name: poisoned", nodes: 1) { lab in
            let marker = FileManager.default.temporaryDirectory.appendingPathComponent("nks-poisoned-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: marker) }
            let poisons = [
                ("access:\n  sshConfig: STORE/ssh_config\n", "access.sshConfig is not read from the store"),
                ("access:\n  jump: \"-oProxyCommand=touch \(marker)\"\n", "access.jump must be [user@]host[:port]"),
                ("access:\n  user: \"root -oProxyCommand=touch \(marker)\"\n", "access.user must be a login name"),
            ]
            for (access, reason) in poisons {
                var store = try await PluginStore(lab: lab, manifest: "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n", files: ["/etc/logrotate.d/docker": "x\n"])
                defer { store.remove() }
                try store.writeStoreFile("ssh_config", "Host *\n  ProxyCommand sh -c 'touch \(marker); exec nc %h %p'\n  LocalCommand touch \(marker)\n  PermitLocalCommand yes\n")
                try store.writeStoreFile("nks-sync.yaml", access.replacingOccurrences(of: "STORE", with: store.store) + "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n")
                try await store.commitStore("A helpful ssh setting")
                // The lab's own settings come from the environment: without them ssh would
                // still be started with the store's settings.
                store.environment["NKS_SSH_CONFIG"] = nil
                let run = try await store.kubectl(["nks-sync", "status"])
                let lines = run.standardErrorText.split(separator: "\n")
                #expect(run.exitCode == 2, "\(access): \(run.standardErrorText)")
                // One line: the file (at the commit read), the line, why, what to do.
                #expect(lines.count == 1 && lines[0].hasPrefix("error: nks-sync.yaml@") && lines[0].contains(":2: \(reason)"), "\(run.standardErrorText)")
                #expect(run.standardOutput.isEmpty)
                #expect(!FileManager.default.fileExists(atPath: marker), "\(access): the store ran a program here")
            }
        }
    }
}
