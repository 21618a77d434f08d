// Turns SIGINT/SIGTERM into a callback instead of an abrupt exit, so a long-running command
// can finish the node in progress, release its locks and say what it did.
import Dispatch
import Foundation
import Synchronization

public final class SignalTrap: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let signals: [Int32]

    /// How many traps are installed. While any is, programs are started in a process group
    /// of their own: a terminal's Ctrl-C goes to the whole foreground group, and would
    /// otherwise kill an ssh in the middle of a node's push before the command could decide
    /// to let it finish. The command stops its children itself, through task cancellation.
    private static let installed = Atomic<Int>(0)

    /// True while a command handles SIGINT/SIGTERM itself.
    public static var isInstalled: Bool { installed.load(ordering: .acquiring) > 0 }

    public init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        Self.installed.add(1, ordering: .acquiringAndReleasing)
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    public func remove() {
        sources.forEach { $0.cancel() }
        for number in signals { signal(number, SIG_DFL) }
        Self.installed.subtract(1, ordering: .acquiringAndReleasing)
    }

    /// "SIGINT", "SIGTERM": how the summary names what stopped a command.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }
}
