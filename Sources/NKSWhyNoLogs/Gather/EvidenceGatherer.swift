// Gathers the evidence for one pod: reproduces the log read, then asks — concurrently and
// narrowly, with field selectors — for the pod, its events, its Job/CronJob and its node's
// facts. Works when the pod is gone, from its owner and events.
import Foundation
import NKSCore

public struct EvidenceGatherer: Sendable {
    public var api: any KubernetesAPI
    public var shell: (any NodeShell)?
    public var now: @Sendable () -> Date
    /// Lines of the reproduced read: enough to tell a log from a one-line kubelet error.
    public var tailLines = 10

    public init(api: any KubernetesAPI, shell: (any NodeShell)?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.api = api
        self.shell = shell
        self.now = now
    }

    /// Explains several pods: pod-level facts per pod, then each node's facts once, with
    /// the earliest window and every container id of its pods.
    public func gather(_ targets: [LogTarget], owner: OwnerHint? = nil, parallel: Int = 8) async throws -> [EvidenceSet] {
        var partial = try await Self.bounded(targets, width: parallel) { try await self.gatherPod($0, owner: owner) }
        var byNode: [String: (since: Date, ids: Set<String>, logDirectories: Set<LogDirectoryProbe>)] = [:]
        for e in partial {
            guard let node = e.nodeName else { continue }
            let window = Self.window(e)
            var entry = byNode[node] ?? (window, [], [])
            entry.since = min(entry.since, window)
            if let id = e.containerID { entry.ids.insert(KubeletLogLine.trimmedID(id)) }
            if let probe = Self.logDirectoryProbe(e) { entry.logDirectories.insert(probe) }
            byNode[node] = entry
        }
        let api = self.api, shell = self.shell, now = partial.first?.now ?? self.now()
        let nodes = Array(byNode)
        let facts = try await Self.bounded(nodes, width: parallel) { node in
            let probes = node.value.logDirectories.sorted { $0.containerID < $1.containerID }
            return (node.key, await NodeFactsReader.read(name: node.key, since: node.value.since, now: now, containerIDs: node.value.ids.sorted(),
                                                         logDirectories: probes, api: api, shell: shell))
        }
        let factsByNode = Dictionary(uniqueKeysWithValues: facts)
        for index in partial.indices {
            if let node = partial[index].nodeName, let f = factsByNode[node] { Self.attach(f, to: &partial[index]) }
            if partial[index].podEvents.isEmpty && partial[index].nodeEvents.isEmpty {
                partial[index].notes.append("no events for the pod or its node: events expire after an hour by default")
            }
        }
        return partial
    }

    public func gather(_ target: LogTarget, owner: OwnerHint? = nil) async throws -> EvidenceSet {
        try await gather([target], owner: owner)[0]
    }

    /// From the container's end (or the pod's start), with two minutes' slack for clock skew.
    static func window(_ e: EvidenceSet) -> Date {
        (e.finishedAt ?? e.pod?.status?.startTime ?? e.now.addingTimeInterval(-6 * 3600)).addingTimeInterval(-120)
    }

    static func attach(_ facts: NodeFacts, to e: inout EvidenceSet) {
        e.node = facts.node
        e.nodeMissing = facts.missing
        e.nodeEvents = facts.events
        e.kubeletLines = facts.kubeletLines
        e.kubeletLogSource = facts.kubeletLogSource
        e.kubeletConfig = facts.kubeletConfig
        e.kubeletConfigSource = facts.kubeletConfigSource
        e.notes += facts.notes
        if let id = e.containerID.map(KubeletLogLine.trimmedID) {
            if let runtime = facts.runtime[id] {
                e.runtimeHasContainer = runtime.found
                e.runtimeText = runtime.text
            }
            e.logFiles = facts.logFiles[id]
        }
    }

    /// The container's log directory to list: only for a container the runtime created, whose
    /// read came back empty, short or without its file (otherwise the logs are there).
    static func logDirectoryProbe(_ e: EvidenceSet) -> LogDirectoryProbe? {
        guard let id = e.containerID.map(KubeletLogLine.trimmedID), let container = e.containerStatus?.name ?? e.target.container else { return nil }
        switch e.read?.outcome {
        case .empty?, .logFileMissing?: break
        case .readable(let lines)? where lines < (e.tailLines ?? 0): break
        default: return nil
        }
        return LogDirectoryProbe(containerID: id, namespace: e.target.namespace, pod: e.target.pod, podUID: e.pod?.metadata.uid, container: container)
    }

    /// The pod-level evidence: the reproduced read, the pod, its events and its owners.
    func gatherPod(_ target: LogTarget, owner: OwnerHint?) async throws -> EvidenceSet {
        var e = EvidenceSet(target: target, now: now())
        let api = self.api, tail = tailLines
        e.tailLines = tail
        async let logs = api.logs(pod: target.pod, namespace: target.namespace, container: target.container, previous: target.previous, tailLines: tail)
        async let podResult = Self.optional { try await api.get(Pod.self, name: target.pod, namespace: target.namespace) }
        async let podEvents = Self.optional {
            try await api.list(Event.self, namespace: .named(target.namespace), labelSelector: nil, fieldSelector: "involvedObject.kind=Pod,involvedObject.name=\(target.pod)")
        }
        e.read = LogRead(try await logs)
        e.pod = try await podResult
        e.podEvents = (try await podEvents) ?? []

        // The owner: from the pod, else what the caller named.
        if let name = e.pod?.metadata.controller.flatMap({ $0.kind == "Job" ? $0.name : nil }) ?? owner?.job {
            e.job = try await Self.optional { try await api.get(Job.self, name: name, namespace: target.namespace) }
            e.jobMissing = e.job == nil
        }
        if let name = e.job?.metadata.controller.flatMap({ $0.kind == "CronJob" ? $0.name : nil }) ?? owner?.cronJob {
            e.cronJob = try await Self.optional { try await api.get(CronJob.self, name: name, namespace: target.namespace) }
        }
        e.nodeName = e.pod?.spec?.nodeName ?? Self.nodeFromEvents(e.podEvents)
        if e.nodeName == nil {
            e.notes.append("the node that ran the pod is unknown (no pod object and no scheduling event)")
        }
        return e
    }

    /// Runs `body` over `items`, at most `width` at a time, keeping the input order.
    static func bounded<Item: Sendable, Output: Sendable>(_ items: [Item], width: Int, _ body: @escaping @Sendable (Item) async throws -> Output) async throws -> [Output] {
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            while next < min(width, items.count) {
                let index = next, item = items[index]
                group.addTask { (index, try await body(item)) }
                next += 1
            }
            while let (index, output) = try await group.next() {
                results[index] = output
                if next < items.count {
                    let i = next, item = items[i]
                    group.addTask { (i, try await body(item)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }

    /// "Successfully assigned ns/pod to NODE" (scheduler), or the host of a kubelet event.
    static func nodeFromEvents(_ events: [Event]) -> String? {
        for event in events where event.reason == "Scheduled" {
            if let message = event.message, let range = message.range(of: " to ", options: .backwards) {
                return String(message[range.upperBound...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return events.compactMap { $0.source?.component == "kubelet" ? $0.source?.host : nil }.first
    }

    /// nil for NotFound; other failures (forbidden, unreachable) propagate.
    static func optional<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T? {
        do {
            return try await body()
        } catch let error as KubectlError {
            if case .notFound = error { return nil }
            throw error
        }
    }
}

/// The Job or CronJob a caller names when the pod itself may be gone.
public struct OwnerHint: Sendable, Hashable {
    public var job: String?
    public var cronJob: String?
    public init(job: String? = nil, cronJob: String? = nil) {
        self.job = job
        self.cronJob = cronJob
    }
}

