// Analyzers and verdict on evidence sets modelled on real cases.
import Foundation
import NKSCore
import Testing
@testable import NKSWhyNoLogs

enum Fixture {
    static let id = "4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35"
    static func date(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    /// Seed 001: a Job pod that completed; kubectl logs answers with the kubelet's error.
    static func seed() -> EvidenceSet {
        var e = EvidenceSet(target: LogTarget(namespace: "batch", pod: "hello-26fmz"), now: date("2023-04-10T12:00:00Z"))
        e.read = LogRead(PodLogs(command: "kubectl logs", exitCode: 0, output: Data("unable to retrieve container logs for containerd://\(id)\n".utf8), standardError: ""))
        let terminated = ContainerState.Terminated(exitCode: 0, reason: "Completed", startedAt: date("2023-04-10T09:27:25Z"), finishedAt: date("2023-04-10T09:27:25Z"), containerID: "containerd://\(id)")
        e.pod = Pod(metadata: ObjectMeta(name: "hello-26fmz", namespace: "batch"), spec: Pod.Spec(nodeName: "worker-1"), status: Pod.Status(phase: "Succeeded", containerStatuses: [ContainerStatus(name: "hello", containerID: "containerd://\(id)", state: ContainerState(terminated: terminated))]))
        e.nodeName = "worker-1"
        e.node = Node(metadata: ObjectMeta(name: "worker-1"), status: Node.Status(conditions: [Node.Condition(type: "DiskPressure", status: "False", lastTransitionTime: date("2023-04-10T10:45:00Z"))]))
        e.kubeletLogSource = .nodeLogQuery
        e.kubeletLines = [
            #"I0410 10:38:39.199718    5148 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage""#,
            #"I0410 10:38:39.201508    5148 container_gc.go:85] "Attempting to delete unused containers""#,
            #"I0410 10:38:39.203363    5148 scope.go:110] "RemoveContainer" containerID="\#(id)""#,
            #"I0410 10:38:39.722762    5148 eviction_manager.go:345] "Eviction manager: able to reduce resource pressure without evicting pods." resourceName="ephemeral-storage""#,
        ].compactMap { KubeletLogLine.recognise($0, reference: date("2023-04-10T09:25:00Z")) }
        return e
    }
}

@Test func seedCaseIsContainerGCUnderDiskPressure() {
    let d = Diagnosis(Fixture.seed())
    #expect(d.cause == .containerGCDiskPressure)
    #expect(d.confidence >= 0.8)
    #expect(d.evidence.contains { $0.text.contains("Eviction manager: attempting to reclaim") })
    #expect(d.evidence.contains { $0.text.contains("\"RemoveContainer\" containerID=\"\(Fixture.id)\"") })
    #expect(d.timeline.map(\.event).first { $0.contains("removed") } != nil)
    #expect(d.timeline.last?.event == "logs requested")
    #expect(d.remediations.contains { $0.detail.contains("kubectl nks-sync init --preset kubelet-image-gc") })
    #expect(d.remediations.contains { $0.detail.contains("ephemeral-storage: 1Gi") })
    #expect(d.alternatives.first { $0.cause == .containerGCPolicy }?.confidence == 0)
}

@Test func timestampsDecideBetweenPressureAndRegularGC() {
    // The same lines, but the container was removed an hour after the pressure episode ended.
    var e = Fixture.seed()
    e.kubeletLines = [
        #"I0410 10:38:39.199718    5148 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage""#,
        #"I0410 10:38:39.722762    5148 eviction_manager.go:345] "Eviction manager: able to reduce resource pressure without evicting pods." resourceName="ephemeral-storage""#,
        #"I0410 11:40:00.000001    5148 scope.go:110] "RemoveContainer" containerID="\#(Fixture.id)""#,
    ].compactMap { KubeletLogLine.recognise($0, reference: Fixture.date("2023-04-10T09:25:00Z")) }
    let d = Diagnosis(e)
    #expect(d.cause == .containerGCPolicy)
    #expect(d.alternatives.first { $0.cause == .containerGCDiskPressure }.map { $0.confidence > 0 } == true)
}

@Test func podOnAReplacedNodeIsNodeGone() {
    var e = Fixture.seed()
    e.kubeletLines = []
    e.node = nil
    e.nodeMissing = true
    e.kubeletLogSource = .unavailable("node not found")
    let d = Diagnosis(e)
    #expect(d.cause == .nodeGone)
    #expect(d.evidence.contains { $0.text == "nodes \"worker-1\" not found" })
}

@Test func cronJobPodRemovedByHistoryLimit() {
    var e = EvidenceSet(target: LogTarget(namespace: "batch", pod: "nightly-28012345-abcde"), now: Fixture.date("2023-04-10T12:00:00Z"))
    e.read = LogRead(PodLogs(command: "kubectl logs", exitCode: 1, output: Data(), standardError: "Error from server (NotFound): pods \"nightly-28012345-abcde\" not found\n"))
    e.cronJob = CronJob(metadata: ObjectMeta(name: "nightly", namespace: "batch"), spec: CronJob.Spec(schedule: "0 * * * *", successfulJobsHistoryLimit: 1))
    e.jobMissing = true
    let d = Diagnosis(e)
    #expect(d.cause == .podDeleted)
    #expect(d.summary.contains("keeps only 1 successful"))
}

@Test func readableLogsAreOkAndNoWitnessIsUnknown() {
    var ok = Fixture.seed()
    ok.read = LogRead(PodLogs(command: "kubectl logs", exitCode: 0, output: Data("Hello, Kubernetes!\n".utf8), standardError: ""))
    #expect(Diagnosis(ok).cause == .ok)

    var bare = EvidenceSet(target: LogTarget(namespace: "batch", pod: "x"), now: Fixture.date("2023-04-10T12:00:00Z"))
    bare.read = LogRead(PodLogs(command: "kubectl logs", exitCode: 1, output: Data(), standardError: "Error from server (BadRequest): something new\n"))
    let d = Diagnosis(bare)
    #expect(d.cause == .unknown)
    #expect(d.summary.contains("events expire"))
}

@Test func evictedPodWithAdmissionMessagesOfBothEras() {
    for message in ["Pod The node had condition: [DiskPressure].", "Pod was rejected: The node had condition: [DiskPressure]."] {
        var e = Fixture.seed()
        e.kubeletLines = []
        e.pod?.status?.reason = "Evicted"
        e.pod?.status?.message = message
        let d = Diagnosis(e)
        #expect(d.cause == .podEvicted, "\(message)")
        #expect(d.summary.contains("rejected the pod at admission"))
    }
}

@Test func jsonHasTheIssuesShape() throws {
    let text = try StructuredOutput.render(Diagnosis(Fixture.seed()), as: .json)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["namespace", "pod", "container", "cause", "confidence", "summary", "timeline", "evidence", "alternatives", "remediations"])
    #expect(object["cause"] as? String == "container-gc-disk-pressure")
    let timeline = try #require(object["timeline"] as? [[String: Any]])
    #expect(Set(timeline[0].keys) == ["time", "event", "source"])
}
