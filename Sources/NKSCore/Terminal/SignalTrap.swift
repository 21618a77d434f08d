// Turns SIGINT/SIGTERM into a callback instead of an abrupt exit, so a long-running command
// can finish the node in progress, release its locks and say what it did.
import Dispatch
import Foundation

public final class SignalTrap: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]

    public init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        self.signals = signals
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            sources.append(source)
        }
    }

    public func remove() {
        sources.forEach { $0.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
