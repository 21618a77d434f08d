// Concrete fixes per cause: YAML for the pod's owner, the nks-sync entry that rolls image GC
// thresholds out to nodes, and the commands to check the result.
import Foundation

public struct Remediation: Sendable, Hashable, Codable {
    public var title: String
    public var detail: String
}

enum Remediations {
    static func forCause(_ cause: CauseID, _ e: EvidenceSet) -> [Remediation] {
        let container = e.containerStatus?.name ?? e.target.container ?? "app"
        let gcNow = e.kubeletConfig?.imageGCHighThresholdPercent.map { high in " (now \(high)/\(e.kubeletConfig?.imageGCLowThresholdPercent ?? 80))" } ?? ""
        let rotationNow = e.kubeletConfig?.containerLogMaxSize.map { size in " (now \(size) x \(e.kubeletConfig?.containerLogMaxFiles ?? 5))" } ?? ""
        let owner = e.job.map { "Job \($0.metadata.name)" } ?? e.cronJob.map { "CronJob \($0.metadata.name)" } ?? "the pod's owner"
        switch cause {
        case .containerGCDiskPressure, .podEvicted:
            return [
                Remediation(title: "Ship Job logs to a logging backend", detail: "kubectl logs only reads what is still on the node; terminated containers are deleted under disk pressure. Collect logs with a node agent (Fluent Bit, Vector, Promtail/Alloy) into Loki, Elasticsearch or your provider's log service."),
                Remediation(title: "Request and limit ephemeral storage in \(owner)", detail: """
                    spec:
                      containers:
                      - name: \(container)
                        resources:
                          requests:
                            ephemeral-storage: 1Gi
                          limits:
                            ephemeral-storage: 2Gi
                    """),
                Remediation(title: "Use emptyDir with sizeLimit for scratch data", detail: """
                    spec:
                      volumes:
                      - name: scratch
                        emptyDir:
                          sizeLimit: 1Gi
                      containers:
                      - name: \(container)
                        volumeMounts:
                        - name: scratch
                          mountPath: /scratch
                    """),
                Remediation(title: "Keep image GC ahead of the eviction threshold", detail: """
                    Many new images per node (Job-heavy workloads) fill imagefs. Lower the image GC thresholds\(gcNow) and roll them out to every node with nks-sync (preset kubelet-image-gc):
                      kubectl nks-sync init --preset kubelet-image-gc
                    which puts this entry into nks-sync.yaml:
                      - path: /var/lib/kubelet/config.yaml
                        kind: keys
                        set:
                          imageGCHighThresholdPercent: 75
                          imageGCLowThresholdPercent: 65
                    then see the nodes that differ: kubectl nks-sync diff
                    """),
                Remediation(title: "Move large data to a PersistentVolume", detail: "Data that outgrows the node's disk belongs on a PV or a generic ephemeral volume (spec.volumes[].ephemeral.volumeClaimTemplate), not on nodefs."),
            ]
        case .nodeGone, .nodeUnreachable:
            return [Remediation(title: "Ship logs off the node", detail: "Container logs live on the node and disappear with it (node replacement, autoscaler scale-down, rolling upgrade). Collect them with a node agent into a logging backend.")]
        case .containerGCPolicy:
            return [Remediation(title: "Do not rely on dead containers for logs", detail: "The kubelet keeps at most one dead instance per container and removes them with their pod. Collect logs with a logging backend, or read them (kubectl logs --previous) before the next restart.")]
        case .logRotated:
            return LogRotationRemediations.forEvidence(e, rotationNow: rotationNow)
        case .podDeleted:
            return [Remediation(title: "Keep finished pods long enough, or ship their logs", detail: "Raise the Job's ttlSecondsAfterFinished or the CronJob's successfulJobsHistoryLimit/failedJobsHistoryLimit, or collect logs with a logging backend before the pods are deleted.")]
        case .forbidden:
            return [Remediation(title: "Grant get on pods/log", detail: "kubectl auth can-i get pods --subresource=log -n \(e.target.namespace)")]
        case .containerNotStarted:
            return [Remediation(title: "Find out why the container does not start", detail: "kubectl describe pod \(e.target.pod) -n \(e.target.namespace); for image pulls: kubectl nks-repull")]
        case .noOutput:
            return [Remediation(title: "Write logs to stdout/stderr", detail: "The container ran and wrote nothing the runtime captures; applications that log to files inside the container need a sidecar or a stdout log target.")]
        case .ok:
            return []
        case .unknown:
            return [Remediation(title: "Keep the witnesses", detail: "Events expire after an hour by default. Enable the node log query API (NodeLogQuery feature gate, enableSystemLogQuery) or keep kubelet journals, and export events (eventrouter, kubernetes-event-exporter) so the next occurrence can be explained.")]
        }
    }
}
