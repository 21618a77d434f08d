// The SSH transport against a real sshd started for the test: framed reads, atomic writes,
// host key pinning (unknown, accepted on request, changed) and an unreachable node.
import Foundation
import Testing
@testable import NKSCore

@Suite(.serialized) struct SSHEndToEndTests {
    @Test func readsWritesAndPinsHostKeysOverRealSSH() async throws {
        let sshd = try await TestSSHD()
        let files = try TemporaryDirectory(), state = try TemporaryDirectory(), client = try TemporaryDirectory()
        let knownHosts = client.path + "/nks/known_hosts"
        let node = NodeTarget(name: "worker-1", address: sshd.address)
        do {
            // Unknown host key: refused, and nothing is pinned.
            let strict = try SSHTransport(settings: sshd.settings(knownHosts: knownHosts), sudo: false)
            await #expect(throws: NodeAccessError.hostKeyUnknown(node: "worker-1")) {
                try await strict.execute("true", standardInput: Data(), on: node, timeout: .seconds(20))
            }
            await strict.shutdown()
            #expect(client.contents(knownHosts) == nil)

            // Accepted on request, pinned under the node name.
            let accepting = try SSHTransport(settings: sshd.settings(knownHosts: knownHosts, acceptNew: true), sudo: false)
            let first = try await accepting.execute("printf hello", standardInput: Data(), on: node, timeout: .seconds(20))
            #expect(first.standardOutput == Data("hello".utf8))
            await accepting.shutdown()
            #expect(client.contents(knownHosts) == sshd.knownHostsLine(alias: "worker-1").replacingOccurrences(of: " nks-test", with: ""))

            // Pinned: three files in one round trip, then an atomic write, through one master.
            let ssh = try SSHTransport(settings: sshd.settings(knownHosts: knownHosts), sudo: false)
            let a = try files.write("a.conf", "alpha\n"), b = try files.write("dir with space/b", "beta"), c = files.path + "/missing"
            let snapshot = try await NodeReader(transport: ssh).read(NodeReadRequest(files: [a, b, c]), from: node, timeout: .seconds(20))
            #expect(snapshot.files[a]?.content == Data("alpha\n".utf8))
            #expect(snapshot.files[b]?.content == Data("beta".utf8))
            #expect(snapshot.files[c]?.state == .missing)
            #expect(!client.listing(ssh.controlDirectory).isEmpty, "no control master socket was opened")

            let write = AtomicFileWrite(path: a, content: Data("new alpha\n".utf8), mode: 0o600, stateDirectory: state.path)
            let written = try await NodeWriter(transport: ssh).write(write, to: node, timeout: .seconds(20))
            #expect(files.contents(a) == "new alpha\n")
            #expect(written.sha256 == Hashing.sha256Hex(Data("new alpha\n".utf8)))
            #expect(state.contents(try #require(written.backupPath)) == "alpha\n")
            await ssh.shutdown()
            #expect(!FileManager.default.fileExists(atPath: ssh.controlDirectory))

            // Changed host key: refused even with --accept-new-host-keys, nothing written.
            let impostor = try await SubprocessRunner().run(ProcessInvocation("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", client.path + "/other"]))
            #expect(impostor.succeeded)
            try Data(("worker-1 " + client.contents(client.path + "/other.pub")!).utf8).write(to: URL(fileURLWithPath: knownHosts))
            let fooled = try SSHTransport(settings: sshd.settings(knownHosts: knownHosts, acceptNew: true), sudo: false)
            let attempt = AtomicFileWrite(path: a, content: Data("evil\n".utf8), stateDirectory: state.path)
            await #expect(throws: NodeAccessError.hostKeyChanged(node: "worker-1")) {
                try await NodeWriter(transport: fooled).write(attempt, to: node, timeout: .seconds(20))
            }
            await fooled.shutdown()
            #expect(files.contents(a) == "new alpha\n")
        } catch {
            await sshd.stop()
            throw error
        }
        await sshd.stop()
    }

    @Test func reportsAnUnreachableNode() async throws {
        let client = try TemporaryDirectory()
        // A loopback address where nothing listens: refused at once.
        let settings = SSHSettings(user: "root", port: 9, configFile: "/dev/null", knownHostsFile: client.path + "/kh", connectTimeout: .seconds(5))
        let ssh = try SSHTransport(settings: settings, sudo: false)
        do {
            _ = try await ssh.execute("true", standardInput: Data(), on: NodeTarget(name: "gone", address: "127.0.0.1"), timeout: .seconds(20))
            Issue.record("an unreachable node answered")
        } catch let error as NodeAccessError {
            #expect(error.isUnreachable)
            #expect(error.description.contains("Connection refused"))
        }
        await ssh.shutdown()
    }

    @Test func persistedConnectionsServeTheNextRunUntilClosed() async throws {
        let sshd = try await TestSSHD()
        let client = try TemporaryDirectory()
        let sockets = "/tmp/nks-test-" + Hashing.randomHex(bytes: 4)
        defer { try? FileManager.default.removeItem(atPath: sockets) }
        var settings = sshd.settings(knownHosts: client.path + "/known_hosts", acceptNew: true)
        settings.persistsAcrossRuns = true
        settings.controlPersist = .seconds(120)
        let node = NodeTarget(name: "worker-1", address: sshd.address)
        // The remote shell's parent is the sshd process of the connection it came through.
        func connection(_ transport: SSHTransport) async throws -> Data {
            try await transport.execute("echo $PPID", standardInput: Data(), on: node, timeout: .seconds(20)).standardOutput
        }
        do {
            let first = try SSHTransport(settings: settings, sudo: false, controlDirectory: sockets)
            let firstConnection = try await connection(first)
            await first.shutdown()
            #expect(SSHControlDirectory.sockets(in: sockets).count == 1, "the master must outlive the run")

            let second = try SSHTransport(settings: settings, sudo: false, controlDirectory: sockets)
            #expect(try await connection(second) == firstConnection, "the next run must reuse the connection")
            await second.shutdown()

            #expect(try await SSHTransport.closePersistedConnections(directory: sockets) == 1)
            #expect(SSHControlDirectory.sockets(in: sockets).isEmpty)
            let third = try SSHTransport(settings: settings, sudo: false, controlDirectory: sockets)
            #expect(try await connection(third) != firstConnection)
            _ = try await SSHTransport.closePersistedConnections(directory: sockets)
        } catch {
            await sshd.stop()
            throw error
        }
        await sshd.stop()
    }

    @Test func aSocketDirectoryOthersCanEnterIsRefused() throws {
        let open = "/tmp/nks-test-" + Hashing.randomHex(bytes: 4)
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(atPath: open) }
        var settings = SSHSettings(knownHostsFile: open + "/known_hosts")
        settings.persistsAcrossRuns = true
        #expect(throws: NodeAccessError.localSetupFailed(
            reason: "\(open) holds SSH control sockets but is not a private directory of yours (owner uid \(getuid()), mode 755); remove it, or run without --ssh-persist")) {
            _ = try SSHTransport(settings: settings, sudo: false, controlDirectory: open)
        }
    }

    /// A user's `Host * / ForwardAgent yes` must not hand a compromised node the
    /// operator's agent: the same sshd and config with plain ssh do forward it (so the test
    /// sees forwarding when it happens), the transport does not.
    @Test func aNodeNeverGetsTheOperatorsAgentWhateverTheUsersConfigSays() async throws {
        let sshd = try await TestSSHD()
        let client = try TemporaryDirectory()
        let agentSocket = client.path + "/agent.sock"
        let agent = try await SubprocessRunner().run(ProcessInvocation("ssh-agent", ["-s", "-a", agentSocket]))
        let pid = agent.standardOutputText.split(whereSeparator: { $0 == ";" || $0.isWhitespace })
            .first { $0.hasPrefix("SSH_AGENT_PID=") }.flatMap { Int32($0.dropFirst("SSH_AGENT_PID=".count)) }
        defer { if let pid { kill(pid, SIGTERM) } }
        do {
            #expect(pid != nil, "ssh-agent did not start: \(agent.standardErrorText)")
            let config = try client.write("ssh_config", "Host *\n  ForwardAgent yes\n")
            let knownHosts = try client.write("known_hosts", sshd.knownHostsLine(alias: "worker-1"))
            let probe = "printf '%s' \"${SSH_AUTH_SOCK:-none}\""

            let plain = try await SubprocessRunner().run(ProcessInvocation("ssh", [
                "-F", config, "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "HostKeyAlias=worker-1",
                "-i", sshd.clientKey, "-p", String(sshd.port), "-l", "root", "--", sshd.address, probe,
            ], environment: ["SSH_AUTH_SOCK": agentSocket], timeout: .seconds(20)))
            #expect(plain.succeeded, "\(plain.standardErrorText)")
            #expect(plain.standardOutputText.hasPrefix("/"), "plain ssh with this config did not forward the agent, so the test proves nothing: \(plain.standardOutputText)")

            var settings = sshd.settings(knownHosts: knownHosts)
            settings.configFile = config
            let transport = try SSHTransport(settings: settings, sudo: false, runner: AgentRunner(socket: agentSocket))
            let result = try await transport.execute(probe, standardInput: Data(), on: NodeTarget(name: "worker-1", address: sshd.address), timeout: .seconds(20))
            await transport.shutdown()
            #expect(result.standardOutput == Data("none".utf8), "the node got the operator's agent at \(result.standardErrorText)")
        } catch {
            await sshd.stop()
            throw error
        }
        await sshd.stop()
    }

    /// A node's answer is held to what its caller asked for, not a fixed size: over the
    /// ssh process (the first call) and over the control master (the next ones).
    @Test func aNodeThatSendsMoreThanWasAskedForIsCutOff() async throws {
        let sshd = try await TestSSHD()
        let client = try TemporaryDirectory()
        let knownHosts = try client.write("known_hosts", sshd.knownHostsLine(alias: "worker-1"))
        let ssh = try SSHTransport(settings: sshd.settings(knownHosts: knownHosts), sudo: false)
        let node = NodeTarget(name: "worker-1", address: sshd.address)
        do {
            for _ in 0..<2 {
                await #expect(throws: NodeAccessError.self) {
                    try await ssh.execute("head -c 3000000 /dev/zero", standardInput: Data(), on: node, timeout: .seconds(20), outputLimit: 1 << 20)
                }
            }
            let honest = try await ssh.execute("head -c 1000000 /dev/zero", standardInput: Data(), on: node, timeout: .seconds(20), outputLimit: 1 << 20)
            #expect(honest.standardOutput.count == 1_000_000)
        } catch {
            await ssh.shutdown()
            await sshd.stop()
            throw error
        }
        await ssh.shutdown()
        await sshd.stop()
    }
}

/// Runs every program with SSH_AUTH_SOCK pointing at a test agent, as an operator's
/// shell would.
private struct AgentRunner: ProcessRunning {
    let socket: String
    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        var invocation = invocation
        invocation.environment["SSH_AUTH_SOCK"] = socket
        return try await SubprocessRunner().run(invocation)
    }
}
