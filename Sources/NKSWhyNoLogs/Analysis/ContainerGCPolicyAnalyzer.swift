// container-gc-policy: the kubelet's regular container GC (maxPerPodContainer, minimum age,
// pod cleanup) removed the container with no disk pressure around it.
import Foundation
import NKSCore

public struct ContainerGCPolicyAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        guard e.containerLogGone else { return [.ruledOut(.containerGCPolicy, "the container was not removed")] }
        if let removal = ContainerRemoval.find(in: e) {
            if ContainerRemoval.underPressure(removal, lines: e.kubeletLines) {
                return [.ruledOut(.containerGCPolicy, "the container was removed during a disk-pressure reclaim, not by the regular GC")]
            }
            return [Finding(cause: .containerGCPolicy, confidence: 0.7, reason: "the kubelet's regular container garbage collection removed the container, with no disk pressure before it", evidence: (e.readItem.map { [$0] } ?? []) + [e.kubeletItem(removal)])]
        }
        if let status = e.containerStatus, (status.restartCount ?? 0) > 0, e.target.previous {
            return [Finding(cause: .containerGCPolicy, confidence: 0.4, reason: "the kubelet keeps only the most recent dead instance per container (maxPerPodContainer); older instances are removed", evidence: (e.readItem.map { [$0] } ?? []) + [EvidenceItem(source: "pod status", text: "\(status.name): restartCount \(status.restartCount ?? 0)")])]
        }
        if e.runtimeHasContainer == false {
            return [Finding(cause: .containerGCPolicy, confidence: 0.3, reason: "the runtime no longer has the container and no disk pressure was seen; regular container GC is the remaining explanation", evidence: (e.readItem.map { [$0] } ?? []) + [EvidenceItem(source: "runtime", text: e.runtimeText ?? "container not found")])]
        }
        return [.ruledOut(.containerGCPolicy, "no RemoveContainer line for this container")]
    }
}
