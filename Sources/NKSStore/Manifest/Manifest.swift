// The store's manifest (nks-sync.yaml): node groups, default node access, and the managed
// entries with their kinds, conditions and disruption.
public struct Manifest: Sendable, Hashable {
    public var access: AccessDefaults
    /// Group name → Kubernetes label selector.
    public var groups: [NodeGroup]
    public var entries: [ManagedEntry]
    /// What nks-repull may do (RepullSection.swift).
    public var repull = RepullSection()

    public init(access: AccessDefaults = AccessDefaults(), groups: [NodeGroup] = [], entries: [ManagedEntry] = []) {
        self.access = access
        self.groups = groups
        self.entries = entries
    }

    /// The groups a node with these labels belongs to, in manifest order.
    public func groups(forLabels labels: [String: String]) -> [String] {
        groups.filter { $0.selector.matches(labels) }.map(\.name)
    }
}

public struct NodeGroup: Sendable, Hashable {
    public var name: String
    public var selector: LabelSelector
}

/// Node-access defaults kept with the store; flags and NKS_* variables win over them.
public struct AccessDefaults: Sendable, Hashable {
    public var transport: String?
    public var user: String?
    public var identity: String?
    public var port: Int?
    public var jump: String?
    public var sudo: Bool?
    public var addressType: String?

    public init() {}
}

/// How much a change to an entry disturbs the node, as OpenShift's NodeDisruptionPolicy
/// names it; a push never causes more than the entries it changes declare.
public enum Disruption: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case none
    case reload
    case restartKubelet = "restart-kubelet"
    case reboot

    public static func < (lhs: Disruption, rhs: Disruption) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public struct ManagedEntry: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Whole file from `files/<path>` in the store.
        case file(owner: String, group: String, mode: String, allowSecrets: Bool)
        case kernelArgs(KernelArgumentsSpec)
        case keys(ConfigKeysSpec, format: ConfigFormat)
        case envFlags(EnvironmentFlagsSpec)

        public var name: String {
            switch self {
            case .file: return "file"
            case .kernelArgs: return "kernel-args"
            case .keys: return "keys"
            case .envFlags: return "env-flags"
            }
        }

        var defaultDisruption: Disruption {
            switch self {
            case .file: return .none
            case .kernelArgs: return .reboot
            case .keys, .envFlags: return .restartKubelet
            }
        }
    }

    public var path: String
    public var kind: Kind
    /// Groups the entry applies to; empty means every node.
    public var groups: [String]
    public var conditions: NodeConditions
    /// A command run against the temp file before it replaces the real one; `{}` is the
    /// temp file's path (e.g. `logrotate -d {}`).
    public var validate: String?
    /// Commands run after writing (e.g. `grub2-mkconfig -o /boot/grub2/grub.cfg`).
    public var activate: [String]
    public var disruption: Disruption
    /// The manifest line that declared the entry, for messages.
    public var line: Int?
}
