// Runs the built plugins the way an operator does: through the real kubectl, with the
// plugins on a PATH, a private HOME, and a store made and inspected with the real git.
import Foundation
import NKSCore
import NKSLab

struct PluginStore {
    let home: String
    let store: String
    var environment: [String: String]
    private(set) var revision = ""

    init(lab: Lab?, manifest: String, files: [String: String]) async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("nks-home-\(UUID().uuidString)").path
        store = home + "/store"
        environment = [
            "HOME": home,
            "PATH": Repository.binaries.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "NKS_REPO": store,
            "NO_COLOR": "1",
        ]
        if let paths = lab?.paths {
            environment["KUBECONFIG"] = paths.kubeconfig.path
            environment["NKS_SSH_IDENTITY"] = paths.identity.path
            environment["NKS_SSH_KNOWN_HOSTS"] = paths.knownHosts.path
        } else {
            environment["KUBECONFIG"] = home + "/no-cluster-kubeconfig"
        }
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        try writeStoreFile("nks-sync.yaml", manifest)
        for (path, content) in files { try writeStoreFile("files" + path, content) }
        _ = try await git(["init", "-q", "-b", "main"])
        revision = try await commitStore("Canonical node configuration")
    }

    func writeStoreFile(_ relative: String, _ content: String) throws {
        let url = URL(fileURLWithPath: store).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    @discardableResult
    func commitStore(_ message: String) async throws -> String {
        _ = try await git(["add", "-A"])
        _ = try await git(["commit", "-qm", message])
        return try await head()
    }

    func head() async throws -> String {
        try await git(["rev-parse", "HEAD"]).standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every ref and the working tree's state, to prove a refused command changed nothing.
    func fingerprint() async throws -> String {
        try await git(["for-each-ref"]).standardOutputText + (try await git(["status", "--porcelain"])).standardOutputText
    }

    func git(_ arguments: [String]) async throws -> ProcessOutput {
        let output = try await SubprocessRunner().run(ProcessInvocation("git", ["-C", store, "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments))
        guard output.succeeded else { throw TestError("git \(arguments.joined(separator: " ")): \(output.standardErrorText)") }
        return output
    }

    /// `kubectl ARGS` with the plugins on PATH; kubectl finds kubectl-nks_sync there.
    func kubectl(_ arguments: [String], timeout: Duration = .seconds(300)) async throws -> ProcessOutput {
        try await SubprocessRunner().run(ProcessInvocation("kubectl", arguments, environment: environment, timeout: timeout))
    }

    func remove() { try? FileManager.default.removeItem(atPath: home) }
}
