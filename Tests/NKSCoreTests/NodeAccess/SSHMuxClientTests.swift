// Commands sent to a real OpenSSH control master over its socket, without an ssh process:
// the bytes in and out, exit status, falling back when the master is gone, deadlines and
// cancellation. The wire format is checked on its own against PROTOCOL.mux.
import Foundation
import Synchronization
import Testing
@testable import NKSCore

/// Runs programs for real and counts the ssh processes started.
private final class CountingRunner: ProcessRunning {
    private let started = Mutex(0)
    var sshProcesses: Int { started.withLock { $0 } }

    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        if invocation.executable == "ssh" { started.withLock { $0 += 1 } }
        return try await SubprocessRunner().run(invocation)
    }
}

@Suite(.serialized) struct SSHMuxClientTests {
    /// Runs `body` with a transport whose master is up after one command, and the runner
    /// that counts ssh processes; the sshd is stopped whatever happens.
    private func withMaster(_ body: (SSHTransport, CountingRunner, NodeTarget) async throws -> Void) async throws {
        let sshd = try await TestSSHD()
        do {
            let client = try TemporaryDirectory()
            let runner = CountingRunner()
            let node = NodeTarget(name: "worker-1", address: sshd.address)
            let ssh = try SSHTransport(settings: sshd.settings(knownHosts: client.path + "/known_hosts", acceptNew: true), sudo: false, runner: runner)
            _ = try await ssh.execute("true", standardInput: Data(), on: node, timeout: .seconds(20))
            #expect(runner.sshProcesses == 1)
            try await body(ssh, runner, node)
            await ssh.shutdown()
        } catch {
            await sshd.stop()
            throw error
        }
        await sshd.stop()
    }

    private func masterPID(_ ssh: SSHTransport, _ node: NodeTarget) async throws -> pid_t {
        let socket = SSHControlDirectory.socket(in: ssh.controlDirectory, for: node, settings: ssh.settings)
        let check = try await SubprocessRunner().run(ProcessInvocation("ssh", ["-o", "ControlPath=" + socket, "-O", "check", "--", "unused"]))
        return try #require(check.standardErrorText.firstMatch(of: /pid=(\d+)/).flatMap { pid_t($0.1) }, "\(check.standardErrorText)")
    }

    /// Gone, or a zombie waiting for whoever adopted it to reap it.
    private func waitUntilGone(_ pid: pid_t) async throws {
        func running() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return kill(pid, 0) == 0 }
            return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while running() {
            guard ContinuousClock.now < deadline else { Issue.record("the master \(pid) is still running"); return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func commandsAfterTheFirstGoThroughTheMasterWithoutStartingSSH() async throws {
        try await withMaster { ssh, runner, node in
            // Every byte value, more than a pipe buffer, in and back out, with stderr apart.
            let input = Data((0..<(3 * 65536 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
            let echoed = try await ssh.execute("cat; echo 'to stderr' >&2; exit 7", standardInput: input, on: node, timeout: .seconds(20))
            #expect(echoed.exitCode == 7)
            #expect(echoed.standardOutput == input)
            #expect(echoed.standardErrorText == "to stderr\n")
            for round in 1...5 {
                let answer = try await ssh.execute("echo \(round)", standardInput: Data(), on: node, timeout: .seconds(20))
                #expect(answer.standardOutput == Data("\(round)\n".utf8))
            }
            #expect(runner.sshProcesses == 1, "a command after the first started ssh")
            let master = try await masterPID(ssh, node)
            await ssh.shutdown()
            try await waitUntilGone(master)
            #expect(runner.sshProcesses == 1, "closing the master started ssh")
        }
    }

    @Test func aCommandThatStopsReadingItsInputStillReportsItsStatus() async throws {
        try await withMaster { ssh, _, node in
            let input = Data(repeating: 0x61, count: 4 * 1024 * 1024)
            let answer = try await ssh.execute("head -c 3; exit 3", standardInput: input, on: node, timeout: .seconds(20))
            #expect(answer.exitCode == 3)
            #expect(answer.standardOutput == Data("aaa".utf8))
        }
    }

    @Test func aMasterKilledUnderItsSocketIsReplacedByANewConnection() async throws {
        try await withMaster { ssh, runner, node in
            let socket = SSHControlDirectory.socket(in: ssh.controlDirectory, for: node, settings: ssh.settings)
            let pid = try await masterPID(ssh, node)
            #expect(kill(pid, SIGKILL) == 0)
            try await waitUntilGone(pid)
            #expect(PrivateDirectory.isSocket(socket), "the killed master's socket should be left behind")

            let answer = try await ssh.execute("echo again", standardInput: Data(), on: node, timeout: .seconds(20))
            #expect(answer.standardOutput == Data("again\n".utf8))
            #expect(runner.sshProcesses == 2, "the stale socket was not answered by a new connection")
        }
    }

    @Test func theDeadlineAndCancellationStopASessionThatHangs() async throws {
        try await withMaster { ssh, _, node in
            let started = ContinuousClock.now
            await #expect(throws: NodeAccessError.timedOut(node: "worker-1", after: .seconds(1))) {
                try await ssh.execute("sleep 30", standardInput: Data(), on: node, timeout: .seconds(1))
            }
            let hanging = Task { try await ssh.execute("sleep 30", standardInput: Data(), on: node, timeout: .seconds(60)) }
            try await Task.sleep(for: .milliseconds(300))
            hanging.cancel()
            await #expect(throws: CancellationError.self) { try await hanging.value }
            #expect(ContinuousClock.now - started < .seconds(10))
            // The master survives both and serves the next command.
            let answer = try await ssh.execute("echo alive", standardInput: Data(), on: node, timeout: .seconds(20))
            #expect(answer.standardOutput == Data("alive\n".utf8))
        }
    }

    @Test func closingWaitsUntilTheMasterHasRemovedItsSocket() async throws {
        let client = try TemporaryDirectory()
        let socket = client.path + "/master"
        let master = try SlowToLeaveMaster(socketPath: socket, lingering: .milliseconds(400))
        try await SSHMuxClient(socketPath: socket).terminate()
        #expect(master.answeredTerminate)
        #expect(!FileManager.default.fileExists(atPath: socket), "closing returned while the master's socket was still there")
    }

    @Test func aNewMastersSocketUnderTheSameNameIsLeftAlone() async throws {
        let client = try TemporaryDirectory()
        let socket = client.path + "/master"
        _ = try SlowToLeaveMaster(socketPath: socket, lingering: .milliseconds(100), successor: true)
        let started = ContinuousClock.now
        try await SSHMuxClient(socketPath: socket).terminate(timeout: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(4), "closing waited for the successor's socket to go")
        #expect(PrivateDirectory.isSocket(socket), "closing removed the successor's socket")
    }

    @Test func noMasterMeansNotStarted() async throws {
        let client = try TemporaryDirectory()
        await #expect(throws: SSHMuxError.notStarted("no control master answers on \(client.path)/none: No such file or directory")) {
            try await SSHMuxClient(socketPath: client.path + "/none").run("true", standardInput: Data(), timeout: .seconds(5))
        }
    }
}

/// A control master that answers hello and MUX_C_TERMINATE as OpenSSH's does, then takes
/// its time before removing its socket, the way a master exiting under load does.
private final class SlowToLeaveMaster: Sendable {
    private let answered = Mutex(false)
    var answeredTerminate: Bool { answered.withLock { $0 } }

    /// With `successor`, another master binds the same name as soon as this one removed it.
    init(socketPath: String, lingering: Duration, successor: Bool = false) throws {
        @Sendable func listening() -> Int32 {
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socketPath.utf8)) }
            let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            return listener >= 0 && bound == 0 && listen(listener, 1) == 0 ? listener : -1
        }
        let listener = listening()
        try #require(listener >= 0, "cannot listen on \(socketPath)")
        Thread { [self] in
            let connection = accept(listener, nil, nil)
            func receive(_ count: Int) -> [UInt8] {
                var bytes = [UInt8](repeating: 0, count: count)
                let got = bytes.withUnsafeMutableBytes { recv(connection, $0.baseAddress!, count, Int32(MSG_WAITALL)) }
                return Array(bytes.prefix(max(got, 0)))
            }
            func reply(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress!, $0.count, 0) } }
            if receive(12) == SSHMuxMessage.hello() {
                reply(SSHMuxMessage.hello())
                let request = receive(12)
                if request.count == 12, request[4...7] == [0x10, 0, 0, 5] {
                    reply([0, 0, 0, 8, 0x80, 0, 0, 1] + request[8...11])
                    self.answered.withLock { $0 = true }
                }
            }
            Thread.sleep(forTimeInterval: Double(lingering.components.attoseconds) / 1e18 + Double(lingering.components.seconds))
            unlink(socketPath)
            if successor { _ = listening() }
            close(connection)
            close(listener)
        }.start()
    }
}

@Suite struct SSHMuxMessageTests {
    @Test func helloAndNewSessionAreLaidOutAsPROTOCOLmuxSays() {
        #expect(SSHMuxMessage.hello() == [0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 4])
        let request = SSHMuxMessage.newSession(requestID: 9, command: "id")
        #expect(request == [
            0, 0, 0, 42, 0x10, 0, 0, 2,  // length, MUX_C_NEW_SESSION
            0, 0, 0, 9,  // request id
            0, 0, 0, 0,  // reserved
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // no tty, X11, agent, subsystem
            0xff, 0xff, 0xff, 0xff,  // no escape character
            0, 0, 0, 0,  // terminal type
            0, 0, 0, 2, UInt8(ascii: "i"), UInt8(ascii: "d"),
        ])
    }

    @Test func repliesAreCutFromAStreamThatArrivesInPieces() throws {
        let stream: [UInt8] = [0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 4]
            + [0, 0, 0, 12, 0x80, 0, 0, 6, 0, 0, 0, 1, 0, 0, 0, 5]
            + [0, 0, 0, 14, 0x80, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2] + Array("no".utf8)
            + [0, 0, 0, 12, 0x80, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0, 255]
        var reader = SSHMuxReader()
        var replies: [SSHMuxReply] = []
        for byte in stream {
            reader.append([byte])
            while let reply = try reader.next() { replies.append(reply) }
        }
        #expect(replies == [.hello(version: 4), .sessionOpened(requestID: 1, sessionID: 5), .refused(requestID: 1, reason: "no"),
                            .exit(sessionID: 5, status: 255)])
    }

    @Test func somethingElseOnTheSocketIsRejected() {
        var reader = SSHMuxReader()
        reader.append(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8))
        #expect(throws: SSHMuxProtocolError.self) { try reader.next() }
        var short = SSHMuxReader()
        short.append([0, 0, 0, 4, 0x80, 0, 0, 4])
        #expect(throws: SSHMuxProtocolError.self) { try short.next() }
    }
}
