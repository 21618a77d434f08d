// log-rotated: the container is still there but the log file the kubelet opens is gone —
// rotated away (containerLogMaxSize/MaxFiles) or deleted by something else on the node.
import Foundation
import NKSCore

public struct LogRotatedAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        guard case .logFileMissing(let path)? = e.read?.outcome else {
            return [.ruledOut(.logRotated, "the kubelet did not report a missing log file")]
        }
        var evidence = e.readItem.map { [$0] } ?? []
        if let config = e.kubeletConfig { evidence.append(EvidenceItem(source: "kubelet configz", text: config.summary)) }
        return [Finding(cause: .logRotated, confidence: 0.75, reason: "the log file \(path) was rotated or deleted on the node while the container remained", evidence: evidence)]
    }
}
