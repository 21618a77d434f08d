// SSHTransport's handling of ssh's answers, with a fake ssh: classification, sudo refusal,
// timeouts, and closing every control master it opened.
import Foundation
import Testing
@testable import NKSCore

@Suite struct SSHTransportTests {
    let node = NodeTarget(name: "worker-1", address: "10.0.0.5")

    func transport(sudo: Bool = true, _ responder: @escaping FakeProcessRunner.Responder) throws -> (SSHTransport, FakeProcessRunner) {
        let runner = FakeProcessRunner(responder)
        let directory = try TemporaryDirectory()
        return (try SSHTransport(settings: SSHSettings(knownHostsFile: directory.path + "/nks/known_hosts"), sudo: sudo, runner: runner), runner)
    }

    @Test func sendsTheScriptAsOneRemoteCommandWithContentOnStdin() async throws {
        let (ssh, runner) = try transport { _ in output("ok") }
        let result = try await ssh.execute("printf '%s' x", standardInput: Data("content".utf8), on: node, timeout: .seconds(5))
        #expect(result.standardOutput == Data("ok".utf8))
        // The first content-bearing call on a node connects with an empty script first.
        #expect(runner.invocations.count == 2)
        #expect(runner.invocations.first?.arguments.last == "sudo -n sh -c 'true'")
        #expect(runner.invocations.first?.standardInput == Data())
        let call = try #require(runner.invocations.last)
        #expect(call.executable == "ssh")
        #expect(call.arguments.suffix(3) == ["--", "10.0.0.5", "sudo -n sh -c 'printf '\\''%s'\\'' x'"])
        #expect(call.standardInput == Data("content".utf8))
        #expect(call.timeout! <= .seconds(5) && call.timeout! > .seconds(4))
        _ = try await ssh.execute("second", standardInput: Data("more".utf8), on: node, timeout: .seconds(5))
        #expect(runner.invocations.count == 3)
        await ssh.shutdown()
    }

    @Test func aRefusedHostKeySurfacesBeforeAnyContentIsSent() async throws {
        let (ssh, runner) = try transport { _ in output(stderr: "No ED25519 host key is known for worker-1 and you have requested strict checking.\nHost key verification failed.\n", exit: 255) }
        await #expect(throws: NodeAccessError.hostKeyUnknown(node: "worker-1")) {
            try await ssh.execute("cat > x", standardInput: Data("secret".utf8), on: node, timeout: .seconds(5))
        }
        #expect(runner.invocations.allSatisfy { $0.standardInput == Data() })
        await ssh.shutdown()
    }

    @Test func turnsSudoPasswordPromptsIntoATypedError() async throws {
        let (ssh, _) = try transport { _ in output(stderr: "sudo: a password is required\n", exit: 1) }
        await #expect(throws: NodeAccessError.sudoPasswordRequired(node: "worker-1")) {
            try await ssh.execute("true", standardInput: Data(), on: node, timeout: .seconds(5))
        }
        await ssh.shutdown()
    }

    @Test func returnsTheScriptsOwnExitCode() async throws {
        let (ssh, _) = try transport(sudo: false) { _ in output("partial", exit: 4) }
        let result = try await ssh.execute("exit 4", standardInput: Data(), on: node, timeout: .seconds(5))
        #expect(result.exitCode == 4)
        await ssh.shutdown()
    }

    @Test func mapsExit255AndTimeouts() async throws {
        let (refused, _) = try transport { _ in output(stderr: "ssh: connect to host 10.0.0.5 port 22: Connection refused\n", exit: 255) }
        await #expect(throws: NodeAccessError.unreachable(node: "worker-1", reason: "connect to host 10.0.0.5 port 22: Connection refused")) {
            try await refused.execute("true", standardInput: Data(), on: node, timeout: .seconds(5))
        }
        await refused.shutdown()
        let (slow, _) = try transport { invocation in throw ProcessRunnerError.timedOut(command: invocation.commandLine, after: .seconds(5)) }
        await #expect(throws: NodeAccessError.timedOut(node: "worker-1", after: .seconds(5))) {
            try await slow.execute("true", standardInput: Data(), on: node, timeout: .seconds(5))
        }
        await slow.shutdown()
    }

    @Test func shutdownRemovesTheSocketDirectoryWithoutStartingSSH() async throws {
        let (ssh, runner) = try transport { _ in output() }
        let other = NodeTarget(name: "worker-2", address: "10.0.0.6")
        for target in [node, node, other] { _ = try await ssh.execute("true", standardInput: Data(), on: target, timeout: .seconds(5)) }
        #expect(FileManager.default.fileExists(atPath: ssh.controlDirectory))
        let started = runner.invocations.count
        await ssh.shutdown()
        // Masters are closed over their sockets (SSHMuxClientTests); none is up here.
        #expect(runner.invocations.count == started)
        #expect(!FileManager.default.fileExists(atPath: ssh.controlDirectory))
    }
}
