// Causes the reproduced read decides by itself: logs came back (ok / no-output), the
// identity may not read them (forbidden), or the container never ran.
import Foundation
import NKSCore

public struct ReadOutcomeAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        let item = e.readItem.map { [$0] } ?? []
        var findings: [Finding] = []
        switch e.read?.outcome {
        case .readable(let lines)?:
            findings.append(Finding(cause: .ok, confidence: 1, reason: "kubectl logs returned \(lines) line\(lines == 1 ? "" : "s")", evidence: item))
        case .empty?:
            findings.append(Finding(cause: .noOutput, confidence: 0.9, reason: "the log read succeeded but the container wrote nothing to stdout/stderr", evidence: item))
        case .forbidden?:
            findings.append(Finding(cause: .forbidden, confidence: 0.95, reason: "the API server refused the log read (RBAC on pods/log)", evidence: item))
        default:
            findings.append(.ruledOut(.ok, "kubectl logs did not return the container's logs"))
        }
        findings.append(notStarted(e, item: item))
        return findings
    }

    private func notStarted(_ e: EvidenceSet, item: [EvidenceItem]) -> Finding {
        if case .waitingToStart(let reason)? = e.read?.outcome {
            return Finding(cause: .containerNotStarted, confidence: 0.9, reason: "the container has not started (\(reason)), so it has no logs yet", evidence: item)
        }
        if let status = e.containerStatus, status.containerID == nil, let waiting = status.state?.waiting {
            return Finding(cause: .containerNotStarted, confidence: 0.85, reason: "the container is waiting (\(waiting.reason ?? "no reason")) and was never created", evidence: item + [EvidenceItem(source: "pod status", text: "\(status.name): waiting \(waiting.reason ?? "") \(waiting.message ?? "")")])
        }
        return .ruledOut(.containerNotStarted, "the container was created")
    }
}
