// The human report: for one pod the verdict, timeline, evidence, alternatives and fixes;
// for many pods a table grouped by cause. Text from the cluster or nodes is escaped.
import Foundation
import NKSCore

enum ReportText {
    static func single(_ d: Diagnosis) -> String {
        var out = "\(TerminalText.escaped(d.summary))\n"
        out += "Cause: \(d.cause.rawValue) (confidence \(String(format: "%.2f", d.confidence)))\n"
        if !d.timeline.isEmpty {
            out += "\nTimeline:\n"
            for entry in d.timeline { out += "  \(ReportTime.format(entry.time))  \(TerminalText.escaped(entry.event))  [\(TerminalText.escaped(entry.source))]\n" }
        }
        if !d.evidence.isEmpty {
            out += "\nEvidence:\n"
            for item in d.evidence { out += "  \(TerminalText.escaped(item.source)): \(TerminalText.escaped(item.text))\n" }
        }
        let ruledIn = d.alternatives.filter { $0.confidence > 0 }
        let ruledOut = d.alternatives.filter { $0.confidence == 0 }
        if !ruledIn.isEmpty {
            out += "\nAlso possible:\n"
            for alt in ruledIn { out += "  \(alt.cause.rawValue) (\(String(format: "%.2f", alt.confidence))): \(TerminalText.escaped(alt.reason))\n" }
        }
        if !ruledOut.isEmpty {
            out += "\nRuled out:\n"
            for alt in ruledOut { out += "  \(alt.cause.rawValue): \(TerminalText.escaped(alt.reason))\n" }
        }
        if !d.remediations.isEmpty {
            out += "\nRemediations:\n"
            for r in d.remediations {
                out += "  - \(r.title)\n"
                out += r.detail.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" }.joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    static func table(_ items: [Diagnosis], headers: Bool) -> String {
        let sorted = items.sorted { ($0.cause.rawValue, $0.namespace, $0.pod) < ($1.cause.rawValue, $1.namespace, $1.pod) }
        var table = Table(headers: ["CAUSE", "NAMESPACE", "POD", "CONTAINER", "CONFIDENCE", "SUMMARY"])
        for d in sorted {
            table.append([d.cause.rawValue, d.namespace, d.pod, d.container ?? "", String(format: "%.2f", d.confidence), d.summary])
        }
        var out = table.render(headers: headers)
        if headers {
            let groups = Dictionary(grouping: items, by: \.cause).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
            out += "\n\(items.count) pod\(items.count == 1 ? "" : "s"): \(groups.joined(separator: ", "))\n"
        }
        return out
    }
}
