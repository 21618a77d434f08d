// Runs node scripts over the OpenSSH client: one multiplexed connection (control master) per
// node per run, script as the remote command, content on stdin, failures classified.
import Foundation

public final class SSHTransport: NodeTransport {
    public let settings: SSHSettings
    public let sudo: Bool
    private let runner: any ProcessRunning
    /// Short on purpose: unix socket paths end at about 100 bytes and %C adds 40.
    public let controlDirectory: String
    private let masters = MasterRegistry()

    public init(settings: SSHSettings, sudo: Bool, runner: any ProcessRunning = SubprocessRunner(), controlDirectory: String? = nil) throws {
        self.settings = settings
        self.sudo = sudo
        self.runner = runner
        self.controlDirectory = controlDirectory ?? "/tmp/nks-" + Hashing.randomHex(bytes: 5)
        do {
            try FileManager.default.createDirectory(atPath: self.controlDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // accept-new writes the key, but ssh only creates ~/.ssh itself, not our directory.
            let knownHostsDirectory = (settings.knownHostsFile as NSString).deletingLastPathComponent
            if !knownHostsDirectory.isEmpty {
                try FileManager.default.createDirectory(atPath: knownHostsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw NodeAccessError.localSetupFailed(reason: "cannot create \(self.controlDirectory) or the known_hosts directory: \(error.localizedDescription)")
        }
    }

    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        await masters.add(node)
        let arguments = SSHArguments.command(settings, node: node, controlDirectory: controlDirectory,
                                             remoteCommand: RemoteCommand.commandLine(for: script, sudo: sudo))
        let output: ProcessOutput
        do {
            output = try await runner.run(ProcessInvocation("ssh", arguments, standardInput: standardInput, timeout: timeout))
        } catch ProcessRunnerError.timedOut {
            throw NodeAccessError.timedOut(node: node.name, after: timeout)
        }
        if output.exitCode == 255 {
            throw SSHErrorClassifier.classify(standardError: output.standardErrorText, node: node.name)
        }
        if sudo, output.exitCode != 0, RemoteCommand.sudoRefused(output.standardErrorText) {
            throw NodeAccessError.sudoPasswordRequired(node: node.name)
        }
        return RemoteResult(exitCode: output.exitCode, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    /// Closes every control master this transport may have opened, then its socket directory.
    public func shutdown() async {
        let nodes = await masters.drain()
        await withTaskGroup(of: Void.self) { group in
            for node in nodes {
                group.addTask { [settings, controlDirectory, runner] in
                    let arguments = SSHArguments.closeMaster(settings, node: node, controlDirectory: controlDirectory)
                    _ = try? await runner.run(ProcessInvocation("ssh", arguments, timeout: .seconds(10)))
                }
            }
        }
        try? FileManager.default.removeItem(atPath: controlDirectory)
    }
}

private actor MasterRegistry {
    private var nodes: Set<NodeTarget> = []
    func add(_ node: NodeTarget) { nodes.insert(node) }
    func drain() -> Set<NodeTarget> {
        defer { nodes = [] }
        return nodes
    }
}
