// What SIGINT and SIGTERM mean to a push. Before the rollout nothing has changed, so the
// push is abandoned at once. During the rollout the first signal starts no further node and
// lets those in progress finish: a file is written whole or not at all, but a node stopped
// between its write and its kubelet restart is worse off than one finished. A second signal
// interrupts the nodes in progress too; each is reported with what it had done.
import ArgumentParser
import Foundation
import NKSCore
import Synchronization

final class PushInterruption: Sendable {
    enum Phase: Sendable {
        case preparing(Task<ExitCode, any Error>?)
        case rollingOut(Task<RolloutResult, Never>)
        case recording
    }

    private struct State {
        var phase = Phase.preparing(nil)
        var signal: Int32?
        var count = 0
    }

    private let state = Mutex(State())
    let stop = RolloutStop()
    /// Where the interruption is told to the operator (stderr).
    private let tell: @Sendable (String) -> Void

    init(tell: @escaping @Sendable (String) -> Void) {
        self.tell = tell
    }

    /// The first signal received, if any.
    var signal: Int32? { state.withLock { $0.signal } }

    /// The signal that stopped the push before its rollout began, when one did.
    var signalBeforeRollout: Int32? {
        state.withLock { state in
            if case .preparing = state.phase { return state.signal }
            return nil
        }
    }

    /// Called from the signal handler.
    func received(_ signal: Int32) {
        let name = SignalTrap.name(of: signal)
        let (phase, count) = state.withLock { state -> (Phase, Int) in
            if state.signal == nil { state.signal = signal }
            state.count += 1
            return (state.phase, state.count)
        }
        switch phase {
        case .preparing(let work):
            work?.cancel()
            if count == 1 { tell("\(name): stopping; no node has been changed") }
        case .rollingOut where count == 1:
            stop.request("interrupted by \(name)")
            tell("\(name): starting no further node; the nodes in progress are finishing (send \(name) again to interrupt them too)")
        case .rollingOut(let rollout):
            rollout.cancel()
            if count == 2 { tell("\(name) again: interrupting the nodes in progress; each is reported with what it had done") }
        case .recording:
            if count == 1 { tell("\(name): the rollout has ended; recording it first") }
        }
    }

    /// The task preparing the push (reading nodes, planning, asking); cancelled by a signal.
    func preparing(_ work: Task<ExitCode, any Error>) {
        let signalled = state.withLock { state -> Bool in
            state.phase = .preparing(work)
            return state.signal != nil
        }
        if signalled { work.cancel() }
    }

    /// Starts the rollout unless a signal came first (then nil: nothing was changed).
    func rollOut(_ body: @escaping @Sendable () async -> RolloutResult) -> Task<RolloutResult, Never>? {
        state.withLock { state in
            guard state.signal == nil else { return nil }
            let task = Task { await body() }
            state.phase = .rollingOut(task)
            return task
        }
    }

    /// After the rollout: the record and the summary are written whatever comes next.
    func recording() {
        state.withLock { $0.phase = .recording }
    }
}
