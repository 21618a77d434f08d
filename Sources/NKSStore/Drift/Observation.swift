// What one read of a node found: the managed files and the live facts (boot arguments,
// the kubelet's running configuration, the revision last pushed). Transport-neutral, so
// drift is computed the same whichever way the node was reached.
import Foundation

public struct ObservedFile: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case present, missing, unreadable
        case notRegular = "not-a-regular-file"
        case tooLarge = "too-large"
    }

    public var state: State
    public var content: Data?
    /// Octal, four digits ("0644").
    public var mode: String?
    public var owner: String?
    public var group: String?

    public init(state: State, content: Data? = nil, mode: String? = nil, owner: String? = nil, group: String? = nil) {
        self.state = state
        self.content = content
        self.mode = mode
        self.owner = owner
        self.group = group
    }

    var text: String? { content.map { String(decoding: $0, as: UTF8.self) } }
}

public struct NodeObservation: Sendable, Hashable {
    public var files: [String: ObservedFile]
    /// /proc/cmdline: what the running kernel booted with.
    public var cmdline: String?
    /// The kubelet's running configuration from configz (`kubeletconfig`), when readable.
    public var kubeletConfig: ConfigValue?
    /// The store revision last pushed to this node (its marker file).
    public var appliedRevision: String?
    /// kubelet.service and its drop-ins (`systemctl cat kubelet.service`), where env-flags
    /// are managed and the node could show them: which file really gives a variable its value.
    public var kubeletUnit: ServiceUnitListing?

    public init(files: [String: ObservedFile] = [:], cmdline: String? = nil, kubeletConfig: ConfigValue? = nil, appliedRevision: String? = nil, kubeletUnit: ServiceUnitListing? = nil) {
        self.files = files
        self.cmdline = cmdline
        self.kubeletConfig = kubeletConfig
        self.appliedRevision = appliedRevision
        self.kubeletUnit = kubeletUnit
    }
}

/// Where nks-sync keeps its state on a node; never inside a directory a daemon includes.
public enum NodeStatePaths {
    public static let directory = "/var/lib/nks-sync"
    public static let appliedRevision = "/var/lib/nks-sync/applied-revision"
    /// Present from just before a file with activation commands is renamed into place
    /// until they have run: a push interrupted in between leaves it, and the next push
    /// runs the activation although the file already matches.
    public static let pendingActivation = "/var/lib/nks-sync/pending-activation"
}
