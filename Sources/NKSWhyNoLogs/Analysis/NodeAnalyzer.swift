// node-gone and node-unreachable: container logs live on the node, so they vanish with a
// replaced node and cannot be read while its kubelet does not answer.
import Foundation
import NKSCore

public struct NodeAnalyzer: Analyzer {
    public init() {}

    static let removalReasons: Set<String> = ["RemovingNode", "DeletingNode", "NodeNotReady", "TerminatingEvictedPod", "NodeNotSchedulable"]

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        [gone(e), unreachable(e)]
    }

    private func gone(_ e: EvidenceSet) -> Finding {
        guard e.nodeMissing, let name = e.nodeName else { return .ruledOut(.nodeGone, "the pod's node still exists") }
        var evidence = e.readItem.map { [$0] } ?? []
        evidence.append(EvidenceItem(source: "node \(name)", text: "nodes \"\(name)\" not found"))
        evidence += e.nodeEvents.filter { Self.removalReasons.contains($0.reason ?? "") }.map(e.eventItem)
        return Finding(cause: .nodeGone, confidence: 0.92, reason: "the node \(name) that ran the pod no longer exists, and its container logs went with it", evidence: evidence)
    }

    private func unreachable(_ e: EvidenceSet) -> Finding {
        var evidence = e.readItem.map { [$0] } ?? []
        var confidence = 0.0
        if case .kubeletUnreachable? = e.read?.outcome { confidence += 0.6 }
        if let node = e.node, let ready = node.condition("Ready"), ready.status != "True" {
            confidence += 0.3
            evidence.append(EvidenceItem(source: "node \(node.metadata.name)", text: "Ready=\(ready.status) since \(ready.lastTransitionTime.map(ReportTime.format) ?? "?") \(ready.reason ?? "") \(ready.message ?? "")"))
            evidence += e.nodeEvents.filter { $0.reason == "NodeNotReady" }.map(e.eventItem)
        }
        guard confidence > 0, !e.nodeMissing else { return .ruledOut(.nodeUnreachable, "the node's kubelet answers") }
        return Finding(cause: .nodeUnreachable, confidence: min(confidence, 0.9), reason: "the kubelet on \(e.nodeName ?? "the node") does not answer, so the API server cannot fetch the logs", evidence: evidence)
    }
}
