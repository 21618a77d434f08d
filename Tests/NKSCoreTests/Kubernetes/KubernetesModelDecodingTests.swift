// Decodes realistic `kubectl get -o json` documents into the models: nested fields, null and
// unknown fields, both timestamp precisions, and the helpers built on them.
import Foundation
import Testing
@testable import NKSCore

@Suite struct KubernetesModelDecodingTests {
    private func decodeList<T: KubernetesObject>(_ type: T.Type, _ json: String) throws -> [T] {
        try KubernetesJSON.decoder().decode(KubernetesList<T>.self, from: Data(json.utf8)).items
    }

    private func date(_ text: String) -> Date {
        try! Date.ISO8601FormatStyle(includingFractionalSeconds: text.contains(".")).parse(text)
    }

    @Test func decodesNodesWithConditionsTaintsAndRuntime() throws {
        let nodes = try decodeList(Node.self, NodeFixtures.list)
        #expect(nodes.map(\.metadata.name) == ["nks-pool-a-w-1x2y", "nks-pool-b-w-9k8j"])
        let (ready, broken) = (nodes[0], nodes[1])

        #expect(ready.isReady)
        #expect(!ready.isUnschedulable)
        #expect(ready.address(of: .internalIP) == "192.168.0.21")
        #expect(ready.address(of: .externalIP) == nil)
        #expect(ready.address(of: .hostname) == "nks-pool-a-w-1x2y")
        #expect(ready.containerRuntime == "containerd")
        #expect(ready.containerRuntimeVersionNumber == "1.7.13")
        #expect(ready.status?.nodeInfo?.kernelVersion == "5.14.0-362.8.1.el9_3.x86_64")
        #expect(ready.status?.nodeInfo?.bootID == "0b6c64c9-9d6c-4c61-8f57-1b3b1e7f9d20")
        #expect(ready.metadata.labels?["magnum.openstack.org/nodegroup"] == "pool-a")
        #expect(ready.metadata.creationTimestamp == date("2024-03-11T02:14:51Z"))

        #expect(!broken.isReady, "Ready=Unknown is not ready")
        #expect(broken.isUnschedulable)
        #expect(broken.address(of: .externalIP) == "133.186.0.9")
        #expect(broken.containerRuntime == "docker")
        #expect(broken.condition("DiskPressure")?.status == "True")
        #expect(broken.condition("Ready")?.reason == "NodeStatusUnknown")
        #expect(broken.condition("Ready")?.lastHeartbeatTime == date("2024-05-01T09:58:51Z"))
        let taints = try #require(broken.spec?.taints)
        #expect(taints.map(\.key) == ["node.kubernetes.io/unschedulable", "node.kubernetes.io/disk-pressure", "dedicated"])
        #expect(taints[2].value == "batch" && taints[2].effect == "NoExecute" && taints[2].timeAdded == nil)
        #expect(taints[1].timeAdded == date("2024-05-01T09:31:12Z"))
    }

    @Test func decodesEvictedJobPodAndImagePullPod() throws {
        let pods = try decodeList(Pod.self, PodFixtures.list)
        let evicted = pods[0]
        #expect(evicted.status?.phase == "Failed")
        #expect(evicted.status?.reason == "Evicted")
        #expect(evicted.status?.message?.hasPrefix("The node was low on resource: ephemeral-storage.") == true)
        #expect(evicted.spec?.nodeName == "nks-pool-b-w-9k8j")
        #expect(evicted.spec?.containers?.first?.resources?.requests?["ephemeral-storage"] == "1Gi")
        #expect(evicted.metadata.controller?.kind == "Job")
        #expect(evicted.metadata.controller?.name == "nightly-report-28577340")
        let report = try #require(evicted.containerStatus(named: "report"))
        #expect(report.lastState == ContainerState())
        let terminated = try #require(report.state?.terminated)
        #expect(terminated.exitCode == 137)
        #expect(terminated.reason == "ContainerStatusUnknown")
        #expect(terminated.startedAt == date("2024-05-01T09:00:04Z"))
        #expect(terminated.containerID?.hasPrefix("containerd://4f1e9c2b") == true)

        let pulling = pods[1]
        #expect(pulling.spec?.imagePullSecrets?.map(\.name) == ["regcred"])
        #expect(pulling.spec?.serviceAccountName == "web")
        #expect(pulling.spec?.initContainers?.map(\.name) == ["wait-db"])
        #expect(pulling.allContainerStatuses.map(\.name) == ["wait-db", "nginx"])
        let nginx = try #require(pulling.containerStatus(named: "nginx"))
        #expect(nginx.state?.waiting?.reason == "ImagePullBackOff")
        #expect(nginx.containerID == nil)
        #expect(nginx.imageID == "")
        #expect(pulling.containerStatus(named: "wait-db")?.state?.terminated?.reason == "Completed")
    }

    @Test func decodesEventsOfBothAPIsWithMicroTime() throws {
        let events = try decodeList(Event.self, EventAndJobFixtures.events)
        let (kubelet, pull) = (events[0], events[1])

        #expect(kubelet.eventTime == nil)
        #expect(kubelet.count == 4)
        #expect(kubelet.effectiveCount == 4)
        #expect(kubelet.effectiveTime == date("2024-05-01T09:41:02Z"))
        #expect(kubelet.involvedObject.kind == "Node")
        #expect(kubelet.reporter == "nks-pool-b-w-9k8j")
        #expect(kubelet.isWarning)

        #expect(pull.firstTimestamp == nil && pull.lastTimestamp == nil)
        let eventTime = try #require(pull.eventTime)
        #expect(abs(eventTime.timeIntervalSince(date("2024-05-01T09:50:12Z")) - 0.481732) < 0.000_01, "MicroTime keeps microseconds")
        #expect(pull.series?.count == 6)
        #expect(pull.effectiveCount == 6)
        #expect(pull.effectiveTime == pull.series?.lastObservedTime)
        #expect(pull.effectiveTime.map { $0 > eventTime } == true)
        #expect(pull.involvedObject.fieldPath == "spec.containers{nginx}")
        #expect(pull.source == Event.Source())
        #expect(pull.reporter == "nks-pool-a-w-1x2y")
    }

    @Test func decodesCronJobAndItsFailedJob() throws {
        let decoder = KubernetesJSON.decoder()
        let cronJob = try decoder.decode(CronJob.self, from: Data(EventAndJobFixtures.cronJob.utf8))
        #expect(cronJob.spec?.schedule == "0 9 * * *")
        #expect(cronJob.spec?.suspend == false)
        #expect(cronJob.spec?.jobTemplate?.metadata?.labels == ["app": "report"])
        #expect(cronJob.spec?.jobTemplate?.spec?.ttlSecondsAfterFinished == 600)
        #expect(cronJob.effectiveSuccessfulJobsHistoryLimit == 3)
        #expect(cronJob.effectiveFailedJobsHistoryLimit == 1)
        #expect(cronJob.status?.active?.map(\.name) == ["nightly-report-28577400"])
        #expect(cronJob.status?.lastSuccessfulTime == date("2024-04-30T09:04:51Z"))

        let job = try decoder.decode(Job.self, from: Data(EventAndJobFixtures.job.utf8))
        #expect(job.isFinished && job.hasFailed)
        #expect(job.spec?.backoffLimit == 0 && job.spec?.completions == 1)
        #expect(job.status?.failed == 1 && job.status?.succeeded == nil)
        #expect(job.status?.completionTime == nil)
        #expect(job.metadata.controller?.kind == "CronJob")
    }

    @Test func emptyAndNullItemsDecodeAsEmptyLists() throws {
        #expect(try decodeList(Namespace.self, #"{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}"#).isEmpty)
        #expect(try decodeList(Namespace.self, #"{"apiVersion":"v1","items":null,"kind":"List"}"#).isEmpty)
    }

    @Test(arguments: [
        ("2024-05-01T10:00:00Z", 1_714_557_600.0),
        ("2024-05-01T10:00:00.123456Z", 1_714_557_600.123456),
        ("2024-05-01T19:00:00+09:00", 1_714_557_600.0),
    ])
    func parsesTimeAndMicroTime(text: String, seconds: Double) throws {
        let parsed = try #require(KubernetesJSON.parseTimestamp(text))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_01)
    }

    @Test(arguments: ["", "yesterday", "2024-05-01", "2024-05-01 10:00:00"])
    func rejectsWhatIsNotATimestamp(text: String) {
        #expect(KubernetesJSON.parseTimestamp(text) == nil)
    }

    @Test func aBadTimestampIsADecodingErrorNotACrash() {
        let json = #"{"metadata":{"name":"x","creationTimestamp":"soon"}}"#
        #expect(throws: DecodingError.self) {
            try KubernetesJSON.decoder().decode(Namespace.self, from: Data(json.utf8))
        }
    }

    @Test func timestampsRoundTripThroughTheEncoder() throws {
        let event = Event(metadata: ObjectMeta(name: "e"), involvedObject: ObjectReference(kind: "Pod"), eventTime: date("2024-05-01T09:50:12.481732Z"))
        let data = try KubernetesJSON.encoder().encode(event)
        #expect(String(decoding: data, as: UTF8.self).contains("\"eventTime\":\"2024-05-01T09:50:12.481"))
        let decoded = try KubernetesJSON.decoder().decode(Event.self, from: data)
        #expect(abs(decoded.eventTime!.timeIntervalSince(event.eventTime!)) < 0.001)
    }

    @Test func resourceNamesAndScopes() {
        #expect(Pod.resource == "pods" && Pod.isNamespaced)
        #expect(Node.resource == "nodes" && !Node.isNamespaced)
        #expect(Event.resource == "events" && Event.isNamespaced)
        #expect(Job.resource == "jobs.batch" && Job.isNamespaced)
        #expect(CronJob.resource == "cronjobs.batch" && CronJob.isNamespaced)
        #expect(Namespace.resource == "namespaces" && !Namespace.isNamespaced)
    }
}
