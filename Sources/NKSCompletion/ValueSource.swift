// Where the values of an option or argument come from. The command tree says which
// arguments exist and which take a value; this says what such a value is.
import NKSCore

public enum ValueSource: Sendable, Hashable {
    /// Names of the cluster's nodes.
    case nodes
    /// Several node names in one value, separated by commas (`--nodes a,b`).
    case nodeList
    /// Pods of the namespace given so far (-n), else the context's.
    case pods
    case namespaces
    case jobs
    case cronJobs
    /// From the kubeconfig.
    case contexts
    case clusters
    case users
    /// A label selector over nodes or pods: label keys, then their values.
    case labels(of: LabelledObjects)
    /// From the nks-sync store (--repo, else NKS_REPO, else the default store).
    case nodeGroups
    case managedPaths
    case revisions
    case snapshots
    /// The presets `nks-sync init` knows.
    case presets
    /// Local paths: the shell completes them.
    case files
    case directories
    /// A fixed set the option's own type defines, for options parsed from a string later
    /// (so that an environment variable can stand in for them).
    case choices([String])
    /// A value only the user knows (a duration, a user name, an image).
    case freeText

    public enum LabelledObjects: Sendable, Hashable { case nodes, pods }
}

/// What each value-taking argument of a plugin is, keyed by `ArgumentNode.key`: the long
/// name of an option, the value name of a positional argument. Arguments with a fixed set
/// of values (enums) need no entry: the command tree lists their values.
public struct ValueCatalog: Sendable {
    public var sources: [String: ValueSource]

    public init(_ sources: [String: ValueSource]) {
        self.sources = sources
    }

    public func source(for argument: ArgumentNode) -> ValueSource? {
        sources[argument.key]
    }

    public func merging(_ other: [String: ValueSource]) -> ValueCatalog {
        ValueCatalog(sources.merging(other) { _, new in new })
    }

    /// kubectl's connection flags, the output flags and the node-access flags every plugin shares.
    public static let shared = ValueCatalog([
        "kubeconfig": .files,
        "context": .contexts,
        "cluster": .clusters,
        "user": .users,
        "namespace": .namespaces,
        "as": .freeText,
        "as-group": .freeText,
        "request-timeout": .freeText,
        "node-access": .choices(NodeAccessMethod.allCases.map(\.rawValue)),
        "ssh-user": .freeText,
        "ssh-identity": .files,
        "ssh-port": .freeText,
        "ssh-config": .files,
        "ssh-jump": .freeText,
        "ssh-known-hosts": .files,
        "debug-image": .freeText,
        "parallel": .freeText,
        "node-timeout": .freeText,
        "ssh-persist": .freeText,
    ])

    public static let sync = shared.merging([
        "nodes": .nodes,
        "node": .nodes,
        "paths": .managedPaths,
        "selector": .labels(of: .nodes),
        "group": .nodeGroups,
        "repo": .directories,
        "revision": .revisions,
        "since": .snapshots,
        "preset": .presets,
        "max-count": .freeText,
        "batches": .freeText,
        "max-unavailable": .freeText,
        "max-failures": .freeText,
        "pause": .freeText,
        "wait-timeout": .freeText,
        "interval": .freeText,
        "recheck": .freeText,
        "bundle-namespace": .namespaces,
    ])

    public static let repull = shared.merging([
        "pods": .pods,
        "selector": .labels(of: .pods),
        "image": .freeText,
        "nodes": .nodeList,
        "mirror": .freeText,
        "mirror-registries": .freeText,
        "repo": .directories,
    ])

    public static let whyNoLogs = shared.merging([
        "pod": .pods,
        "container": .freeText,
        "selector": .labels(of: .pods),
        "job": .jobs,
        "cronjob": .cronJobs,
    ])
}
