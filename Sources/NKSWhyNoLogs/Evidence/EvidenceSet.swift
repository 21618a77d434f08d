// Everything gathered about one pod's missing logs: the reproduced read, the objects (or
// their absence), events, the kubelet's log, the runtime's view and the kubelet config.
import Foundation
import NKSCore

/// Which pod and container the question is about.
public struct LogTarget: Sendable, Hashable {
    public var namespace: String
    public var pod: String
    public var container: String?
    public var previous: Bool

    public init(namespace: String, pod: String, container: String? = nil, previous: Bool = false) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.previous = previous
    }
}

/// Where the kubelet's log came from, or why it could not be read.
public enum KubeletLogSource: Sendable, Hashable {
    case nodeLogQuery
    case journal
    /// Neither worked; the reason in one line.
    case unavailable(String)

    public var label: String {
        switch self {
        case .nodeLogQuery: return "kubelet log (node log query)"
        case .journal: return "kubelet log (journalctl)"
        case .unavailable: return "kubelet log"
        }
    }
}

public struct EvidenceSet: Sendable {
    public var target: LogTarget
    /// When the evidence was gathered (the moment logs were requested).
    public var now: Date
    public var read: LogRead?
    public var pod: Pod?
    public var job: Job?
    /// The owner Job was named by the pod but no longer exists.
    public var jobMissing = false
    public var cronJob: CronJob?
    public var nodeName: String?
    public var node: Node?
    /// The pod names a node the API no longer has.
    public var nodeMissing = false
    public var podEvents: [Event] = []
    public var nodeEvents: [Event] = []
    public var kubeletLines: [KubeletLogLine] = []
    public var kubeletLogSource: KubeletLogSource = .unavailable("not asked")
    /// `crictl inspect` of the container: nil when not asked, else whether the runtime has it.
    public var runtimeHasContainer: Bool?
    public var runtimeText: String?
    public var kubeletConfig: KubeletConfigSummary?
    public var kubeletConfigSource = KubeletConfigSummary.configzSource
    /// The container's log directory on its node; nil when not found or not read.
    public var logFiles: ContainerLogFiles?
    /// How many lines the reproduced read asked for (`--tail`).
    public var tailLines: Int?
    /// What could not be gathered, one line each (shown in the report).
    public var notes: [String] = []

    public init(target: LogTarget, now: Date) {
        self.target = target
        self.now = now
    }
}

extension EvidenceSet {
    /// The status of the container in question: the one named, else the pod's only or first one.
    public var containerStatus: ContainerStatus? {
        guard let pod else { return nil }
        if let name = target.container { return pod.containerStatus(named: name) }
        return pod.status?.containerStatuses?.first
    }

    /// The container instance the read is about: the last one with --previous, else the current.
    public var terminated: ContainerState.Terminated? {
        guard let status = containerStatus else { return nil }
        return target.previous ? status.lastState?.terminated : (status.state?.terminated ?? status.lastState?.terminated)
    }

    public var containerID: String? {
        if case .unableToRetrieve(let id)? = read?.outcome { return id }
        if target.previous { return containerStatus?.lastState?.terminated?.containerID }
        return containerStatus?.containerID ?? terminated?.containerID
    }

    public var finishedAt: Date? { terminated?.finishedAt }

    public var allEvents: [Event] { podEvents + nodeEvents }
}

/// The kubelet settings from `/configz` that decide how long containers and their logs stay.
public struct KubeletConfigSummary: Sendable, Hashable, Codable {
    public var evictionHard: [String: String]?
    public var imageGCHighThresholdPercent: Int?
    public var imageGCLowThresholdPercent: Int?
    public var containerLogMaxSize: String?
    public var containerLogMaxFiles: Int?

    /// `/configz` answers `{"kubeletconfig": {...}}`.
    public static func parse(_ data: Data) -> KubeletConfigSummary? {
        struct Envelope: Decodable { var kubeletconfig: KubeletConfigSummary }
        return try? JSONDecoder().decode(Envelope.self, from: data).kubeletconfig
    }

    /// The kubelet's config file (kubeadm's and most node images' --config path), read on the
    /// node when configz cannot be asked.
    public static let configFile = "/var/lib/kubelet/config.yaml"
    public static let configzSource = "kubelet configz"
    public static let configFileSource = "kubelet config file \(configFile) (node transport)"

    public var summary: String {
        var parts: [String] = []
        if let evictionHard { parts.append("evictionHard " + evictionHard.sorted { $0.key < $1.key }.map { "\($0.key)<\($0.value)" }.joined(separator: ",")) }
        if let imageGCHighThresholdPercent { parts.append("imageGCHighThresholdPercent=\(imageGCHighThresholdPercent)") }
        if let imageGCLowThresholdPercent { parts.append("imageGCLowThresholdPercent=\(imageGCLowThresholdPercent)") }
        if let containerLogMaxSize { parts.append("containerLogMaxSize=\(containerLogMaxSize)") }
        if let containerLogMaxFiles { parts.append("containerLogMaxFiles=\(containerLogMaxFiles)") }
        return parts.joined(separator: " ")
    }
}
