// container-gc-disk-pressure: under DiskPressure the eviction manager deletes every
// terminated container to reclaim ephemeral storage (kubernetes PR 45896, since 1.8), and
// their logs go with them. Witnesses: the kubelet's eviction manager and container GC
// lines after the container finished, a RemoveContainer line for its id, the node's
// DiskPressure condition and events.
import Foundation
import NKSCore

public struct DiskPressureGCAnalyzer: Analyzer {
    public init() {}

    /// Node events that show disk pressure (kubelet eviction manager and image GC).
    static let pressureEventReasons: Set<String> = ["EvictionThresholdMet", "FreeDiskSpaceFailed", "ImageGCFailed", "NodeHasDiskPressure"]

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        guard e.containerLogGone else {
            return [.ruledOut(.containerGCDiskPressure, "the container's logs were not lost with the container")]
        }
        let since = e.finishedAt ?? .distantPast
        let pressureLines = e.kubeletLines.filter { line in
            switch line.signal {
            case .reclaimAttempt, .deleteUnusedContainers, .reducedWithoutEvicting, .mustEvict: return (line.time ?? .distantFuture) >= since
            default: return false
            }
        }
        let removal = ContainerRemoval.find(in: e)
        let removedUnderPressure = removal.map { ContainerRemoval.underPressure($0, lines: e.kubeletLines) } ?? false
        let events = e.nodeEvents.filter { Self.pressureEventReasons.contains($0.reason ?? "") && ($0.effectiveTime ?? .distantFuture) >= since }
        let condition = e.node?.condition("DiskPressure")
        let conditionSince = condition.flatMap { $0.status == "True" ? $0 : nil }

        var confidence = 0.0
        var evidence = e.readItem.map { [$0] } ?? []
        var witnessLines = Array(pressureLines.prefix(6))
        if !pressureLines.isEmpty { confidence += 0.45 }
        if let removal, removedUnderPressure { confidence += 0.4; witnessLines.append(removal) }
        // In the order the kubelet wrote them: reclaim, delete containers, this removal, relief.
        evidence += witnessLines.sorted { ($0.time ?? .distantPast) < ($1.time ?? .distantPast) }.map(e.kubeletItem)
        if !events.isEmpty { confidence += pressureLines.isEmpty ? 0.45 : 0.05; evidence += events.prefix(4).map(e.eventItem) }
        if let c = conditionSince {
            confidence += pressureLines.isEmpty && events.isEmpty ? 0.3 : 0.05
            evidence.append(EvidenceItem(source: "node \(e.node?.metadata.name ?? "")", text: "DiskPressure=\(c.status) since \(c.lastTransitionTime.map(ReportTime.format) ?? "?") \(c.reason ?? "")"))
        }
        if let config = e.kubeletConfig, confidence > 0 {
            evidence.append(EvidenceItem(source: "kubelet configz", text: config.summary))
        }
        guard confidence > 0 else {
            return [.ruledOut(.containerGCDiskPressure, "no DiskPressure, eviction manager or container GC trace after the container finished")]
        }
        let reason = removal != nil && removedUnderPressure
            ? "the kubelet removed this container while reclaiming ephemeral storage under DiskPressure"
            : "the node was under DiskPressure after the container finished; the kubelet deletes all terminated containers then"
        return [Finding(cause: .containerGCDiskPressure, confidence: min(confidence, 0.97), reason: reason, evidence: evidence)]
    }
}

/// Finding the RemoveContainer line for the container, and whether disk pressure preceded it.
enum ContainerRemoval {
    static func find(in e: EvidenceSet) -> KubeletLogLine? {
        guard let id = e.containerID else { return nil }
        return e.kubeletLines.first { line in
            if case .removeContainer(let removed) = line.signal { return KubeletLogLine.sameContainer(removed, id) }
            return false
        }
    }

    /// Timestamps decide: a reclaim or delete-unused-containers line at most five minutes
    /// before the removal, with no "reduced without evicting" (the end of that episode) in between.
    static func underPressure(_ removal: KubeletLogLine, lines: [KubeletLogLine]) -> Bool {
        guard let at = removal.time else { return false }
        let before = lines.filter { ($0.time ?? .distantFuture) <= at && at.timeIntervalSince($0.time!) <= 300 }
        guard let start = before.lastIndex(where: {
            if case .reclaimAttempt = $0.signal { return true }
            if case .deleteUnusedContainers = $0.signal { return true }
            return false
        }) else { return false }
        return !before[start...].contains { if case .reducedWithoutEvicting = $0.signal { return true } else { return false } }
    }
}
