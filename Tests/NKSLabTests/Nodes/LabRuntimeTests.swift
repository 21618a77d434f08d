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
}
