// The answer for one pod, in the issue's `-o json` shape: the verdict, a timeline, the
// evidence, the alternatives ruled in or out and the remediations.
import Foundation

public struct Diagnosis: Sendable, Hashable, Codable {
    public struct Alternative: Sendable, Hashable, Codable {
        public var cause: CauseID
        public var confidence: Double
        public var reason: String
    }

    public var namespace: String
    public var pod: String
    public var container: String?
    public var cause: CauseID
    public var confidence: Double
    public var summary: String
    public var timeline: [TimelineEntry]
    public var evidence: [EvidenceItem]
    public var alternatives: [Alternative]
    public var remediations: [Remediation]

    public init(_ e: EvidenceSet, picker: VerdictPicker = .standard) {
        let (verdict, others) = picker.decide(e)
        namespace = e.target.namespace
        pod = e.target.pod
        container = e.target.container ?? e.containerStatus?.name
        cause = verdict.cause
        confidence = (verdict.confidence * 100).rounded() / 100
        summary = Self.sentence(verdict, e)
        timeline = TimelineBuilder.build(e)
        var evidence = verdict.evidence
        for note in e.notes { evidence.append(EvidenceItem(source: "note", text: note)) }
        self.evidence = evidence
        alternatives = others.filter { $0.cause != verdict.cause }.map { Alternative(cause: $0.cause, confidence: ($0.confidence * 100).rounded() / 100, reason: $0.reason) }
        remediations = Remediations.forCause(verdict.cause, e)
    }

    static func sentence(_ verdict: Finding, _ e: EvidenceSet) -> String {
        let subject = "\(e.target.namespace)/\(e.target.pod)" + (e.target.container.map { " [\($0)]" } ?? "")
        switch verdict.cause {
        case .ok: return "Logs of \(subject) are readable: \(verdict.reason)."
        default: return "Logs of \(subject) cannot be read: \(verdict.reason)."
        }
    }
}

/// Several pods (`-l`, `--job`, `--cronjob`): `{"items": [...]}`.
public struct DiagnosisList: Sendable, Hashable, Codable {
    public var items: [Diagnosis]
}
