// pod-deleted: the pod object is gone — its Job's ttlSecondsAfterFinished, a CronJob's
// history limits, or someone deleted it — and the kubelet removed its containers.
import Foundation
import NKSCore

public struct PodDeletedAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        guard e.pod == nil, e.read?.outcome == .podNotFound || e.read == nil else {
            return [.ruledOut(.podDeleted, "the pod still exists")]
        }
        var evidence = e.readItem.map { [$0] } ?? []
        var reason = "the pod object was deleted, and the kubelet removed its containers and logs with it"
        if let cronJob = e.cronJob, e.jobMissing || e.job == nil {
            reason = "the CronJob \(cronJob.metadata.name) keeps only \(cronJob.effectiveSuccessfulJobsHistoryLimit) successful and \(cronJob.effectiveFailedJobsHistoryLimit) failed Jobs; older Jobs are deleted with their pods"
            evidence.append(EvidenceItem(source: "cronjob \(cronJob.metadata.name)", text: "successfulJobsHistoryLimit=\(cronJob.effectiveSuccessfulJobsHistoryLimit) failedJobsHistoryLimit=\(cronJob.effectiveFailedJobsHistoryLimit)"))
        } else if let job = e.job, let ttl = job.spec?.ttlSecondsAfterFinished {
            reason = "the Job \(job.metadata.name) has ttlSecondsAfterFinished=\(ttl); its pods are deleted that long after it finishes"
            evidence.append(EvidenceItem(source: "job \(job.metadata.name)", text: "ttlSecondsAfterFinished=\(ttl)"))
        }
        evidence += e.podEvents.filter { ["Killing", "SuccessfulDelete", "SawCompletedJob"].contains($0.reason ?? "") }.map(e.eventItem)
        return [Finding(cause: .podDeleted, confidence: 0.7, reason: reason, evidence: evidence)]
    }
}
