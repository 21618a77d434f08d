// pod-evicted: the kubelet evicted the pod itself (status reason Evicted, an Evicted event,
// or the eviction manager's "evicted successfully" line), which kills and later removes
// its containers. Admission rejections read `Pod The node had condition: [DiskPressure].`
// before 1.26 and `Pod was rejected: The node had condition: [DiskPressure].` since.
import Foundation
import NKSCore

public struct EvictionAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        var evidence: [EvidenceItem] = []
        if let status = e.pod?.status, status.reason == "Evicted" {
            evidence.append(EvidenceItem(source: "pod status", text: "phase \(status.phase ?? "?") reason Evicted: \(status.message ?? "")"))
        }
        evidence += e.podEvents.filter { $0.reason == "Evicted" }.map(e.eventItem)
        let podRef = "\(e.target.namespace)/\(e.target.pod)"
        evidence += e.kubeletLines.filter {
            if case .podEvicted(let pod) = $0.signal { return pod == podRef || pod.hasPrefix(e.target.pod + "_") || pod == e.target.pod }
            return false
        }.map(e.kubeletItem)
        guard !evidence.isEmpty, !(e.read?.outcome.logsReadable ?? false) else {
            return [.ruledOut(.podEvicted, "the pod was not evicted")]
        }
        let rejected = e.pod?.status?.message.map(Self.isAdmissionRejection) ?? false
        let reason = rejected
            ? "the kubelet rejected the pod at admission because of a node condition, so its container never ran"
            : "the kubelet evicted the pod under node pressure and removed its containers"
        return [Finding(cause: .podEvicted, confidence: 0.85, reason: reason, evidence: (e.readItem.map { [$0] } ?? []) + evidence)]
    }

    /// kubelet lifecycle/predicate.go: "Pod The node had condition: [X]." (< 1.26) and
    /// "Pod was rejected: The node had condition: [X]." (≥ 1.26).
    static func isAdmissionRejection(_ message: String) -> Bool {
        message.hasPrefix("Pod The node had condition:") || message.hasPrefix("Pod was rejected:")
    }
}
