// Finds every container (init containers included) whose image pull fails, from pod
// statuses AND events: they disagree often — since Kubernetes 1.32 the status reads
// `Back-off pulling image "X": ErrImagePull: <cause>` while the event says only
// `Back-off pulling image "X"`; before 1.32 the status holds the bare back-off line and
// only an older `Failed` event keeps the cause; events also outlive the status that a
// restarted kubelet has not yet re-reported.
import Foundation
import NKSCore

public enum PullFailureFinder {
    /// The kubelet's waiting reasons for an image that did not arrive (pkg/kubelet/images/types.go).
    public static let pullReasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "ImageInspectError", "ErrImageNeverPull", "InvalidImageName"]
    /// Event reasons the kubelet uses for pull trouble (pkg/kubelet/events/event.go).
    static let eventReasons: Set<String> = ["Failed", "BackOff", "ErrImageNeverPull", "InspectFailed", "InvalidImageName"]

    public static func find(pods: [Pod], events: [Event]) -> [PullFailure] {
        var eventsByPod: [String: [Event]] = [:]
        for event in events where event.involvedObject.kind == "Pod" && eventReasons.contains(event.reason ?? "") {
            let key = (event.involvedObject.namespace ?? event.metadata.namespace ?? "") + "/" + (event.involvedObject.name ?? "")
            eventsByPod[key, default: []].append(event)
        }
        var failures: [PullFailure] = []
        for pod in pods {
            let namespace = pod.metadata.namespace ?? ""
            let podEvents = (eventsByPod[namespace + "/" + pod.metadata.name] ?? [])
                .sorted { ($0.effectiveTime ?? .distantPast) > ($1.effectiveTime ?? .distantPast) }
            let specs = (pod.spec?.initContainers ?? []).map { ($0, true) } + (pod.spec?.containers ?? []).map { ($0, false) }
            for (container, isInit) in specs {
                guard let image = container.image else { continue }
                let status = pod.containerStatus(named: container.name)
                if status?.state?.running != nil || status?.state?.terminated != nil { continue }
                let waiting = status?.state?.waiting
                let statusFails = waiting.map { pullReasons.contains($0.reason ?? "") } ?? false
                let fieldPath = (isInit ? "spec.initContainers{" : "spec.containers{") + container.name + "}"
                let related = podEvents.filter { event in
                    if let path = event.involvedObject.fieldPath, !path.isEmpty { return path == fieldPath }
                    return event.message?.contains("\"\(image)\"") ?? false
                }
                let eventTexts = related.compactMap(\.message).filter(isPullText)
                guard statusFails || !eventTexts.isEmpty else { continue }
                var evidence: [String] = []
                if statusFails, let message = waiting?.message, !message.isEmpty { evidence.append(message) }
                for text in eventTexts where !evidence.contains(text) { evidence.append(text) }
                let reference = try? ImageReference(parsing: image)
                let informative = evidence.first { PullErrorClassifier.classify($0, image: reference) != .unknown }
                let message = informative ?? evidence.first ?? (waiting?.reason ?? "")
                failures.append(PullFailure(
                    namespace: namespace, pod: pod.metadata.name, container: container.name, isInitContainer: isInit,
                    image: image, node: pod.spec?.nodeName, waitingReason: statusFails ? waiting?.reason : nil,
                    cause: PullErrorClassifier.classify(message, image: reference), message: message, evidence: evidence
                ))
            }
        }
        return failures
    }

    /// Pull trouble, not a crash back-off or a failed mount that share the reasons.
    static func isPullText(_ text: String) -> Bool {
        text.contains("pulling image") || text.contains("pull image") || text.contains("ErrImagePull")
            || text.contains("ImagePullBackOff") || text.contains("pull policy of Never") || text.contains("Failed to inspect image")
            || text.contains("Back-off pulling")
    }
}
