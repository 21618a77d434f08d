// The state of one managed entry on one node, as `status` reports it.
public enum EntryState: String, Sendable, Hashable, Codable, CaseIterable {
    case inSync = "in-sync"
    case drifted
    case missing
    case unreadable
    case pendingRestart = "pending-restart"
    case pendingReboot = "pending-reboot"
    case notApplicable = "not-applicable"
    case unreachable

    /// States that make `status` and `diff` exit 1: the node differs from the store in a
    /// way a push (or the pending restart/reboot) would change.
    public var isDrift: Bool {
        switch self {
        case .drifted, .missing, .pendingRestart, .pendingReboot: return true
        case .inSync, .notApplicable, .unreadable, .unreachable: return false
        }
    }
}

public struct EntryStatus: Sendable, Hashable {
    public var path: String
    public var kind: String
    public var state: EntryState
    /// One line for the table: what differs, why it does not apply, what to do.
    public var detail: String
    /// The content the node's file should have (rendered for this node), for diff and push.
    public var desired: String?
    /// The content the node's file has now.
    public var actual: String?
    /// The node's file as read (mode, owner), which a push of a partial kind keeps.
    public var observed: ObservedFile?

    public init(path: String, kind: String, state: EntryState, detail: String, desired: String? = nil, actual: String? = nil) {
        self.path = path
        self.kind = kind
        self.state = state
        self.detail = detail
        self.desired = desired
        self.actual = actual
    }
}
