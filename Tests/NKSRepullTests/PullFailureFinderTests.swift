// Finding failing containers from statuses and events, which often disagree.
import Foundation
import Testing
import NKSCore
@testable import NKSRepull

@Test func statusWithBareBackOffTakesTheCauseFromAnOlderEvent() {
    // Kubernetes < 1.32: the status holds only the back-off line; the Failed event the cause.
    let pod = Fixture.pod("web-1", node: "n1", image: "nginx:1.25", reason: "ImagePullBackOff", message: #"Back-off pulling image "nginx:1.25""#)
    let events = [
        Fixture.event(pod: "web-1", reason: "Failed", message: #"Failed to pull image "nginx:1.25": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.25": failed to resolve reference "docker.io/library/nginx:1.25": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/nginx/manifests/1.25: 429 Too Many Requests"#, at: 100),
        Fixture.event(pod: "web-1", reason: "BackOff", message: #"Back-off pulling image "nginx:1.25""#, at: 200),
    ]
    let failures = PullFailureFinder.find(pods: [pod], events: events)
    #expect(failures.count == 1)
    #expect(failures.first?.cause == .rateLimited)
    #expect(failures.first?.message.contains("429 Too Many Requests") == true)
    // Distinct texts only: the BackOff event repeats the status line.
    #expect(failures.first?.evidence.count == 2)
    #expect(failures.first?.evidence.first == #"Back-off pulling image "nginx:1.25""#)
}

@Test func statusCarriesTheCauseWhileTheEventDoesNot() {
    // Kubernetes ≥ 1.32: `Back-off pulling image "X": ErrImagePull: <cause>` in the status only.
    let message = #"Back-off pulling image "k8s.gcr.io/pause:3.2": ErrImagePull: failed to pull and unpack image "k8s.gcr.io/pause:3.2": failed to resolve reference "k8s.gcr.io/pause:3.2": failed to do request: Head "https://k8s.gcr.io/v2/pause/manifests/3.2": dial tcp 74.125.204.82:443: i/o timeout"#
    let pod = Fixture.pod("web-2", node: "n1", image: "k8s.gcr.io/pause:3.2", reason: "ImagePullBackOff", message: message)
    let events = [Fixture.event(pod: "web-2", reason: "BackOff", message: #"Back-off pulling image "k8s.gcr.io/pause:3.2""#, at: 300)]
    let failures = PullFailureFinder.find(pods: [pod], events: events)
    #expect(failures.map(\.cause) == [.registryUnreachable])
    #expect(failures.first?.message == message)
}

@Test func initContainersAreFound() {
    let pod = Fixture.pod("job-1", node: "n1", image: "app:1", reason: "ErrImagePull",
                          message: #"rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/migrate:9": failed to resolve reference "docker.io/library/migrate:9": docker.io/library/migrate:9: not found"#,
                          initImage: "migrate:9")
    let failures = PullFailureFinder.find(pods: [pod], events: [])
    #expect(failures.map(\.container) == ["init"])
    #expect(failures.first?.isInitContainer == true)
    #expect(failures.first?.cause == .imageNotFound)
}

@Test func eventsAloneReportAFailureTheStatusDoesNotYetShow() {
    var pod = Fixture.pod("web-3", node: "n1", image: "acme/big:1.0", reason: "ContainerCreating", message: nil)
    pod.status?.containerStatuses = nil
    let events = [Fixture.event(pod: "web-3", reason: "Failed", message: #"Failed to pull image "acme/big:1.0": rpc error: code = Unknown desc = context canceled"#, at: 10)]
    let failures = PullFailureFinder.find(pods: [pod], events: events)
    #expect(failures.map(\.cause) == [.pullProgressTimeout])
    #expect(failures.first?.waitingReason == nil)
}

@Test func runningContainersAndCrashLoopsAreNotPullFailures() {
    var running = Fixture.pod("ok", node: "n1", image: "nginx", reason: "x", message: nil)
    running.status?.containerStatuses = [ContainerStatus(name: "app", state: .init(running: .init()))]
    let crash = Fixture.pod("crash", node: "n1", image: "nginx", reason: "CrashLoopBackOff", message: "back-off 5m0s restarting failed container=app")
    let events = [Fixture.event(pod: "crash", reason: "BackOff", message: "Back-off restarting failed container app in pod crash_shop", at: 1)]
    #expect(PullFailureFinder.find(pods: [running, crash], events: events).isEmpty)
}
