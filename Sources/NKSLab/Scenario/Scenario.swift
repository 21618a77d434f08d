// The lab's scenario file format: what a simulated cluster looks like, as YAML data that
// tests and demos share (see scenarios/*.yaml).

/// A whole scenario file, as decoded from YAML.
public struct Scenario: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Node count used when the caller does not choose one.
    public var nodeCount: Int?
    /// Node names; `{index}` becomes the 1-based node number.
    public var nodeNames: String?
    /// Applied to every node first.
    public var defaults: NodeSpec?
    /// Node groups give labels to the nodes they select, like a managed node pool.
    public var nodeGroups: [NodeGroup]?
    /// Applied in order after the defaults and groups, to the nodes each one selects.
    public var overrides: [NodeOverride]?
    /// Kubernetes objects (pods, events, jobs, …) put into the fake API server as they are.
    public var objects: [ScenarioValue]?
    /// Answers for `kubectl logs`.
    public var podLogs: [PodLogSpec]?

    public init(name: String) { self.name = name }
}

/// Settings of one node; every field is optional so defaults, groups and overrides merge.
public struct NodeSpec: Codable, Sendable, Equatable {
    public var state: NodeState?
    public var labels: [String: String]?
    /// Node conditions by type, e.g. `DiskPressure: "True"`; Ready is "True" unless given.
    public var conditions: [String: String]?
    public var kubeletVersion: String?
    public var containerRuntimeVersion: String?
    public var osImage: String?
    public var kernelVersion: String?
    /// Files by absolute path; only /etc/…, /var/lib/… and /var/log/… are per node.
    public var files: [String: FileSpec]?
    /// Paths that must not exist on the node (e.g. a file the defaults provide).
    public var removeFiles: [String]?
    /// The running kernel's boot arguments (/proc/cmdline).
    public var cmdline: String?
    /// Keys that the node's `/configz` answers differently from its kubelet config file,
    /// as a kubelet that has not been restarted since an edit does.
    public var configzOverrides: [String: ScenarioValue]?
    /// Answers for node proxy paths such as `logs/`, by path.
    public var proxy: [String: ProxySpec]?
    /// Image references the node's container runtime holds (`crictl images`).
    public var images: [String]?
    /// Image references whose pull fails on this node.
    public var failingPulls: [String]?
    /// Journal lines by unit (`journalctl -u kubelet`).
    public var journal: [String: String]?
    /// Text `crictl ps -a` prints.
    public var containers: String?
    /// `crictl inspect ID` answers, by container id.
    public var inspect: [String: String]?

    public init() {}
}

/// How a node behaves to the tools that reach it.
public enum NodeState: String, Codable, Sendable, Equatable, CaseIterable {
    case ready
    /// Listed in the API, but nothing listens on its address.
    case unreachable
    /// Its host key changed after the lab pinned it in known_hosts.
    case hostKeyChanged = "host-key-changed"
    /// Its sshd runs without CAP_DAC_OVERRIDE, so root cannot read mode-000 files.
    case unreadable
}

public struct FileSpec: Codable, Sendable, Equatable {
    public var content: String
    /// Octal, e.g. "0644"; "0000" together with state `unreadable` makes the file unreadable.
    public var mode: String?

    public init(content: String, mode: String? = nil) {
        self.content = content
        self.mode = mode
    }
}

public struct NodeGroup: Codable, Sendable, Equatable {
    public var name: String
    public var nodes: NodeSelector
    public var labels: [String: String]?
}

public struct NodeOverride: Codable, Sendable, Equatable {
    public var nodes: NodeSelector
    /// Why this override exists (for people reading the scenario).
    public var note: String?
    public var spec: NodeSpec
}

/// The answer a node proxy path gives.
public struct ProxySpec: Codable, Sendable, Equatable {
    public var json: ScenarioValue?
    public var text: String?
    public var contentType: String?
    public var status: Int?
    public var message: String?
    public var directoryListing: Bool?
}

/// One `kubectl logs` answer.
public struct PodLogSpec: Codable, Sendable, Equatable {
    public var namespace: String
    public var pod: String
    public var container: String?
    public var previous: Bool?
    public var text: String?
    /// A failed read, as the kubelet reports it through the API server.
    public var status: LogStatusSpec?
    /// A body that reads as an error but comes with HTTP 200.
    public var bodyWithSuccess: String?
}

public struct LogStatusSpec: Codable, Sendable, Equatable {
    public var code: Int
    public var reason: String
    public var message: String
}
