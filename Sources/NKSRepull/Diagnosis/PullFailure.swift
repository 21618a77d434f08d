// One container that cannot start because its image does not arrive, with the texts the
// diagnosis was read from.
import NKSCore

public struct PullFailure: Sendable, Hashable {
    public var namespace: String
    public var pod: String
    public var container: String
    public var isInitContainer: Bool
    /// As the pod spec writes it.
    public var image: String
    public var node: String?
    /// The waiting reason: ErrImagePull, ImagePullBackOff, ImageInspectError, ErrImageNeverPull
    /// (nil when only events tell of the failure).
    public var waitingReason: String?
    public var cause: PullCause
    /// The text the cause was read from (the most informative of status and events).
    public var message: String
    /// Every distinct text seen, status first, then events newest first.
    public var evidence: [String]
}
