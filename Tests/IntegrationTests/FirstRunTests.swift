// The README's first command on a machine that has never seen the project: install.sh puts
// the executables into a fresh prefix (from the build the tests already run on, so CI does
// not build a second time), and the installed `nks-lab demo` runs with a clean environment
// (`env -i`: a new HOME, no kubeconfig, the prefix's bin on PATH) from another directory.
// It must create its own store and print the drift report and a diff; `down` must leave no
// lab process behind, so an immediate `up` in the same directory works.
import Foundation
import LabTestSupport
import NKSCore
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct FirstRunTests {
    @Test func theInstalledDemoPrintsADriftReportAndADiffFromNothing() async throws {
        try await LabGate.shared.exclusively {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("nks-first-run-\(UUID().uuidString)")
            let home = root.appendingPathComponent("home").path, prefix = root.appendingPathComponent("prefix").path
            let elsewhere = root.appendingPathComponent("elsewhere").path
            for directory in [home, elsewhere] { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            defer { try? FileManager.default.removeItem(at: root) }
            /// `env -i -C elsewhere HOME=… PATH=… ARGS`: nothing of this process's environment leaks in.
            func clean(_ path: String, _ arguments: [String]) async throws -> ProcessOutput {
                try await SubprocessRunner().run(ProcessInvocation("/usr/bin/env", ["-i", "-C", elsewhere, "HOME=\(home)", "PATH=\(path)"] + arguments, timeout: .seconds(600)))
            }

            let install = try await clean("/usr/bin:/bin", ["bash", Repository.root.appendingPathComponent("install.sh").path, "--from-build", Repository.binaries.path, "--prefix", prefix])
            #expect(install.succeeded, "\(install.standardErrorText)")
            #expect(install.standardOutputText.contains("\(prefix)/bin is not on this shell's PATH; until it is, run  \(prefix)/bin/nks-lab demo"), "\(install.standardOutputText)")
            #expect(FileManager.default.fileExists(atPath: prefix + "/share/nks-lab/scenarios/drift.yaml"))

            let path = "\(prefix)/bin:/usr/bin:/bin"
            let demo = try await clean(path, ["nks-lab", "demo", "--nodes", "20"])
            let labDirectory = home + "/.local/state/nks-lab"
            let namespaces = Set(((try? FileManager.default.contentsOfDirectory(atPath: labDirectory + "/nodes")) ?? []).compactMap {
                try? String(contentsOfFile: "\(labDirectory)/nodes/\($0)/mnt-namespace", encoding: .utf8)
            })
            let output = demo.standardOutputText
            #expect(demo.exitCode == 0, "\(demo.standardErrorText)\n\(output)")
            #expect(output.contains("$ kubectl nks-sync init --preset logrotate-docker --preset kernel-nokmem"), "\(output)")
            #expect(output.contains("$ kubectl nks-sync status\nNODE "), "\(output)")
            #expect(output.contains("drifted /etc/logrotate.d/docker"))
            #expect(output.contains("20 nodes: 15 in sync"))
            #expect(output.contains("$ kubectl nks-sync diff worker-3\n# /etc/logrotate.d/docker — 1 node: worker-3\n--- node:/etc/logrotate.d/docker\n+++ store:/etc/logrotate.d/docker"), "\(output)")
            #expect(output.contains("+rotate 10"))
            #expect(output.contains("Try next"))
            // The lab and its store follow HOME; nothing was written to the real user's store.
            #expect(FileManager.default.fileExists(atPath: labDirectory + "/store/nks-sync.yaml"))
            #expect(!FileManager.default.fileExists(atPath: home + "/.config/nks/sync"))

            let down = try await clean(path, ["nks-lab", "down"])
            #expect(down.succeeded, "\(down.standardErrorText)")
            #expect(namespaces.count == 20)
            let left = ProcessTableProbe.processes(in: namespaces)
            #expect(left.isEmpty, "lab processes alive after down: \(left)")
            let again = try await clean(path, ["nks-lab", "up", "--scenario", "drift", "--nodes", "3"])
            #expect(again.succeeded, "\(again.standardErrorText)")
            _ = try await clean(path, ["nks-lab", "down"])
        }
    }
}

/// Processes (not zombies) whose mount namespace is one of `namespaces`, from /proc.
enum ProcessTableProbe {
    static func processes(in namespaces: Set<String>) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init).filter { pid in
            guard let namespace = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/mnt"), namespaces.contains(namespace),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[close...].dropFirst(2).first
            return state != "Z" && state != "X"
        }
    }
}
