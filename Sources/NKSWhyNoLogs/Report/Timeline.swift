// Orders what happened to the container: started, finished, DiskPressure, reclaim,
// removal, eviction, node loss — and the moment its logs were requested.
import Foundation
import NKSCore

public struct TimelineEntry: Sendable, Hashable, Codable {
    public var time: Date
    public var event: String
    public var source: String
}

enum TimelineBuilder {
    static func build(_ e: EvidenceSet) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        if let t = e.terminated {
            let name = e.containerStatus?.name ?? "container"
            if let started = t.startedAt { entries.append(TimelineEntry(time: started, event: "container \(name) started", source: "pod status")) }
            if let finished = t.finishedAt { entries.append(TimelineEntry(time: finished, event: "container \(name) finished (\(t.reason ?? "exit \(t.exitCode)"))", source: "pod status")) }
        }
        if let c = e.node?.condition("DiskPressure"), c.status == "True", let at = c.lastTransitionTime {
            entries.append(TimelineEntry(time: at, event: "node DiskPressure=True", source: "node condition"))
        }
        if let c = e.node?.condition("Ready"), c.status != "True", let at = c.lastTransitionTime {
            entries.append(TimelineEntry(time: at, event: "node Ready=\(c.status)", source: "node condition"))
        }
        for event in e.allEvents {
            guard let at = event.effectiveTime, interesting.contains(event.reason ?? "") else { continue }
            entries.append(TimelineEntry(time: at, event: "\(event.reason ?? ""): \(event.message ?? "")", source: "event \((event.involvedObject.kind ?? "").lowercased())/\(event.involvedObject.name ?? "")"))
        }
        var firstReclaim = true
        let id = e.containerID
        for line in e.kubeletLines {
            guard let at = line.time else { continue }
            switch line.signal {
            case .reclaimAttempt(let resource) where firstReclaim:
                firstReclaim = false
                entries.append(TimelineEntry(time: at, event: "eviction manager: attempting to reclaim \(resource)", source: e.kubeletLogSource.label))
            case .removeContainer(let removed) where id.map({ KubeletLogLine.sameContainer(removed, $0) }) ?? false:
                entries.append(TimelineEntry(time: at, event: "container \(KubeletLogLine.trimmedID(removed).prefix(13)) removed", source: e.kubeletLogSource.label))
            case .podEvicted(let pod):
                entries.append(TimelineEntry(time: at, event: "pod \(pod) evicted", source: e.kubeletLogSource.label))
            default:
                continue
            }
        }
        entries.append(TimelineEntry(time: e.now, event: "logs requested", source: "kubectl logs"))
        return entries.sorted { $0.time < $1.time }
    }

    static let interesting: Set<String> = [
        "Evicted", "EvictionThresholdMet", "FreeDiskSpaceFailed", "ImageGCFailed", "NodeHasDiskPressure",
        "NodeNotReady", "RemovingNode", "DeletingNode", "Killing", "SuccessfulDelete",
    ]
}
