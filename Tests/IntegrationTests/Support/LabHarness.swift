// Starts a lab for one test and always stops it; integration tests run only where the lab
// can (root, for mount namespaces and sshd), and in CI they must.
import Foundation
import LabTestSupport
import NKSCore
import NKSLab
import Testing

enum LabAvailability {
    /// On a developer machine without root the lab cannot start; CI=true runs regardless,
    /// so a CI machine that cannot run them fails instead of skipping.
    static var canRun: Bool {
        getuid() == 0 || ProcessInfo.processInfo.environment["CI"] == "true"
    }
}

/// The repository root and the built plugins, for tests that run the real executables.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binaries: URL { root.appendingPathComponent(".build/debug") }
}

func withLab(scenario name: String, nodes: Int, _ body: (Lab) async throws -> Void) async throws {
    let scenario = try ScenarioLoader.load(Repository.root.appendingPathComponent("scenarios/\(name).yaml").path)
    try await LabTestSupport.withLab(scenario, nodes: nodes, body)
}

func withLab(yaml: String, nodes: Int, _ body: (Lab) async throws -> Void) async throws {
    try await LabTestSupport.withLab(try ScenarioLoader.decode(yaml, file: "test.yaml"), nodes: nodes, body)
}

extension Lab {
    /// kubectl options that point NKSCore at this lab, and nothing else.
    nonisolated var kubectlOptions: KubectlOptions {
        KubectlOptions(kubeconfig: paths.kubeconfig.path)
    }

    /// SSH settings as an operator would pass them: the lab's key and pinned host keys.
    nonisolated func sshSettings(knownHosts: String? = nil, acceptNew: Bool = false) -> SSHSettings {
        SSHSettings(user: "root", identityFile: paths.identity.path, knownHostsFile: knownHosts ?? paths.knownHosts.path, acceptNewHostKeys: acceptNew)
    }

    func targets() async -> [NodeTarget] {
        nodes.map { NodeTarget(name: $0.name, address: $0.address) }
    }
}

/// Counts remote round trips, to prove that a read of many files is one.
final class CountingTransport: NodeTransport, @unchecked Sendable {
    let inner: any NodeTransport
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    init(_ inner: any NodeTransport) { self.inner = inner }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        lock.withLock { counts[node.name, default: 0] += 1 }
        return try await inner.execute(script, standardInput: standardInput, on: node, timeout: timeout)
    }

    func shutdown() async { await inner.shutdown() }

    var roundTrips: [String: Int] { lock.withLock { counts } }
}
