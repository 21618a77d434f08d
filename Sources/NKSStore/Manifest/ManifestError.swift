// A mistake in nks-sync.yaml, located by file and line so the operator can fix it at once.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; nil when the mistake is about the file as a whole.
    public var line: Int?
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
    }
}

/// Several mistakes at once: all of them are reported, so one edit fixes the file.
public struct ManifestErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ManifestError]

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
