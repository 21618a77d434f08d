// Why an image pull failed, with stable ids (used in -o json and by scripts).
public enum PullCause: String, Sendable, Hashable, CaseIterable, Codable {
    case rateLimited = "rate-limited"
    case imageNotFound = "image-not-found"
    case authRequired = "auth-required"
    case registryUnreachable = "registry-unreachable"
    case registryDeprecated = "registry-deprecated"
    case pullProgressTimeout = "pull-progress-timeout"
    case tlsUntrusted = "tls-untrusted"
    case platformMismatch = "platform-mismatch"
    case diskFull = "disk-full"
    case unknown

    /// Causes a pull from an internal mirror repairs.
    public var mirrorRepairs: Bool { self == .rateLimited || self == .registryUnreachable }
}
