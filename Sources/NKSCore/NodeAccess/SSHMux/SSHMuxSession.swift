// One exchange with a control master, blocking I/O on a thread of its own: a passenger
// session from connecting to the command's exit status, or a request that the master
// close its connection. Failures before the master opened the session are `notStarted`
// (the caller may start the command over a new connection, as ssh does); after it, the
// session's result or its loss is final.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct SSHMuxSession: Sendable {
    enum Request: Sendable {
        case command(String, input: [UInt8])
        /// What `ssh -O exit` asks: close the connection now.
        case terminate
    }

    let socketPath: String
    let request: Request
    let deadline: ContinuousClock.Instant
    let stop: StopRequest
    /// Bound for each of stdout and stderr, so a runaway node cannot exhaust our memory.
    let outputLimit: Int

    private static let requestID: UInt32 = 1

    func run() throws -> RemoteResult {
        let descriptors = OpenDescriptors()
        defer { descriptors.closeAll() }
        let socket = try descriptors.keep(UnixSocket.connect(to: socketPath))
        UnixSocket.setNonBlocking(socket)
        var reader = SSHMuxReader()

        try send(SSHMuxMessage.hello(), on: socket)
        guard case .hello(let version)? = try nextReply(from: socket, into: &reader) else {
            throw SSHMuxError.notStarted("the control socket \(socketPath) did not greet as an OpenSSH master")
        }
        guard version == SSHMuxMessage.protocolVersion else {
            throw SSHMuxError.notStarted("the control master speaks multiplexing protocol \(version), not \(SSHMuxMessage.protocolVersion)")
        }
        switch request {
        case .command(let command, let input):
            return try runSession(command, input: input, socket: socket, reader: &reader, descriptors: descriptors)
        case .terminate:
            var listening = stat()
            let known = lstat(socketPath, &listening) == 0
            try send(SSHMuxMessage.terminate(requestID: Self.requestID), on: socket)
            // The master may exit before its answer is out (PROTOCOL.mux says so); the
            // closed socket is the answer then.
            while let reply = try nextReply(from: socket, into: &reader) {
                if case .refused(Self.requestID, let reason) = reply { throw SSHMuxError.notStarted("the control master refused to close: \(reason)") }
                if case .ok(Self.requestID) = reply { break }
            }
            if known { waitForRemoval(of: listening) }
            return RemoteResult(exitCode: 0, standardOutput: Data(), standardError: Data())
        }
    }

    /// The master answers before it exits and removes its socket as it goes; waiting for
    /// that lets the caller remove the socket directory, or count the masters still up,
    /// without racing it. A master that agreed to close but keeps its socket past the
    /// deadline leaves a dead name, removed here as a killed master's would be. A socket by
    /// the same name but another inode is a new master's, and is left alone.
    private func waitForRemoval(of listening: stat) {
        var current = stat()
        while lstat(socketPath, &current) == 0, current.st_ino == listening.st_ino, current.st_dev == listening.st_dev {
            guard !stop.isRequested, deadline > .now else {
                unlink(socketPath)
                return
            }
            usleep(5_000)
        }
    }

    private func runSession(_ command: String, input: [UInt8], socket: Int32, reader: inout SSHMuxReader,
                            descriptors: OpenDescriptors) throws -> RemoteResult {
        try send(SSHMuxMessage.newSession(requestID: Self.requestID, command: command), on: socket)
        func pair() throws -> (read: Int32, write: Int32) {
            let ends = try UnixSocket.streamPair()
            descriptors.keep(ends.read)
            descriptors.keep(ends.write)
            return ends
        }
        let stdin = try pair(), stdout = try pair(), stderr = try pair()
        for remoteEnd in [stdin.read, stdout.write, stderr.write] {
            try UnixSocket.send(descriptor: remoteEnd, over: socket, waiting: wait)
        }
        // Only the master may hold these now, or the streams never reach end-of-file.
        for remoteEnd in [stdin.read, stdout.write, stderr.write] { descriptors.close(remoteEnd) }
        UnixSocket.setNonBlocking(stdin.write)
        return try exchange(input: input, socket: socket, reader: &reader, stdin: stdin.write, stdout: stdout.read, stderr: stderr.read,
                            descriptors: descriptors)
    }

    /// Feeds stdin, collects stdout and stderr, and follows the master's messages until both
    /// streams are closed and the exit status has come (or the master is gone).
    private func exchange(input: [UInt8], socket: Int32, reader: inout SSHMuxReader, stdin: Int32, stdout stdoutFD: Int32, stderr stderrFD: Int32,
                          descriptors: OpenDescriptors) throws -> RemoteResult {
        var output: [UInt8] = [], errors: [UInt8] = []
        var written = 0
        var stdinOpen = true, stdoutOpen = true, stderrOpen = true, socketOpen = true
        var opened = false
        var exitStatus: UInt32?
        if input.isEmpty { descriptors.close(stdin); stdinOpen = false }

        while stdoutOpen || stderrOpen || (socketOpen && exitStatus == nil) {
            var watched: [pollfd] = []
            if socketOpen { watched.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0)) }
            if stdoutOpen { watched.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if stderrOpen { watched.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
            if stdinOpen { watched.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            try waitForAny(&watched)
            for entry in watched where entry.revents != 0 {
                switch entry.fd {
                case socket:
                    guard let bytes = readAvailable(socket) else { socketOpen = false; continue }
                    reader.append(bytes)
                    while let reply = try nextBuffered(&reader) {
                        switch reply {
                        case .sessionOpened(Self.requestID, _):
                            opened = true
                        case .refused(let request, let reason) where request == Self.requestID && !opened:
                            throw SSHMuxError.notStarted("the control master did not open a session: \(reason)")
                        case .exit(_, let status):
                            exitStatus = status
                        default:
                            break
                        }
                    }
                case stdoutFD:
                    if let bytes = readAvailable(stdoutFD) { output += bytes } else { descriptors.close(stdoutFD); stdoutOpen = false }
                    if output.count > outputLimit { throw SSHMuxError.outputTooLarge(limit: outputLimit) }
                case stderrFD:
                    if let bytes = readAvailable(stderrFD) { errors += bytes } else { descriptors.close(stderrFD); stderrOpen = false }
                    if errors.count > outputLimit { throw SSHMuxError.outputTooLarge(limit: outputLimit) }
                default:
                    let count = input.withUnsafeBytes { write(stdin, $0.baseAddress! + written, $0.count - written) }
                    if count > 0 { written += count }
                    // EPIPE: the command stopped reading; its exit status says why.
                    if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                        descriptors.close(stdin)
                        stdinOpen = false
                    }
                }
            }
            if !socketOpen && !opened {
                throw SSHMuxError.notStarted("the control master closed the socket before opening a session")
            }
        }
        guard let exitStatus else {
            throw SSHMuxError.lost("the SSH connection ended before the command reported its exit status")
        }
        return RemoteResult(exitCode: Int32(bitPattern: exitStatus), standardOutput: Data(output), standardError: Data(errors))
    }

    private func send(_ bytes: [UInt8], on socket: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Foundation.send(socket, $0.baseAddress! + offset, $0.count - offset, UnixSocket.noSignal) }
            if count > 0 { offset += count; continue }
            guard count < 0, errno == EAGAIN || errno == EINTR else {
                throw SSHMuxError.notStarted("cannot write to the control socket \(socketPath): \(UnixSocket.errorText())")
            }
            try wait(socket, Int16(POLLOUT))
        }
    }

    /// The next whole reply, reading as much as it takes; end-of-file means no master.
    private func nextReply(from socket: Int32, into reader: inout SSHMuxReader) throws -> SSHMuxReply? {
        while true {
            if let reply = try nextBuffered(&reader) { return reply }
            try wait(socket, Int16(POLLIN))
            guard let bytes = readAvailable(socket) else { return nil }
            reader.append(bytes)
        }
    }

    private func nextBuffered(_ reader: inout SSHMuxReader) throws -> SSHMuxReply? {
        do {
            return try reader.next()
        } catch {
            throw SSHMuxError.notStarted(error.description)
        }
    }

    /// Bytes that could be read now (possibly none), or nil at end-of-file or on an error.
    private func readAvailable(_ fd: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        if count > 0 { return Array(buffer[..<count]) }
        if count < 0, errno == EAGAIN || errno == EINTR { return [] }
        return nil
    }

    private func wait(_ fd: Int32, _ events: Int16) throws {
        var watched = [pollfd(fd: fd, events: events, revents: 0)]
        try waitForAny(&watched)
    }

    /// poll(2) in slices of at most 100 ms, so that a stop request or the deadline is
    /// noticed even when the node says nothing.
    private func waitForAny(_ watched: inout [pollfd]) throws {
        while true {
            if stop.isRequested { throw CancellationError() }
            let remaining = deadline - .now
            guard remaining > .zero else { throw SSHMuxError.timedOut }
            let slice = min(100, max(1, Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)))
            let ready = poll(&watched, nfds_t(watched.count), slice)
            if ready > 0 { return }
            if ready < 0, errno != EINTR {
                throw SSHMuxError.lost("waiting for the control master failed: \(UnixSocket.errorText())")
            }
        }
    }
}

/// Every descriptor the session opened, closed exactly once.
private final class OpenDescriptors {
    private var open: Set<Int32> = []

    @discardableResult
    func keep(_ fd: Int32) -> Int32 {
        open.insert(fd)
        return fd
    }

    func close(_ fd: Int32) {
        if open.remove(fd) != nil { _ = systemClose(fd) }
    }

    func closeAll() {
        for fd in open { _ = systemClose(fd) }
        open = []
    }
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
