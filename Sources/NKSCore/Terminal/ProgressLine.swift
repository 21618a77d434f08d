// A single self-rewriting status line on stderr (`[ 37/200] 2 failed`) while nodes answer;
// shown only on a terminal, never with --no-progress or TERM=dumb, and cleared at the end so
// the summary on stdout starts on a clean screen.
import Foundation

public final class ProgressLine: @unchecked Sendable {
    private let write: @Sendable (String) -> Void
    private let colour: Bool
    private let lock = NSLock()
    private var shown = false

    /// nil when progress must not be shown.
    public static func forStandardError(noProgress: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressLine? {
        guard isEnabled(isTerminal: isatty(STDERR_FILENO) == 1, noProgress: noProgress, environment: environment) else { return nil }
        return ProgressLine(colour: environment["NO_COLOR"].map(\.isEmpty) ?? true) { text in
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    public static func isEnabled(isTerminal: Bool, noProgress: Bool, environment: [String: String]) -> Bool {
        isTerminal && !noProgress && environment["TERM"] != "dumb"
    }

    public init(colour: Bool, write: @escaping @Sendable (String) -> Void) {
        self.colour = colour
        self.write = write
    }

    public func update(done: Int, total: Int, failed: Int) {
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(done).count)) + String(done)
        var text = "\r[\(count)/\(total)]"
        if failed > 0 {
            let failures = "\(failed) failed"
            text += " " + (colour ? "\u{1B}[31m" + failures + "\u{1B}[0m" : failures)
        }
        lock.withLock { shown = true }
        write(text + "\u{1B}[K")
    }

    public func finish() {
        let wasShown = lock.withLock { defer { shown = false }; return shown }
        if wasShown { write("\r\u{1B}[K") }
    }
}
