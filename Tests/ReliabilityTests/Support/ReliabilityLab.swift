// Starts labs for the reliability tests through the shared lab slot, and gives them the
// SSH and kubectl settings an operator would use (the lab's key, pinned host keys).
import Foundation
import LabTestSupport
import NKSCore
import NKSLab
import Testing

enum LabAvailability {
    /// The lab needs root (mount namespaces, sshd); CI=true runs regardless, so a CI machine
    /// that cannot run them fails instead of skipping.
    static var canRun: Bool {
        getuid() == 0 || ProcessInfo.processInfo.environment["CI"] == "true"
    }
}

/// The repository root and the built plugins, for tests that run the real executables.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binaries: URL { root.appendingPathComponent(".build/debug") }
}

func withLab(yaml: String, nodes: Int, _ body: (Lab) async throws -> Void) async throws {
    try await LabTestSupport.withLab(try ScenarioLoader.decode(yaml, file: "reliability.yaml"), nodes: nodes, body)
}

extension Lab {
    nonisolated var kubectl: KubectlClient {
        KubectlClient(options: KubectlOptions(kubeconfig: paths.kubeconfig.path))
    }

    /// A fresh transport (no control master yet) logging in as root with pinned host keys.
    nonisolated func sshTransport(sudo: Bool = false) throws -> SSHTransport {
        try SSHTransport(settings: SSHSettings(user: "root", identityFile: paths.identity.path, knownHostsFile: paths.knownHosts.path),
                         sudo: sudo)
    }

    func target(_ name: String) throws -> NodeTarget {
        guard let node = node(named: name) else { throw TestError("no node \(name) in the lab") }
        return NodeTarget(name: node.name, address: node.address)
    }

    /// Runs a shell command inside the node, as root with every capability; fails the test
    /// when it fails, because a fault that was not set up proves nothing.
    @discardableResult
    func shell(_ command: String, on node: String) async throws -> String {
        let output = try await run(["sh", "-c", command], on: node)
        guard output.succeeded else { throw TestError("\(node): `\(command)` failed: \(output.standardErrorText)") }
        return output.standardOutputText
    }
}

struct TestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
