// Runs every analyzer and picks the best-supported cause; the rest are kept as
// alternatives, ruled in (confidence > 0) or out.
import Foundation
import NKSCore

public struct VerdictPicker: Sendable {
    public var analyzers: [any Analyzer]

    public static let standard = VerdictPicker(analyzers: [
        ReadOutcomeAnalyzer(), DiskPressureGCAnalyzer(), EvictionAnalyzer(), NodeAnalyzer(),
        ContainerGCPolicyAnalyzer(), LogRotatedAnalyzer(), PodDeletedAnalyzer(),
    ])

    public init(analyzers: [any Analyzer]) { self.analyzers = analyzers }

    /// Below this no cause is claimed: the verdict is `unknown` with what was found.
    static let threshold = 0.3

    public func decide(_ evidence: EvidenceSet) -> (verdict: Finding, alternatives: [Finding]) {
        let findings = analyzers.flatMap { $0.analyze(evidence) }
        // Stable order: by confidence, then by the order of the cause list.
        let order = Dictionary(uniqueKeysWithValues: CauseID.allCases.enumerated().map { ($1, $0) })
        let ranked = findings.sorted { ($0.confidence, -order[$0.cause]!) > ($1.confidence, -order[$1.cause]!) }
        guard let best = ranked.first, best.confidence >= Self.threshold else {
            return (Self.unknown(evidence), ranked)
        }
        return (best, Array(ranked.dropFirst()))
    }

    /// No cause is supported: say what was found and which witnesses were missing.
    static func unknown(_ e: EvidenceSet) -> Finding {
        var items = e.readItem.map { [$0] } ?? []
        items += e.allEvents.prefix(5).map(e.eventItem)
        items += e.kubeletLines.prefix(5).map(e.kubeletItem)
        if let text = e.runtimeText { items.append(EvidenceItem(source: "runtime", text: text)) }
        var reason = "no analyzer found enough evidence for a cause"
        if e.allEvents.isEmpty, e.kubeletLines.isEmpty {
            reason += "; events expire after an hour by default and the kubelet's log was not available (\(e.kubeletLogSource.unavailableReason ?? "no matching lines")), so the witnesses are gone"
        }
        return Finding(cause: .unknown, confidence: 0, reason: reason, evidence: items)
    }
}

extension KubeletLogSource {
    var unavailableReason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
