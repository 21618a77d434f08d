// `kubectl nks-why-nologs` end to end: the real kubectl runs the built plugin against the
// lab's API server and sshd nodes of the nologs-cases scenario, one case per namespace.
import Foundation
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct WhyNoLogsOnLabTests {
    struct Item: Decodable {
        struct Entry: Decodable { var source: String; var text: String }
        struct Alternative: Decodable { var cause: String; var confidence: Double }
        struct Step: Decodable { var time: String; var event: String; var source: String }
        struct Fix: Decodable { var title: String; var detail: String }
        var namespace: String
        var pod: String
        var cause: String
        var confidence: Double
        var summary: String
        var evidence: [Entry]
        var timeline: [Step]
        var alternatives: [Alternative]
        var remediations: [Fix]
    }
    struct Items: Decodable { var items: [Item] }

    @Test func everyCaseGetsItsCauseAndEvidence() async throws {
        try await withLab(scenario: "nologs-cases", nodes: 5) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            func explain(_ arguments: [String]) async throws -> (Item, Int32) {
                let run = try await plugin.kubectl(["nks-why-nologs"] + arguments + ["-o", "json"])
                let item = try JSONDecoder().decode(Item.self, from: run.standardOutput)
                return (item, run.exitCode)
            }

            // Seed 001: the error arrives in a 200 body; the node log query witnesses the removal.
            let (seed, seedExit) = try await explain(["hello-26fmz", "-n", "batch"])
            #expect(seedExit == 1)
            #expect(seed.cause == "container-gc-disk-pressure")
            #expect(seed.evidence.contains { $0.source == "kubectl logs" && $0.text.hasPrefix("unable to retrieve container logs for containerd://4703b9db") })
            #expect(seed.evidence.contains { $0.source == "kubelet log (node log query)" && $0.text.contains(#""Eviction manager: attempting to reclaim" resourceName="ephemeral-storage""#) })
            #expect(seed.evidence.contains { $0.text.contains(#""RemoveContainer" containerID="4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35""#) })
            #expect(!seed.evidence.contains { $0.text.contains("aa176ae956aa") }, "another container's removal is not this pod's evidence")
            #expect(seed.evidence.contains { $0.source == "event node/worker-1" && $0.text.contains("EvictionThresholdMet") })
            #expect(seed.timeline.map(\.event).contains("container 4703b9db41779 removed"))

            // Node log query disabled: the v1.19 text lines come from journalctl over SSH.
            let (legacy, _) = try await explain(["report-7x2kq", "-n", "legacy"])
            #expect(legacy.cause == "container-gc-disk-pressure")
            #expect(legacy.evidence.contains { $0.source == "kubelet log (journalctl)" && $0.text.contains("eviction manager: attempting to reclaim ephemeral-storage") })
            #expect(legacy.evidence.contains { $0.text.contains("[topologymanager] RemoveContainer - Container ID: 9c2f4e8a1b7d") })
            #expect(legacy.evidence.contains { $0.source == "note" && $0.text.contains("node log query is disabled on worker-2") })
            // Calls are recorded shell-quoted: 'journalctl' '-u' 'kubelet' …
            let worker2 = try await lab.calls(on: "worker-2")
            #expect(worker2.contains { $0.hasPrefix("'journalctl' '-u' 'kubelet'") })
            #expect(worker2.contains { $0 == "'crictl' 'inspect' '9c2f4e8a1b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e'" })
            // worker-1 answered through the node log query: no journal read over SSH there.
            #expect(!(try await lab.calls(on: "worker-1")).contains { $0.hasPrefix("'journalctl'") })

            let (replaced, _) = try await explain(["etl-5m8wz", "-n", "replaced"])
            #expect(replaced.cause == "node-gone")
            #expect(replaced.evidence.contains { $0.text.contains("RemovingNode") })

            let (evicted, _) = try await explain(["scratch-n4rgw", "-n", "evicted"])
            #expect(evicted.cause == "pod-evicted")
            #expect(evicted.evidence.contains { $0.text.contains("The node was low on resource: ephemeral-storage") })

            let (ok, okExit) = try await explain(["api-6f9c", "-n", "web"])
            #expect(ok.cause == "ok")
            #expect(okExit == 0)

            // The same pod once RBAC denies pods/log: the apiserver's 403 is the cause.
            await lab.state.forbid(verb: "get", resource: "pods/log", namespace: "web", user: "*")
            let (denied, deniedExit) = try await explain(["api-6f9c", "-n", "web"])
            #expect(denied.cause == "forbidden")
            #expect(deniedExit == 1)
            #expect(denied.evidence.contains { $0.source == "kubectl logs" && $0.text.contains("forbidden") })

            // One pod per remaining cause: the reproduced read, the runtime and the kubelet decide.
            let expected: [(arguments: [String], cause: String, evidence: String)] = [
                (["worker-q7", "-n", "gc", "--previous"], "container-gc-policy", #""RemoveContainer" containerID="6c0ffee0000"#),
                (["chatty-1", "-n", "rotated"], "log-rotated", "failed to try resolving symlinks in path"),
                (["pull-abc", "-n", "waiting"], "container-not-started", "is waiting to start: trying and failing to pull image"),
                (["silent-1", "-n", "quiet"], "no-output", "0.log  0 B"),
                (["agent-x1", "-n", "dark"], "node-unreachable", "Ready=Unknown"),
            ]
            for (arguments, cause, evidence) in expected {
                let (item, exit) = try await explain(arguments)
                #expect(item.cause == cause, "\(arguments): \(item.summary)")
                #expect(item.evidence.contains { $0.text.contains(evidence) }, "\(arguments): \(item.evidence.map(\.text))")
                #expect(exit == 1)
            }

            // A CronJob whose Job and pod its history limit removed: found through events.
            let cron = try await plugin.kubectl(["nks-why-nologs", "--cronjob", "nightly", "-n", "nightly", "-o", "json"])
            #expect(cron.exitCode == 1, "\(cron.standardErrorText)")
            let items = try JSONDecoder().decode(Items.self, from: cron.standardOutput).items
            #expect(items.map(\.pod) == ["nightly-29470200-x7k2p"])
            #expect(items.first?.cause == "pod-deleted")
            #expect(items.first?.summary.contains("keeps only 1 successful") == true)

            // The human report and the grouped table.
            let report = try await plugin.kubectl(["nks-why-nologs", "hello-26fmz", "-n", "batch"])
            #expect(report.standardOutputText.contains("Cause: container-gc-disk-pressure"))
            #expect(report.standardOutputText.contains("kubectl nks-sync init --preset kubelet-image-gc"))
            let table = try await plugin.kubectl(["nks-why-nologs", "--job", "hello", "-n", "batch"])
            #expect(table.standardOutputText.hasPrefix("CAUSE "))
            #expect(table.standardOutputText.contains("1 pod: 1 container-gc-disk-pressure"))

            let bad = try await plugin.kubectl(["nks-why-nologs", "--job", "nothing", "-n", "batch"])
            #expect(bad.exitCode == 2)
            #expect(bad.standardErrorText.hasPrefix("error: no pods of Job nothing"))
        }
    }

    /// `kubectl nks-why-nologs` through the real kubectl, once.
    func explain(_ plugin: PluginHarness, _ arguments: [String]) async throws -> (Item, Int32) {
        let run = try await plugin.kubectl(["nks-why-nologs"] + arguments + ["-o", "json"])
        return (try JSONDecoder().decode(Item.self, from: run.standardOutput), run.exitCode)
    }

    // Rotated logs: the output exists in files the kubelet does not serve, in the kubelet's
    // layout on containerd and in dockerd's on docker; listed over SSH from the node.
    @Test func rotatedLogsOfContainerdAndDockerAreFoundOnTheNode() async throws {
        try await withLab(scenario: "nologs-cases", nodes: 5) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])

            // containerd: an empty 0.log beside 0.log.<timestamp> and an older .gz.
            let (cri, criExit) = try await explain(plugin, ["chatty-2", "-n", "rotated"])
            #expect(criExit == 1)
            #expect(cri.cause == "log-rotated", "\(cri.summary)")
            #expect(cri.summary.contains("kubelet serves only the current log file"), "\(cri.summary)")
            let directory = "/var/log/pods/rotated_chatty-2_3f1c2b8e-0000-4000-8000-00000000c4a7/chatty"
            let files = cri.evidence.filter { $0.source == "log files on worker-3 in \(directory)" }.map(\.text)
            #expect(files.contains { $0.hasPrefix("0.log.20260110-101500  ") && $0.hasSuffix("(rotated, not served)") }, "\(files)")
            #expect(files.contains { $0.hasPrefix("0.log.20260110-094500.gz  ") && $0.hasSuffix("(rotated, not served)") }, "\(files)")
            #expect(files.contains { $0.hasPrefix("0.log  0 B  modified ") && $0.hasSuffix("(current, served by kubectl logs)") }, "\(files)")
            #expect(cri.evidence.contains { $0.source == "kubelet configz" && $0.text == "containerLogMaxSize=10Mi containerLogMaxFiles=5" })
            #expect(cri.alternatives.contains { $0.cause == "no-output" && $0.confidence == 0 }, "no-output only when there is really nothing")
            #expect(cri.remediations.contains { $0.detail.contains("kubectl nks-sync init --preset kubelet-container-logs") })
            #expect(cri.remediations.contains { $0.title == "Ship logs to a logging backend" })
            // The runtime named the file (crictl inspect's logPath); docker was asked too.
            let worker3 = try await lab.calls(on: "worker-3")
            #expect(worker3.contains("'crictl' 'inspect' 'c4a77e0000000000000000000000000000000000000000000000000000000002'"))
            #expect(worker3.contains("'docker' 'inspect' '--format' '{{.LogPath}}' 'c4a77e0000000000000000000000000000000000000000000000000000000002'"))

            // The kubelet's own report of a missing file, with the rotated file still there.
            let (missing, _) = try await explain(plugin, ["chatty-1", "-n", "rotated"])
            #expect(missing.cause == "log-rotated")
            #expect(missing.confidence == 0.9)
            #expect(missing.evidence.contains { $0.text.hasPrefix("0.log.20260110-101500  ") })

            // docker: two lines from <id>-json.log, the rest in .1 and .2 (max-size/max-file).
            let (docker, dockerExit) = try await explain(plugin, ["cart-7c9d", "-n", "shop"])
            #expect(dockerExit == 1)
            #expect(docker.cause == "log-rotated", "\(docker.summary)")
            #expect(docker.summary.contains("returned only 2 lines"), "\(docker.summary)")
            let id = "d0c4e70000000000000000000000000000000000000000000000000000000001"
            let dockerFiles = docker.evidence.filter { $0.source == "log files on worker-5 in /var/lib/docker/containers/\(id)" }.map(\.text)
            #expect(dockerFiles.contains { $0.hasPrefix("\(id)-json.log  ") && $0.hasSuffix("(current, served by kubectl logs)") }, "\(dockerFiles)")
            #expect(dockerFiles.contains { $0.hasPrefix("\(id)-json.log.1  ") && $0.hasSuffix("(rotated, not served)") }, "\(dockerFiles)")
            #expect(dockerFiles.contains { $0.hasPrefix("\(id)-json.log.2  ") })
            #expect(!dockerFiles.contains { $0.hasPrefix("config.v2.json") })
            #expect(docker.evidence.contains { $0.source == "docker daemon.json log-opts" && $0.text == "max-file=3 max-size=10m" })
            #expect(docker.remediations.contains { $0.detail.contains("/etc/docker/daemon.json") && $0.detail.contains("preset logrotate-docker") })
            #expect(docker.alternatives.contains { $0.cause == "ok" && $0.confidence == 0.5 })

            // Nothing rotated beside an empty file: no-output, said with the listing.
            let (quiet, _) = try await explain(plugin, ["silent-1", "-n", "quiet"])
            #expect(quiet.cause == "no-output")
            #expect(quiet.confidence == 0.9)
        }
    }

    // Least privilege: without nodes/proxy (the read-only role) the API server answers 403 to
    // the node log query and configz; the kubelet's journal and config file come over SSH,
    // and the report says so once.
    @Test func withoutNodesProxyTheKubeletIsReadOverTheNodeTransport() async throws {
        try await withLab(scenario: "nologs-cases", nodes: 5) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: "version: 1\nentries: []\n", files: [:])
            await lab.state.forbid(verb: "get", resource: "nodes/proxy", namespace: nil, user: "*")
            let raw = try await plugin.kubectl(["get", "--raw", "/api/v1/nodes/worker-1/proxy/configz"])
            #expect(raw.standardErrorText.hasPrefix(#"Error from server (Forbidden): nodes "worker-1" is forbidden: User "#), "\(raw.standardErrorText)")
            #expect(raw.standardErrorText.contains(#"cannot get resource "nodes/proxy" in API group "" at the cluster scope"#))

            let (seed, _) = try await explain(plugin, ["hello-26fmz", "-n", "batch"])
            #expect(seed.cause == "container-gc-disk-pressure", "\(seed.summary)")
            #expect(seed.evidence.contains { $0.source == "kubelet log (journalctl)" && $0.text.contains(#""RemoveContainer" containerID="4703b9db4177"#) })
            let notes = seed.evidence.filter { $0.source == "note" && $0.text.contains("nodes/proxy") }.map(\.text)
            #expect(notes.count == 1, "said once: \(notes)")
            #expect(notes.first?.contains("forbids nodes/proxy on worker-1") == true)
            #expect(notes.first?.contains("read the kubelet journal (journalctl -u kubelet) and /var/lib/kubelet/config.yaml over the node transport instead") == true)
            #expect(try await lab.calls(on: "worker-1").contains { $0.hasPrefix("'journalctl' '-u' 'kubelet'") })

            // The rotation settings come from the config file, named as such.
            let (cri, _) = try await explain(plugin, ["chatty-2", "-n", "rotated"])
            #expect(cri.cause == "log-rotated")
            #expect(cri.evidence.contains { $0.source == "kubelet config file /var/lib/kubelet/config.yaml (node transport)" && $0.text == "containerLogMaxSize=10Mi containerLogMaxFiles=5" }, "\(cri.evidence)")
        }
    }
}
