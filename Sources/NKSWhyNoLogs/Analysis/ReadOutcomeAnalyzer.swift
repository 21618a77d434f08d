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
            // A short read with rotated files beside it is the rotation's doing (log-rotated).
            let short = !e.recentRotatedLogs.isEmpty && lines < (e.tailLines ?? 0)
            findings.append(Finding(cause: .ok, confidence: short ? 0.5 : 1, reason: "kubectl logs returned \(lines) line\(lines == 1 ? "" : "s")", evidence: item))
        case .empty?:
            // no-output only when the node shows nothing rotated: an empty current file beside
            // rotated ones means the output exists but the kubelet does not serve it.
            if !e.recentRotatedLogs.isEmpty {
                findings.append(.ruledOut(.noOutput, "the container's output is in rotated log files on the node"))
            } else if let files = e.logFiles {
                findings.append(Finding(cause: .noOutput, confidence: 0.9, reason: "the log read succeeded but the container wrote nothing to stdout/stderr (no rotated log files in \(files.directory))", evidence: item + e.logFileItems))
            } else {
                findings.append(Finding(cause: .noOutput, confidence: 0.6, reason: "the log read succeeded but returned nothing; the container's log directory on the node could not be checked for rotated files", evidence: item))
            }
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
