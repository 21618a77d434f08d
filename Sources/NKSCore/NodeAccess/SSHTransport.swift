// Runs node scripts over the OpenSSH client: one multiplexed connection (control master) per
// node per run — or kept between runs with --ssh-persist — script as the remote command,
// content on stdin, failures classified. Once a node's master is up, commands go to it over
// its socket directly (SSHMuxClient) instead of through a new ssh process each.
import Foundation

public final class SSHTransport: NodeTransport {
    public let settings: SSHSettings
    public let sudo: Bool
    private let runner: any ProcessRunning
    public let controlDirectory: String
    private let masters = MasterRegistry()

    public init(settings: SSHSettings, sudo: Bool, runner: any ProcessRunning = SubprocessRunner(), controlDirectory: String? = nil) throws {
        self.settings = settings
        self.sudo = sudo
        self.runner = runner
        try SSHArguments.validatePaths(settings)
        self.controlDirectory = controlDirectory ?? (settings.persistsAcrossRuns ? SSHControlDirectory.persistent() : SSHControlDirectory.perRun())
        if settings.opensControlMasters { try SSHControlDirectory.preparePrivate(self.controlDirectory) }
        do {
            // accept-new writes the key, but ssh only creates ~/.ssh itself, not our directory.
            let knownHostsDirectory = (settings.knownHostsFile as NSString).deletingLastPathComponent
            if !knownHostsDirectory.isEmpty {
                try FileManager.default.createDirectory(atPath: knownHostsDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            throw NodeAccessError.localSetupFailed(reason: "cannot create the known_hosts directory for \(settings.knownHostsFile): \(error.localizedDescription)")
        }
    }

    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        try await execute(script, standardInput: standardInput, on: node, timeout: timeout, outputLimit: Self.defaultOutputLimit)
    }

    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration, outputLimit: Int) async throws -> RemoteResult {
        // The address comes from the API server; a user's ProxyCommand may put it (%h) in a
        // command line, so only a plain host name or IP address is ever handed to ssh.
        guard SSHDestinationSyntax.isAddress(node.address) else {
            throw NodeAccessError.connectionFailed(node: node.name, detail: "the API server gives its address as \(TerminalText.escaped(node.address).debugDescription), which is not a host name or IP address; not connecting")
        }
        let started = ContinuousClock.now
        if !standardInput.isEmpty, await !masters.isConnected(node) {
            // ssh that refuses a host key exits without reading stdin, and the content write
            // then fails with EPIPE, hiding ssh's reason. Connecting first (an empty script
            // over the same control master) lets that reason surface; after a read phase the
            // master is already up and this costs nothing.
            _ = try await run("true", standardInput: Data(), on: node, timeout: timeout, budget: timeout, outputLimit: 64 * 1024)
        }
        return try await run(script, standardInput: standardInput, on: node, timeout: timeout - (ContinuousClock.now - started), budget: timeout, outputLimit: outputLimit)
    }

    /// `budget` is the node's whole time limit, the one named in a timeout message.
    private func run(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration, budget: Duration, outputLimit: Int) async throws -> RemoteResult {
        await masters.add(node)
        let remoteCommand = RemoteCommand.commandLine(for: script, sudo: sudo)
        if let result = try await runThroughMaster(remoteCommand, standardInput: standardInput, on: node, timeout: timeout, budget: budget, outputLimit: outputLimit) {
            return result
        }
        let arguments = SSHArguments.command(settings, node: node, controlDirectory: controlDirectory, remoteCommand: remoteCommand)
        let output: ProcessOutput
        do {
            guard timeout > .zero else { throw NodeAccessError.timedOut(node: node.name, after: budget) }
            output = try await runner.run(ProcessInvocation("ssh", arguments, standardInput: standardInput, timeout: timeout, outputLimit: outputLimit))
        } catch ProcessRunnerError.outputTooLarge(_, let limit) {
            throw NodeAccessError.malformedOutput(node: node.name, reason: Self.tooMuch(limit))
        } catch ProcessRunnerError.timedOut {
            throw NodeAccessError.timedOut(node: node.name, after: budget)
        } catch ProcessRunnerError.launchFailed(_, let reason) {
            throw NodeAccessError.connectionFailed(node: node.name, detail: "ssh stopped before the script finished (\(reason))")
        }
        if output.exitCode == 255 {
            throw SSHErrorClassifier.classify(standardError: output.standardErrorText, node: node.name)
        }
        await masters.markConnected(node)
        if sudo, output.exitCode != 0, RemoteCommand.sudoRefused(output.standardErrorText) {
            throw NodeAccessError.sudoPasswordRequired(node: node.name)
        }
        return RemoteResult(exitCode: output.exitCode, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    /// Through the node's control master when one is up, without starting ssh; nil when
    /// there is none (or it did not open the session), and ssh is to run the command.
    private func runThroughMaster(_ remoteCommand: String, standardInput: Data, on node: NodeTarget, timeout: Duration, budget: Duration, outputLimit: Int) async throws -> RemoteResult? {
        guard settings.opensControlMasters, timeout > .zero else { return nil }
        let socket = SSHControlDirectory.socket(in: controlDirectory, for: node, settings: settings)
        guard PrivateDirectory.isSocket(socket) else { return nil }
        let result: RemoteResult
        do {
            result = try await SSHMuxClient(socketPath: socket, outputLimit: outputLimit).run(remoteCommand, standardInput: standardInput, timeout: timeout)
        } catch SSHMuxError.notStarted {
            return nil
        } catch SSHMuxError.timedOut {
            throw NodeAccessError.timedOut(node: node.name, after: budget)
        } catch SSHMuxError.lost(let detail) {
            throw NodeAccessError.connectionFailed(node: node.name, detail: detail)
        } catch SSHMuxError.outputTooLarge(let limit) {
            throw NodeAccessError.malformedOutput(node: node.name, reason: Self.tooMuch(limit))
        }
        await masters.markConnected(node)
        if sudo, result.exitCode != 0, RemoteCommand.sudoRefused(result.standardErrorText) {
            throw NodeAccessError.sudoPasswordRequired(node: node.name)
        }
        return result
    }

    static func tooMuch(_ limit: Int) -> String {
        "the node sent more than the \(limit) bytes its script can print; reading stopped there"
    }

    /// Closes every control master this transport may have opened, then its socket directory;
    /// persisted masters stay up for the next run and close themselves when idle.
    public func shutdown() async {
        let nodes = await masters.drain()
        guard settings.opensControlMasters, !settings.persistsAcrossRuns else { return }
        let sockets = nodes.map { SSHControlDirectory.socket(in: controlDirectory, for: $0, settings: settings) }
        await Self.closeMasters(listeningOn: sockets.filter(PrivateDirectory.isSocket))
        try? FileManager.default.removeItem(atPath: controlDirectory)
    }
}

extension SSHTransport {
    /// Closes every persisted control master of this user now (instead of at the idle
    /// timeout); returns how many were open.
    public static func closePersistedConnections(directory: String = SSHControlDirectory.persistent()) async throws -> Int {
        guard FileManager.default.fileExists(atPath: directory) else { return 0 }
        try SSHControlDirectory.preparePrivate(directory)
        let sockets = SSHControlDirectory.sockets(in: directory)
        await closeMasters(listeningOn: sockets)
        return sockets.count
    }

    /// What `ssh -O exit` does for each socket, spoken directly; a socket no master answers
    /// on any more (its ssh was killed) is removed, since nothing else would.
    static func closeMasters(listeningOn sockets: [String]) async {
        // Each exchange holds a thread while it waits; a few dozen at a time are plenty.
        await withTaskGroup(of: Void.self) { group in
            for (index, socket) in sockets.enumerated() {
                if index >= 32 { await group.next() }
                group.addTask {
                    do {
                        try await SSHMuxClient(socketPath: socket).terminate()
                    } catch SSHMuxError.notStarted {
                        try? FileManager.default.removeItem(atPath: socket)
                    } catch {}
                }
            }
        }
    }
}

/// Nodes whose control master may exist (to close at shutdown), and those that have
/// answered at least once in this run (host key and login already checked).
private actor MasterRegistry {
    private var nodes: Set<NodeTarget> = []
    private var connected: Set<NodeTarget> = []
    func add(_ node: NodeTarget) { nodes.insert(node) }
    func markConnected(_ node: NodeTarget) { connected.insert(node) }
    func isConnected(_ node: NodeTarget) -> Bool { connected.contains(node) }
    func drain() -> Set<NodeTarget> {
        defer { nodes = []; connected = [] }
        return nodes
    }
}
