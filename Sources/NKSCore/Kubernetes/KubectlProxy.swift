// A `kubectl proxy` on a private unix socket, started on first use and shared by one run's
// API requests. A per-node request (configz, an annotation) as its own kubectl process costs
// about 0.1 s of CPU for kubectl's start-up alone, which at hundreds of nodes rivals the
// SSH work itself; through the proxy it is one HTTP request. The proxy uses the user's
// kubectl and kubeconfig exactly as the other calls do (same flags, same credential
// plugins), so nothing here reads credentials.
import Foundation
import NIOHTTP1
import Synchronization
import Subprocess
import SystemPackage

public enum KubectlProxyError: Error, Equatable, CustomStringConvertible {
    /// The proxy could not be started; callers fall back to one kubectl per request.
    case unavailable(reason: String)
    case timedOut(path: String, after: Duration)

    public var description: String {
        switch self {
        case .unavailable(let reason): "kubectl proxy did not start: \(reason)"
        case .timedOut(let path, let after): "the API server did not answer \(path) within \(after.formattedSeconds)"
        }
    }
}

public actor KubectlProxy {
    private let command: [String]
    private let environment: [String: String]
    private let startTimeout: Duration
    private var state: State = .idle

    private enum State {
        case idle
        case starting(Task<Running, any Error>)
        case running(Running)
        case failed(KubectlProxyError)
        case stopped
    }

    private struct Running: Sendable {
        /// Our end of the supervisor's stdin: closing it ends the proxy (see `supervisor`),
        /// and the kernel closes it when this process dies.
        let lifeline: Int32
        let directory: String
        var socket: String { directory + "/api.sock" }

        func end() {
            close(lifeline)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// `command` is kubectl and its global flags, e.g. `["kubectl", "--context=prod"]`.
    public init(command: [String], environment: [String: String] = [:], startTimeout: Duration = .seconds(15)) {
        self.command = command
        self.environment = environment
        self.startTimeout = startTimeout
    }

    public func send(_ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String? = nil, timeout: Duration) async throws -> HTTPReply {
        let socket = try await running().socket
        return try await withThrowingTaskGroup(of: HTTPReply?.self) { group in
            group.addTask { try await UnixSocketHTTP.exchange(socket: socket, method: method, path: path, body: body, contentType: contentType) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let reply = try await group.next() ?? nil else { throw KubectlProxyError.timedOut(path: path, after: timeout) }
            return reply
        }
    }

    /// Ends the proxy and removes its socket directory; later requests fail as unavailable.
    public func stop() {
        if case .running(let running) = state { running.end() }
        if case .starting(let task) = state { task.cancel() }
        state = .stopped
    }

    private func running() async throws -> Running {
        switch state {
        case .running(let running): return running
        case .failed(let error): throw error
        case .stopped: throw KubectlProxyError.unavailable(reason: "it was stopped")
        case .starting(let task): return try await task.value
        case .idle:
            let task = Task { [command, environment, startTimeout] in
                try await Self.start(command: command, environment: environment, startTimeout: startTimeout)
            }
            state = .starting(task)
            do {
                let running = try await task.value
                if case .stopped = state {
                    running.end()
                    throw KubectlProxyError.unavailable(reason: "it was stopped")
                }
                state = .running(running)
                return running
            } catch let error as KubectlProxyError {
                state = .failed(error)
                throw error
            }
        }
    }

    /// The shell between us and kubectl: it ends kubectl when our end of its stdin closes,
    /// which also happens when this process is killed, so no proxy outlives its run.
    public static let supervisor = """
        exec 3<&0
        "$@" </dev/null &
        proxy=$!
        (cat <&3 >/dev/null; kill $proxy 2>/dev/null) &
        watcher=$!
        wait $proxy; status=$?
        kill $watcher 2>/dev/null
        exit $status
        """

    private final class ExitFlag: Sendable {
        private let flag = Mutex(false)
        func set() { flag.withLock { $0 = true } }
        var isSet: Bool { flag.withLock { $0 } }
    }

    private static func start(command: [String], environment: [String: String], startTimeout: Duration) async throws -> Running {
        let directory = "/tmp/nks-api-" + Hashing.randomHex(bytes: 5)
        do {
            try PrivateDirectory.prepare(directory, holding: "the API proxy socket", remedy: "remove it")
        } catch {
            throw KubectlProxyError.unavailable(reason: error.description)
        }
        let socket = directory + "/api.sock"
        let errors = directory + "/stderr"
        // Close-on-exec on every descriptor, so that no other child (an ssh master may outlive
        // the run) holds the lifeline open; swift-subprocess also closes strays in its
        // children, and gives the supervisor its own copies.
        var ends: [Int32] = [-1, -1]
        let errorFile = open(errors, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard errorFile >= 0, pipe(&ends) == 0 else {
            if errorFile >= 0 { close(errorFile) }
            try? FileManager.default.removeItem(atPath: directory)
            throw KubectlProxyError.unavailable(reason: "cannot create its pipe or log in \(directory)")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let exited = ExitFlag()
        let arguments = ["-c", supervisor, "sh"] + command + ["proxy", "--unix-socket=\(socket)", "--api-prefix=/"]
        let keys = Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(rawValue: $0.key)!, Optional($0.value)) })
        let readEnd = ends[0]
        // Runs until the supervisor exits; nothing waits for it.
        Task.detached { [keys, arguments, readEnd, errorFile] in
            // swift-subprocess resets the signal mask and dispositions in the child, which
            // the shell's `wait` needs; it reaps the child when it exits.
            _ = try? await Subprocess.run(
                .path("/bin/sh"), arguments: Arguments(arguments), environment: .inherit.updating(keys),
                input: .fileDescriptor(FileDescriptor(rawValue: readEnd), closeAfterSpawningProcess: true),
                output: .discarded,
                error: .fileDescriptor(FileDescriptor(rawValue: errorFile), closeAfterSpawningProcess: true)
            )
            exited.set()
        }
        let running = Running(lifeline: ends[1], directory: directory)
        let deadline = ContinuousClock.now + startTimeout
        while ContinuousClock.now < deadline, !exited.isSet {
            if PrivateDirectory.isSocket(socket) { return running }
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                break
            }
        }
        let said = (try? String(contentsOfFile: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        running.end()
        let reason = !said.isEmpty ? said.split(separator: "\n").last.map(String.init) ?? said
            : exited.isSet ? "it exited" : "no socket after \(startTimeout.formattedSeconds)"
        throw KubectlProxyError.unavailable(reason: reason)
    }
}
