// Runs one async operation on many nodes at once: at most `concurrency` in flight, each
// bounded by its own timeout (its task is cancelled, which kills its ssh/kubectl child), and
// every result streamed as soon as it is known so a progress line can follow.
import Foundation

/// How one node's operation ended.
public enum NodeOutcome<Value: Sendable>: Sendable {
    case ok(Value)
    case failed(reason: String)
    case unreachable(reason: String)
    case timedOut(after: Duration)

    public var isOK: Bool {
        if case .ok = self { return true }
        return false
    }
}

public struct NodeResult<Value: Sendable>: Sendable {
    public var node: NodeTarget
    public var outcome: NodeOutcome<Value>
}

public struct FanOut: Sendable {
    public var concurrency: Int
    public var nodeTimeout: Duration

    public init(concurrency: Int = 32, nodeTimeout: Duration = .seconds(30)) {
        self.concurrency = max(1, concurrency)
        self.nodeTimeout = nodeTimeout
    }

    /// Results arrive in completion order; dropping the stream cancels the remaining work.
    /// Only `concurrency` tasks exist at a time, so 1,000 nodes cost no more than 32.
    public func run<Value: Sendable>(
        over nodes: [NodeTarget],
        _ operation: @escaping @Sendable (NodeTarget) async throws -> Value
    ) -> AsyncStream<NodeResult<Value>> {
        let (stream, continuation) = AsyncStream.makeStream(of: NodeResult<Value>.self)
        let concurrency = self.concurrency
        let timeout = self.nodeTimeout
        let work = Task {
            await withTaskGroup(of: NodeResult<Value>.self) { group in
                var pending = nodes[...]
                func startNext() {
                    guard let node = pending.popFirst() else { return }
                    group.addTask { NodeResult(node: node, outcome: await Self.outcome(of: operation, on: node, timeout: timeout)) }
                }
                for _ in 0..<concurrency { startNext() }
                while let result = await group.next() {
                    continuation.yield(result)
                    if Task.isCancelled { break }
                    startNext()
                }
                group.cancelAll()
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in work.cancel() }
        return stream
    }

    /// Collects every result; for callers that want the whole picture at once.
    public func collect<Value: Sendable>(
        over nodes: [NodeTarget],
        _ operation: @escaping @Sendable (NodeTarget) async throws -> Value
    ) async -> [NodeResult<Value>] {
        var results: [NodeResult<Value>] = []
        for await result in run(over: nodes, operation) { results.append(result) }
        return results
    }

    static func outcome<Value: Sendable>(
        of operation: @escaping @Sendable (NodeTarget) async throws -> Value, on node: NodeTarget, timeout: Duration
    ) async -> NodeOutcome<Value> {
        await withTaskGroup(of: NodeOutcome<Value>?.self) { group in
            group.addTask {
                do {
                    return .ok(try await operation(node))
                } catch let error as NodeAccessError {
                    if case .timedOut(_, let after) = error { return .timedOut(after: after) }
                    return error.isUnreachable ? .unreachable(reason: error.description) : .failed(reason: error.description)
                } catch is CancellationError {
                    return nil
                } catch {
                    return .failed(reason: "\(node.name): \(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .timedOut(after: timeout)
            }
            // The first answer wins; cancelling the loser kills a still-running child process.
            var outcome: NodeOutcome<Value> = .timedOut(after: timeout)
            while let next = await group.next() {
                if let next {
                    outcome = next
                    break
                }
            }
            group.cancelAll()
            return outcome
        }
    }
}
