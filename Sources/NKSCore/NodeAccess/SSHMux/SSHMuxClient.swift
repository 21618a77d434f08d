// Runs one command through a node's OpenSSH control master the way `ssh -S socket` does in
// its mux client mode: hello, a new session, then one end of each of three socket pairs
// (stdin, stdout, stderr) handed to the master over the socket. Once the connection is up,
// starting an ssh process for each command costs more CPU than the command itself;
// speaking the protocol costs a few system calls. The master is the one ssh started and authenticated (host key checked);
// nothing here connects to a node.
import Foundation
import Synchronization

public enum SSHMuxError: Error, Sendable, Equatable {
    /// Nothing was started on the node: no master answers on the socket, or it did not open
    /// the session. ssh itself falls back to a new connection in these cases.
    case notStarted(String)
    /// The session was open and the master went away without the command's exit status.
    case lost(String)
    case timedOut
    /// The command printed more than the limit on stdout or stderr; reading stopped.
    case outputTooLarge(limit: Int)
}

public struct SSHMuxClient: Sendable {
    public var socketPath: String
    public var outputLimit: Int

    public init(socketPath: String, outputLimit: Int = 256 * 1024 * 1024) {
        self.socketPath = socketPath
        self.outputLimit = outputLimit
    }

    public func run(_ command: String, standardInput: Data, timeout: Duration) async throws -> RemoteResult {
        try await exchange(.command(command, input: [UInt8](standardInput)), timeout: timeout)
    }

    /// Asks the master to close its connection, as `ssh -O exit` does; `notStarted` when no
    /// master answers on the socket.
    public func terminate(timeout: Duration = .seconds(10)) async throws {
        _ = try await exchange(.terminate, timeout: timeout)
    }

    private func exchange(_ request: SSHMuxSession.Request, timeout: Duration) async throws -> RemoteResult {
        try Task.checkCancellation()
        BrokenPipe.ignore()
        let stop = StopRequest()
        let session = SSHMuxSession(socketPath: socketPath, request: request, deadline: .now + timeout, stop: stop, outputLimit: outputLimit)
        // The session's I/O blocks in poll(2), so it gets a thread of its own rather than
        // one of the few that run every task.
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<RemoteResult, any Error>) in
                Thread { continuation.resume(with: Result { try session.run() }) }.start()
            }
        } onCancel: {
            stop.request()
        }
    }
}

final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)
    func request() { requested.store(true, ordering: .relaxed) }
    var isRequested: Bool { requested.load(ordering: .relaxed) }
}
