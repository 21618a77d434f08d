// The recogniser against real kubelet lines from several versions and wrappers.
import Foundation
import Testing
@testable import NKSWhyNoLogs

struct KubeletLineCase: Sendable, CustomTestStringConvertible {
    var note: String
    var line: String
    var signal: KubeletSignal
    var time: String?
    var testDescription: String { note }
}

/// A window that starts with 2023, so yearless klog/journal times land in 2023.
let reference2023 = ISO8601DateFormatter().date(from: "2023-01-01T00:00:00Z")!

let kubeletCorpus: [KubeletLineCase] = [
    // Seed 001, kubelet v1.23.9 (structured logging, klog v2), eviction_manager.go:338.
    KubeletLineCase(note: "1.23 structured reclaim", line: #"I0214 08:38:39.199718    5148 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage""#, signal: .reclaimAttempt(resource: "ephemeral-storage"), time: "2023-02-14T08:38:39Z"),
    KubeletLineCase(note: "1.23 structured container GC", line: #"I0214 08:38:39.201508    5148 container_gc.go:85] "Attempting to delete unused containers""#, signal: .deleteUnusedContainers),
    KubeletLineCase(note: "1.23 structured RemoveContainer (topologymanager scope.go)", line: #"I0214 08:38:39.203363    5148 scope.go:110] "RemoveContainer" containerID="aa176ae956aa102c5a65b83c9c21f95f5cb19adf77e1205b189663252fd859d7""#, signal: .removeContainer(id: "aa176ae956aa102c5a65b83c9c21f95f5cb19adf77e1205b189663252fd859d7")),
    KubeletLineCase(note: "1.23 structured image GC", line: #"I0214 08:38:39.617581    5148 image_gc_manager.go:327] "Attempting to delete unused images""#, signal: .deleteUnusedImages),
    KubeletLineCase(note: "1.23 structured end of reclaim", line: #"I0214 08:38:39.722762    5148 eviction_manager.go:345] "Eviction manager: able to reduce resource pressure without evicting pods." resourceName="ephemeral-storage""#, signal: .reducedWithoutEvicting(resource: "ephemeral-storage")),
    // Seed 001: the kubelet's line when kubectl logs asks for a removed container (journal of a kubelet run by docker).
    KubeletLineCase(note: "1.23 ContainerStatus NotFound in journal", line: #"Apr 07 09:23:18 worker-1 docker[5013]: E0407 09:23:18.813824    5126 remote_runtime.go:597] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \"4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35\": not found" containerID="4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35""#, signal: .containerStatusNotFound(id: "4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35"), time: "2023-04-07T09:23:18Z"),
    // kubelet 1.18–1.20 topology manager (klog.Infof "[topologymanager] RemoveContainer - Container ID: %v"), microk8s journal.
    KubeletLineCase(note: "1.18-1.20 topologymanager RemoveContainer", line: "Apr 01 05:33:40 ubuntu1 microk8s.daemon-kubelet[3596]: I0401 05:33:40.573887    3596 topology_manager.go:221] [topologymanager] RemoveContainer - Container ID: 361281aac25652d21c627b18bc71ebd71415bad33dc1964d8d7f4c46dca9d68b", signal: .removeContainer(id: "361281aac25652d21c627b18bc71ebd71415bad33dc1964d8d7f4c46dca9d68b"), time: "2023-04-01T05:33:40Z"),
    // kubelet 1.10–1.20 glog/klog text: "eviction manager: attempting to reclaim %v".
    KubeletLineCase(note: "1.10-1.20 text reclaim", line: "I0214 08:38:39.199718    5148 eviction_manager.go:344] eviction manager: attempting to reclaim ephemeral-storage", signal: .reclaimAttempt(resource: "ephemeral-storage")),
    KubeletLineCase(note: "1.10-1.20 text container GC", line: "I0214 08:38:39.201508    5148 container_gc.go:85] attempting to delete unused containers", signal: .deleteUnusedContainers),
    KubeletLineCase(note: "1.10-1.20 text end of reclaim", line: "I0214 08:38:39.722762    5148 eviction_manager.go:351] eviction manager: able to reduce ephemeral-storage pressure without evicting pods.", signal: .reducedWithoutEvicting(resource: "ephemeral-storage")),
    KubeletLineCase(note: "1.10-1.20 text must evict", line: "W0214 08:40:02.000001    5148 eviction_manager.go:356] eviction manager: must evict pod(s) to reclaim ephemeral-storage", signal: .mustEvict(resource: "ephemeral-storage")),
    KubeletLineCase(note: "1.10-1.20 text pod evicted", line: "I0214 08:40:03.100000    5148 eviction_manager.go:563] eviction manager: pod disk-pressure-test-n4rgw_batch(0b1e1c6a-7a38-4d2e-9f3a-9c1f6f0e2a11) is evicted successfully", signal: .podEvicted(pod: "disk-pressure-test-n4rgw_batch(0b1e1c6a-7a38-4d2e-9f3a-9c1f6f0e2a11")),
    // kubelet 1.7–1.9: the eviction manager deleted containers itself (kubernetes PR 45896).
    KubeletLineCase(note: "1.8 text reclaim nodefs", line: "I1107 10:01:02.345678    1234 eviction_manager.go:325] eviction manager: attempting to reclaim nodefs", signal: .reclaimAttempt(resource: "nodefs")),
    KubeletLineCase(note: "1.8 eviction manager deletes containers", line: "I1107 10:01:02.345999    1234 helpers.go:1070] eviction manager: attempting to delete unused containers", signal: .deleteUnusedContainers),
    // kubelet ≥1.21 structured eviction.
    KubeletLineCase(note: "1.21+ structured must evict", line: #"I0214 08:40:02.000001    5148 eviction_manager.go:368] "Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage""#, signal: .mustEvict(resource: "ephemeral-storage")),
    KubeletLineCase(note: "1.21+ structured pod evicted", line: #"I0214 08:40:03.100000    5148 eviction_manager.go:592] "Eviction manager: pod is evicted successfully" pod="batch/disk-pressure-test-n4rgw""#, signal: .podEvicted(pod: "batch/disk-pressure-test-n4rgw")),
    // journalctl -o short-iso-precise (what the fallback asks for) around a structured line.
    KubeletLineCase(note: "short-iso-precise journal", line: #"2023-02-14T08:38:39.203363+0000 worker-1 kubelet[5148]: I0214 08:38:39.203363    5148 scope.go:110] "RemoveContainer" containerID="7a0531f9dea7aeac6d18eece63bc6127cabd744bbd993feade307dcd27ad5e87""#, signal: .removeContainer(id: "7a0531f9dea7aeac6d18eece63bc6127cabd744bbd993feade307dcd27ad5e87"), time: "2023-02-14T08:38:39Z"),
    // --logging-format=json (component-base JSON logger: ts in seconds, msg, key/values).
    KubeletLineCase(note: "JSON logging reclaim", line: #"{"ts":1676363919.199718,"caller":"eviction/eviction_manager.go:338","msg":"Eviction manager: attempting to reclaim","v":0,"resourceName":"ephemeral-storage"}"#, signal: .reclaimAttempt(resource: "ephemeral-storage"), time: "2023-02-14T08:38:39Z"),
    KubeletLineCase(note: "JSON logging RemoveContainer", line: #"{"ts":1676363919.203363,"caller":"topologymanager/scope.go:110","msg":"RemoveContainer","v":0,"containerID":"aa176ae956aa102c5a65b83c9c21f95f5cb19adf77e1205b189663252fd859d7"}"#, signal: .removeContainer(id: "aa176ae956aa102c5a65b83c9c21f95f5cb19adf77e1205b189663252fd859d7")),
]

@Test(arguments: kubeletCorpus)
func recognisesKubeletLine(_ c: KubeletLineCase) throws {
    let line = try #require(KubeletLogLine.recognise(c.line, reference: reference2023))
    #expect(line.signal == c.signal)
    if let expected = c.time {
        let time = try #require(line.time)
        #expect(ReportTime.format(time) == expected)
    }
}

@Test(arguments: [
    #"I0214 08:38:39.250000    5148 kubelet.go:2100] "SyncLoop (PLEG): event for pod" pod="batch/hello-26fmz""#,
    "Apr 07 09:23:18 worker-1 kubelet[5126]: I0407 09:23:18.816897    5126 log.go:184] http: superfluous response.WriteHeader call from k8s.io/kubernetes/vendor/github.com/emicklei/go-restful.(*Response).WriteHeader (response.go:220)",
    "-- No entries --",
])
func ignoresUnrelatedLines(_ text: String) {
    #expect(KubeletLogLine.recognise(text, reference: reference2023) == nil)
}

@Test func aWindowAcrossNewYearDatesBothSides() throws {
    let window = ISO8601DateFormatter().date(from: "2023-12-31T20:00:00Z")!
    let december = try #require(KubeletLogLine.recognise(#"I1231 23:59:00.000000    1 container_gc.go:85] "Attempting to delete unused containers""#, reference: window))
    let january = try #require(KubeletLogLine.recognise(#"I0101 00:01:00.000000    1 container_gc.go:85] "Attempting to delete unused containers""#, reference: window))
    #expect(ReportTime.format(try #require(december.time)) == "2023-12-31T23:59:00Z")
    #expect(ReportTime.format(try #require(january.time)) == "2024-01-01T00:01:00Z")
}

@Test func containerIDsMatchShortenedAndPrefixed() {
    #expect(KubeletLogLine.sameContainer("containerd://4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35", "4703b9db41779"))
    #expect(!KubeletLogLine.sameContainer("4703b9db4177926a", "aa176ae956aa102c"))
}
