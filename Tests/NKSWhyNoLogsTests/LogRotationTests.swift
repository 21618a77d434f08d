// Rotated container logs: the file names of the kubelet's container log manager and of
// docker's json-file driver (and logrotate), the node listing's parser, and the verdict.
import Foundation
import NKSCore
import Testing
@testable import NKSWhyNoLogs

struct RotatedNameCase: Sendable, CustomTestStringConvertible {
    var name: String
    var layout: ContainerLogFiles.Layout
    var rotated: Bool
    var testDescription: String { "\(layout.rawValue) \(name)" }
}

// pkg/kubelet/logs/container_log_manager.go: "%s.%s" with timestampFormat "20060102-150405",
// compressedLogSuffix ".gz", tmpSuffix ".tmp"; moby's loggerutils: "<file>.N" and ".N.gz";
// logrotate's dateext with the NKS image's dateformat "-%Y%m%d-%s".
let rotatedNames: [RotatedNameCase] = [
    .init(name: "0.log", layout: .cri, rotated: false),
    .init(name: "3.log", layout: .cri, rotated: false),
    .init(name: "0.log.20240101-120000", layout: .cri, rotated: true),
    .init(name: "0.log.20240101-115500.gz", layout: .cri, rotated: true),
    .init(name: "0.log.20240101-115500.gz.tmp", layout: .cri, rotated: false),
    .init(name: "0.log.tmp", layout: .cri, rotated: false),
    .init(name: "0.log.2024010-120000", layout: .cri, rotated: false),
    .init(name: "abc-json.log", layout: .docker, rotated: false),
    .init(name: "abc-json.log.1", layout: .docker, rotated: true),
    .init(name: "abc-json.log.2.gz", layout: .docker, rotated: true),
    .init(name: "abc-json.log-20240101-1704067200.gz", layout: .docker, rotated: true),
    .init(name: "abc-json.log.0", layout: .docker, rotated: false),
    .init(name: "config.v2.json", layout: .docker, rotated: false),
]

@Test(arguments: rotatedNames)
func recognisesRotatedFileNames(_ c: RotatedNameCase) {
    #expect(ContainerLogFiles.isRotated(c.name, layout: c.layout) == c.rotated)
}

@Test func parsesTheNodeListingAndSkipsWhatDoesNotFit() throws {
    let id = "d0c4e7"
    let output = """
    dir /var/log/pods/shop_cart_9a7b/cart
    file 0 1767000000 /var/log/pods/shop_cart_9a7b/cart/0.log
    dir /var/lib/docker/containers/\(id)
    file 120 1767000100 /var/lib/docker/containers/\(id)/\(id)-json.log
    file 10485760 1767000050 /var/lib/docker/containers/\(id)/\(id)-json.log.1
    file 99 1767000050 /etc/shadow
    file x 1767000050 /var/lib/docker/containers/\(id)/\(id)-json.log.2
    file 5 1767000050 /var/lib/docker/containers/\(id)/sub/\(id)-json.log.3
    opt "max-size": "10m"
    opt "max-file": "3"
    """
    let files = try #require(LogDirectoryProbe.parse(output))
    #expect(files.layout == .docker, "dockershim's N.log is a symlink to docker's file: docker's directory holds the rotations")
    #expect(files.directory == "/var/lib/docker/containers/\(id)")
    #expect(files.files.map(\.name) == ["\(id)-json.log", "\(id)-json.log.1"])
    #expect(files.current?.name == "\(id)-json.log")
    #expect(files.rotated.map(\.size) == [10_485_760])
    #expect(files.dockerLogOptions == ["max-size": "10m", "max-file": "3"])
    #expect(LogDirectoryProbe.parse("") == nil)
    #expect(LogDirectoryProbe.parse("dir /var/log/pods/a_b_c/d\n")?.layout == .cri)
}

@Test func theProbeQuotesNamesAndGlobsOnlyAMissingUID() {
    let known = LogDirectoryProbe(containerID: "abc", namespace: "ns", pod: "p", podUID: "u-1", container: "c").command.command
    #expect(known.contains(" /var/log/pods/'ns_p_''u-1'/'c' /var/lib/docker/containers/'abc'; do"))
    #expect(known.hasPrefix("cri=$(crictl inspect 'abc' 2>/dev/null"))
    let gone = LogDirectoryProbe(containerID: "abc", namespace: "ns", pod: "p", podUID: nil, container: "c").command.command
    #expect(gone.contains(" /var/log/pods/'ns_p_'*/'c' "))
}

// The runtime's logPath wins over the default places: a kubelet with another podLogsDir, or
// docker with another data-root. Run for real with sh, crictl and docker stubbed on PATH.
@Test(arguments: ["crictl", "docker"])
func theProbeListsTheDirectoryTheRuntimeNames(_ runtime: String) async throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("nks-logdir-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let bin = root.appendingPathComponent("bin"), logs = root.appendingPathComponent("logs/ns_p_u/c")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    let current = runtime == "crictl" ? "0.log" : "abc-json.log"
    let rotated = runtime == "crictl" ? "0.log.20260110-101500" : "abc-json.log.1"
    try Data("x\n".utf8).write(to: logs.appendingPathComponent(current))
    try Data("older\n".utf8).write(to: logs.appendingPathComponent(rotated))
    // crictl inspect prints indented JSON with status.logPath; docker inspect --format prints the path.
    let answer = runtime == "crictl"
        ? "printf '{\\n  \"status\": {\\n    \"logPath\": \"%s\",\\n    \"state\": \"CONTAINER_RUNNING\"\\n  }\\n}\\n' '\(logs.path)/\(current)'"
        : "echo '\(logs.path)/\(current)'"
    try Data("#!/bin/sh\n[ \"$1\" = inspect ] && \(answer)\n".utf8).write(to: bin.appendingPathComponent(runtime))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent(runtime).path)
    let script = LogDirectoryProbe(containerID: "abc", namespace: "ns", pod: "p", podUID: "u", container: "c").command.command
    let run = try await SubprocessRunner().run(ProcessInvocation("sh", ["-c", script], environment: ["PATH": bin.path + ":/usr/bin:/bin"], timeout: .seconds(60)))
    #expect(run.succeeded, "\(run.standardErrorText)")
    let files = try #require(LogDirectoryProbe.parse(run.standardOutputText), "\(run.standardOutputText)")
    #expect(files.directory == logs.path)
    #expect(files.layout == (runtime == "crictl" ? .cri : .docker))
    #expect(files.rotated.map(\.name) == [rotated])
    #expect(files.current?.name == current)
}

enum RotationFixture {
    static func running(read: String, files: [ContainerLogFiles.File]?) -> EvidenceSet {
        var e = EvidenceSet(target: LogTarget(namespace: "rotated", pod: "chatty-2"), now: Fixture.date("2026-01-10T12:00:00Z"))
        e.tailLines = 10
        e.read = LogRead(PodLogs(command: "kubectl logs", exitCode: 0, output: Data(read.utf8), standardError: ""))
        let running = ContainerState.Running(startedAt: Fixture.date("2026-01-10T09:00:00Z"))
        e.pod = Pod(metadata: ObjectMeta(name: "chatty-2", namespace: "rotated"), spec: Pod.Spec(nodeName: "worker-3"),
                    status: Pod.Status(phase: "Running", containerStatuses: [ContainerStatus(name: "chatty", containerID: "containerd://c4a77e", state: ContainerState(running: running))]))
        e.nodeName = "worker-3"
        e.kubeletConfig = KubeletConfigSummary(containerLogMaxSize: "10Mi", containerLogMaxFiles: 5)
        e.logFiles = files.map { ContainerLogFiles(layout: .cri, directory: "/var/log/pods/rotated_chatty-2_u/chatty", files: $0) }
        return e
    }

    static let current = ContainerLogFiles.File(name: "0.log", size: 0, modified: Fixture.date("2026-01-10T11:59:00Z"))
    static let rotated = ContainerLogFiles.File(name: "0.log.20260110-101500", size: 10_485_760, modified: Fixture.date("2026-01-10T10:15:00Z"))
    /// Written before this container instance started: an earlier instance's output.
    static let stale = ContainerLogFiles.File(name: "0.log.20260109-101500.gz", size: 1_000_000, modified: Fixture.date("2026-01-09T10:15:00Z"))
}

@Test func anEmptyReadBesideRotatedFilesIsLogRotatedNotNoOutput() {
    let d = Diagnosis(RotationFixture.running(read: "", files: [RotationFixture.current, RotationFixture.rotated]))
    #expect(d.cause == .logRotated)
    #expect(d.summary.contains("1 rotated file (10.0 MiB)"), "\(d.summary)")
    #expect(d.evidence.contains { $0.text.hasPrefix("0.log.20260110-101500  10.0 MiB  modified 2026-01-10T10:15:00Z") })
    #expect(d.evidence.contains { $0.source == "kubelet configz" && $0.text == "containerLogMaxSize=10Mi containerLogMaxFiles=5" })
    #expect(d.alternatives.first { $0.cause == .noOutput }?.confidence == 0)
    #expect(d.remediations.contains { $0.detail.contains("sudo cat '/var/log/pods/rotated_chatty-2_u/chatty/0.log.20260110-101500'") })
    #expect(d.remediations.contains { $0.detail.contains("(now 10Mi x 5)") && $0.detail.contains("--preset kubelet-container-logs") })
}

@Test func noOutputOnlyWhenNothingWasRotatedSinceTheContainerStarted() {
    let nothing = Diagnosis(RotationFixture.running(read: "", files: [RotationFixture.current, RotationFixture.stale]))
    #expect(nothing.cause == .noOutput)
    #expect(nothing.confidence == 0.9)
    let unchecked = Diagnosis(RotationFixture.running(read: "", files: nil))
    #expect(unchecked.cause == .noOutput)
    #expect(unchecked.confidence == 0.6)
    #expect(unchecked.summary.contains("could not be checked for rotated files"))
}

@Test func aShortReadBesideRotatedFilesIsLogRotatedAndAFullOneIsOk() {
    let short = Diagnosis(RotationFixture.running(read: "tick 1\ntick 2\n", files: [RotationFixture.current, RotationFixture.rotated]))
    #expect(short.cause == .logRotated)
    #expect(short.summary.contains("returned only 2 lines"))
    let full = Diagnosis(RotationFixture.running(read: (1...10).map { "tick \($0)\n" }.joined(), files: [RotationFixture.current, RotationFixture.rotated]))
    #expect(full.cause == .ok)
}

@Test func dockerRotationIsFixedInDaemonJSON() {
    var e = RotationFixture.running(read: "", files: nil)
    e.logFiles = ContainerLogFiles(layout: .docker, directory: "/var/lib/docker/containers/abc", files: [
        .init(name: "abc-json.log", size: 0, modified: Fixture.date("2026-01-10T11:59:00Z")),
        .init(name: "abc-json.log.1", size: 10_000_000, modified: Fixture.date("2026-01-10T11:00:00Z")),
    ], dockerLogOptions: ["max-size": "10m", "max-file": "2"])
    let d = Diagnosis(e)
    #expect(d.cause == .logRotated)
    #expect(d.evidence.contains { $0.source == "docker daemon.json log-opts" && $0.text == "max-file=2 max-size=10m" })
    #expect(d.remediations.contains { $0.detail.contains("(now max-file=2 max-size=10m)") && $0.detail.contains("/etc/docker/daemon.json") })
    #expect(!d.remediations.contains { $0.detail.contains("kubelet-container-logs") }, "the kubelet does not rotate docker's files")
}

@Test func theKubeletConfigFileGivesTheRotationSettings() {
    let yaml = """
    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    containerLogMaxSize: 50Mi
    containerLogMaxFiles: 3
    evictionHard:
      nodefs.available: 10%
    """
    let summary = KubeletConfigSummary.parseFile(yaml)
    #expect(summary?.containerLogMaxSize == "50Mi")
    #expect(summary?.containerLogMaxFiles == 3)
    #expect(summary?.evictionHard == ["nodefs.available": "10%"])
    #expect(KubeletConfigSummary.parseFile("cat: /var/lib/kubelet/config.yaml: No such file or directory") == nil)
}
