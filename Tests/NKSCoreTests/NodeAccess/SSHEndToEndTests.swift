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
}
