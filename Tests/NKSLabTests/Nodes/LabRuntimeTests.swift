// `nks-lab down` trusts no pid file: a recorded pid that is not this lab's serve or sshd
// (a recycled pid, a hand-edited file) is left alone, and so is our own mount namespace.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite struct LabRuntimeTests {
    @Test func downLeavesProcessesThatAreNotTheLabsAlone() async throws {
        let spawned = try await SubprocessRunner().run(ProcessInvocation("sh", ["-c", "sleep 60 >/dev/null 2>&1 & echo $!"], timeout: .seconds(10)))
        let pid = try #require(Int32(spawned.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(pid, SIGKILL) }
        let paths = LabPaths(directory: FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-runtime-\(UUID().uuidString)"))
        let node = NodeLayout(name: "worker-1", address: "127.99.0.1", labDirectory: paths.directory)
        try FileManager.default.createDirectory(at: node.directory, withIntermediateDirectories: true)
        try "\(pid)\n".write(to: paths.servePID, atomically: true, encoding: .utf8)
        try "\(pid)\n".write(to: node.pidFile, atomically: true, encoding: .utf8)
        try #require(ProcessTable.mountNamespace(of: getpid())).write(to: node.namespaceFile, atomically: true, encoding: .utf8)
        try "worker-1 127.99.0.1 ready\n".write(to: paths.nodesFile, atomically: true, encoding: .utf8)

        #expect(LabRuntime.runningServePID(paths) == nil)
        #expect(NodeProcess.recordedPID(node) == nil)
        let stopped = await LabRuntime.down(paths)
        #expect(stopped == 0)
        #expect(ProcessTable.isAlive(pid))
        #expect(!FileManager.default.fileExists(atPath: paths.servePID.path))
        try? FileManager.default.removeItem(at: paths.directory)
    }

    // The lab directory follows $HOME as the plugins' store does (root's home in the password
    // file is not where `env -i HOME=… nks-lab demo` should write).
    @Test func theDefaultDirectoryFollowsHome() {
        #expect(LabPaths.defaultDirectory(environment: ["HOME": "/tmp/someone"]).path == "/tmp/someone/.local/state/nks-lab")
        #expect(LabPaths.defaultDirectory(environment: ["HOME": "/tmp/someone", "XDG_STATE_HOME": "/tmp/state"]).path == "/tmp/state/nks-lab")
        #expect(LabPaths.defaultDirectory(environment: ["HOME": "/tmp/someone", "NKS_LAB_DIR": "/tmp/lab"]).path == "/tmp/lab")
    }

    @Test func listeningSocketsAreFoundByAddress() async throws {
        // sshd-free: a listener of our own on a loopback address, as /proc/net/tcp shows it.
        let listener = try await SubprocessRunner().run(ProcessInvocation("sh", ["-c", "python3 -c 'import socket,time; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((\"127.98.0.7\", 2222)); s.listen(); time.sleep(30)' >/dev/null 2>&1 & echo $!"], timeout: .seconds(10)))
        let pid = try #require(Int32(listener.standardOutputText.split(separator: "\n").last.map(String.init) ?? ""))
        defer { kill(pid, SIGKILL) }
        var found: Set<String> = []
        for _ in 0..<100 where found.isEmpty {
            found = ProcessTable.listening(on: ["127.98.0.7", "127.98.0.8"], port: 2222)
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(found == ["127.98.0.7"])
        kill(pid, SIGKILL)
        var gone = false
        for _ in 0..<100 where !gone {
            gone = ProcessTable.listening(on: ["127.98.0.7"], port: 2222).isEmpty
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(gone)
    }
}
