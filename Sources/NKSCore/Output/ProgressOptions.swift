// --no-progress: silences the progress line a fan-out draws on a terminal's stderr.
import ArgumentParser

public struct ProgressOptions: ParsableArguments, Sendable {
    @Flag(name: .customLong("no-progress"), help: "Do not draw the progress line on stderr.")
    public var noProgress = false

    public init() {}
}
