// Decides whether output may be coloured or show progress: only on a terminal, never
// with NO_COLOR set (https://no-color.org) or TERM=dumb.
import Foundation

public struct Terminal: Sendable {
    public var standardOutputIsTTY: Bool
    public var standardErrorIsTTY: Bool
    public var environment: [String: String]

    public init(
        standardOutputIsTTY: Bool = isatty(STDOUT_FILENO) == 1,
        standardErrorIsTTY: Bool = isatty(STDERR_FILENO) == 1,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.standardOutputIsTTY = standardOutputIsTTY
        self.standardErrorIsTTY = standardErrorIsTTY
        self.environment = environment
    }

    private var coloursForbidden: Bool {
        environment["NO_COLOR"].map { !$0.isEmpty } == true || environment["TERM"] == "dumb"
    }

    public var colourOnStandardOutput: Bool { standardOutputIsTTY && !coloursForbidden }
    public var colourOnStandardError: Bool { standardErrorIsTTY && !coloursForbidden }
    /// Progress lines rewrite themselves with `\r`; in a log file that is noise.
    public var showsProgress: Bool { standardErrorIsTTY && environment["TERM"] != "dumb" }
}
