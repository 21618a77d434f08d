// The stable cause ids of `-o json` and what an analyzer proposes: a cause, how sure it is,
// why, and the evidence lines that support it.
import Foundation
import NKSCore

public enum CauseID: String, Sendable, Hashable, Codable, CaseIterable {
    case containerGCDiskPressure = "container-gc-disk-pressure"
    case podEvicted = "pod-evicted"
    case nodeGone = "node-gone"
    case nodeUnreachable = "node-unreachable"
    case containerGCPolicy = "container-gc-policy"
    case logRotated = "log-rotated"
    case containerNotStarted = "container-not-started"
    case podDeleted = "pod-deleted"
    case forbidden
    case noOutput = "no-output"
    case ok
    case unknown
}

public struct EvidenceItem: Sendable, Hashable, Codable {
    public var source: String
    public var text: String
    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

public struct Finding: Sendable, Hashable {
    public var cause: CauseID
    /// 0 means ruled out; the verdict is the highest.
    public var confidence: Double
    /// One sentence: why this cause is ruled in or out.
    public var reason: String
    public var evidence: [EvidenceItem]

    public init(cause: CauseID, confidence: Double, reason: String, evidence: [EvidenceItem] = []) {
        self.cause = cause
        self.confidence = confidence
        self.reason = reason
        self.evidence = evidence
    }

    static func ruledOut(_ cause: CauseID, _ reason: String) -> Finding {
        Finding(cause: cause, confidence: 0, reason: reason)
    }
}

/// One independent line of reasoning over the evidence.
public protocol Analyzer: Sendable {
    func analyze(_ evidence: EvidenceSet) -> [Finding]
}

extension EvidenceSet {
    /// Evidence items for common facts, so analyzers quote them the same way.
    var readItem: EvidenceItem? {
        read.map { EvidenceItem(source: "kubectl logs", text: $0.text.isEmpty ? "(no output, exit \($0.exitCode))" : $0.text) }
    }

    func eventItem(_ event: Event) -> EvidenceItem {
        let time = event.effectiveTime.map { ReportTime.format($0) + " " } ?? ""
        let kind = event.involvedObject.kind ?? "object"
        return EvidenceItem(source: "event \(kind.lowercased())/\(event.involvedObject.name ?? "?")", text: "\(time)\(event.reason ?? "") \(event.message ?? "")".trimmingCharacters(in: .whitespaces))
    }

    func kubeletItem(_ line: KubeletLogLine) -> EvidenceItem {
        EvidenceItem(source: kubeletLogSource.label, text: line.raw)
    }

    /// Whether the read failed in a way that means the container (or its log) is gone.
    var containerLogGone: Bool {
        switch read?.outcome {
        case .unableToRetrieve?, .previousNotFound?: return true
        case nil: return runtimeHasContainer == false
        default: return runtimeHasContainer == false && !(read?.outcome.logsReadable ?? false)
        }
    }
}
