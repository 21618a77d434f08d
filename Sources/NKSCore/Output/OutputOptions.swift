// The -o/--output and --no-headers flags every plugin shares, named as kubectl names them.
import ArgumentParser

/// How results are printed on stdout.
public enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    case table
    case wide
    case json
    case yaml
    /// One name per line, for pipes (`xargs`, `while read`).
    case name

    public var isStructured: Bool { self == .json || self == .yaml }
}

public struct OutputOptions: ParsableArguments, Sendable {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "Output format: table, wide, json, yaml or name. json and yaml have stable field names."
    )
    public var format: OutputFormat = .table

    @Flag(name: .customLong("no-headers"), help: "Print tables without their header line.")
    public var noHeaders = false

    public init() {}

    public func validate() throws {
        if noHeaders && format.isStructured {
            throw ValidationError("--no-headers applies to table output; drop it or use -o table|wide")
        }
    }
}
