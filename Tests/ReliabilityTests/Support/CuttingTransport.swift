// Cuts one chosen round trip of a real transport the ways a connection dies: before the
// script starts, with its input cut short, with the node-side shell killed after a chosen
// line (SIGKILL, so no trap cleans up), or with the answer lost after the script finished.
import Foundation
import NKSCore

enum Cut: Sendable, Hashable, CustomStringConvertible {
    /// The connection never opens: nothing runs on the node.
    case beforeStart
    /// Only the first `bytes` of the input arrive, then end-of-file: a transfer cut short.
    case truncatedInput(bytes: Int)
    /// The session's shell is killed right after the first script line starting with this.
    case killAfterLine(startingWith: String)
    /// The script runs to its end but the answer never reaches us.
    case answerLost

    var description: String {
        switch self {
        case .beforeStart: "cut before start"
        case .truncatedInput(let bytes): "input cut after \(bytes) bytes"
        case .killAfterLine(let line): "shell killed after '\(line)…'"
        case .answerLost: "answer lost"
        }
    }
}

final class CuttingTransport: NodeTransport, @unchecked Sendable {
    let inner: any NodeTransport
    /// 1-based number of the round trip to cut; the others pass through untouched.
    let roundTrip: Int
    let cut: Cut
    private let lock = NSLock()
    private var count = 0
    private var cutHappened = false

    init(_ inner: any NodeTransport, cutting roundTrip: Int, _ cut: Cut) {
        self.inner = inner
        self.roundTrip = roundTrip
        self.cut = cut
    }

    /// Whether the chosen round trip was reached, so a test cannot pass by cutting nothing.
    var didCut: Bool { lock.withLock { cutHappened } }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        let number = lock.withLock { count += 1; return count }
        guard number == roundTrip else { return try await inner.execute(script, standardInput: standardInput, on: node, timeout: timeout) }
        switch cut {
        case .beforeStart:
            lock.withLock { cutHappened = true }
            throw NodeAccessError.connectionFailed(node: node.name, detail: "connection cut before the script started")
        case .truncatedInput(let bytes):
            lock.withLock { cutHappened = true }
            return try await inner.execute(script, standardInput: standardInput.prefix(bytes), on: node, timeout: timeout)
        case .killAfterLine(let start):
            var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let index = lines.firstIndex(where: { $0.hasPrefix(start) }) else {
                throw TestError("round trip \(number) has no line starting with '\(start)':\n\(script)")
            }
            lines.insert("kill -KILL $$", at: index + 1)
            lock.withLock { cutHappened = true }
            return try await inner.execute(lines.joined(separator: "\n"), standardInput: standardInput, on: node, timeout: timeout)
        case .answerLost:
            _ = try await inner.execute(script, standardInput: standardInput, on: node, timeout: timeout)
            lock.withLock { cutHappened = true }
            throw NodeAccessError.connectionFailed(node: node.name, detail: "connection cut before the answer arrived")
        }
    }

    func shutdown() async { await inner.shutdown() }
}

/// Answers every round trip with fixed bytes and records the scripts, for parsers fed by
/// a node that lies.
final class ScriptedTransport: NodeTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var scripts: [String] = []
    let answer: @Sendable (_ script: String) -> RemoteResult

    init(answer: @escaping @Sendable (_ script: String) -> RemoteResult) {
        self.answer = answer
    }

    var executed: [String] { lock.withLock { scripts } }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        lock.withLock { scripts.append(script) }
        return answer(script)
    }

    func shutdown() async {}
}
