// What reproducing `kubectl logs` showed: logs, nothing, or which failure — recognised in an
// error status and in the body of a 200 response, where current kubelets put it.
import Foundation
import NKSCore

public enum LogReadOutcome: Sendable, Hashable {
    case readable(lines: Int)
    case empty
    /// kubelet kuberuntime_container.go: `unable to retrieve container logs for %v`.
    case unableToRetrieve(containerID: String)
    /// The container exists but its log file does not (rotated or removed underneath the kubelet).
    case logFileMissing(path: String)
    /// kubelet validateContainerLogStatus: `container %q in pod %q is waiting to start: %s`.
    case waitingToStart(reason: String)
    /// `previous terminated container %q in pod %q not found`.
    case previousNotFound
    case podNotFound
    case forbidden(message: String)
    /// The apiserver could not reach the kubelet (`dial tcp …:10250`, no route, timeout).
    case kubeletUnreachable(message: String)
    case failed(message: String)

    public var logsReadable: Bool {
        switch self {
        case .readable, .empty: return true
        default: return false
        }
    }
}

public struct LogRead: Sendable, Hashable {
    public var command: String
    public var exitCode: Int32
    /// The first lines of what came back, as evidence (stdout for a 200, stderr otherwise).
    public var text: String
    public var outcome: LogReadOutcome

    public init(command: String, exitCode: Int32, text: String, outcome: LogReadOutcome) {
        self.command = command
        self.exitCode = exitCode
        self.text = text
        self.outcome = outcome
    }

    public init(_ logs: PodLogs) {
        let body = logs.text
        let outcome = logs.succeeded ? Self.classifyBody(body) : Self.classifyError(logs.standardError)
        let shown = logs.succeeded ? body : logs.standardError
        self.init(command: logs.command, exitCode: logs.exitCode, text: shown.split(separator: "\n", omittingEmptySubsequences: true).prefix(3).joined(separator: "\n"), outcome: outcome)
    }

    /// A 200 whose body is a single kubelet error line is that error, not a log line
    /// (kubernetes issue 142258: the kubelet writes its header before asking the runtime).
    static func classifyBody(_ body: String) -> LogReadOutcome {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: true)
        if lines.isEmpty { return .empty }
        if lines.count <= 2, let failure = kubeletFailure(String(lines[0])) { return failure }
        return .readable(lines: lines.count)
    }

    static func classifyError(_ standardError: String) -> LogReadOutcome {
        let text = standardError.trimmingCharacters(in: .whitespacesAndNewlines)
        // kubectl prints "Error from server (BadRequest): <kubelet's message>".
        var message = text
        if message.hasPrefix("Error from server"), let colon = message.range(of: ": ") {
            message = String(message[colon.upperBound...])
        } else if message.hasPrefix("error: ") {
            message.removeFirst(7)
        }
        if let failure = kubeletFailure(message) { return failure }
        let lower = text.lowercased()
        if lower.contains("forbidden") { return .forbidden(message: message) }
        if lower.contains("(notfound)") && lower.contains("pods \"") { return .podNotFound }
        if lower.contains("previous terminated container") { return .previousNotFound }
        if lower.contains("is waiting to start") {
            return .waitingToStart(reason: message.components(separatedBy: "is waiting to start: ").last ?? message)
        }
        if lower.contains(":10250") || lower.contains("dial tcp") || lower.contains("no route to host") || lower.contains("i/o timeout") || lower.contains("no preferred addresses found") || lower.contains("connection refused") {
            return .kubeletUnreachable(message: message)
        }
        return .failed(message: message)
    }

    static func kubeletFailure(_ line: String) -> LogReadOutcome? {
        let line = line.trimmingCharacters(in: .whitespaces)
        if let range = line.range(of: "unable to retrieve container logs for ") {
            return .unableToRetrieve(containerID: String(line[range.upperBound...].prefix { !$0.isWhitespace }))
        }
        // kubelet logs.go ReadLogs: "failed to try resolving symlinks in path %q: %v" and
        // "failed to open log file %q: %v".
        for prefix in ["failed to try resolving symlinks in path \"", "failed to open log file \""] {
            if let range = line.range(of: prefix) {
                return .logFileMissing(path: String(line[range.upperBound...].prefix { $0 != "\"" }))
            }
        }
        return nil
    }
}
