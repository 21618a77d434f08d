// Test-only transport: runs node scripts with the local `sh`, optionally without
// CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH (via setpriv) so root sees mode-000 files as a
// non-root node user would.
import Foundation
@testable import NKSCore

struct LocalShellTransport: NodeTransport {
    var withoutDACOverride = false
    var runner: any ProcessRunning = SubprocessRunner()

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        let invocation: ProcessInvocation
        if withoutDACOverride {
            invocation = ProcessInvocation("setpriv", ["--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search",
                                                       "sh", "-c", script], standardInput: standardInput, timeout: timeout)
        } else {
            invocation = ProcessInvocation("sh", ["-c", script], standardInput: standardInput, timeout: timeout)
        }
        let output = try await runner.run(invocation)
        return RemoteResult(exitCode: output.exitCode, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    func shutdown() async {}
}

/// A scratch directory removed at the end of the test.
final class TemporaryDirectory: @unchecked Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("nks-test-" + UUID().uuidString.prefix(8)).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ content: String, mode: Int = 0o644) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func contents(_ file: String) -> String? {
        FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) }
    }

    func listing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
}

let localNode = NodeTarget(name: "local", address: "127.0.0.1")
