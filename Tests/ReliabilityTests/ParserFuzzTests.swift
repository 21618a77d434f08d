// Seeded property tests of every parser that reads input nks does not control: the
// manifest, kubectl's JSON, the node read-back framing, kubelet log lines, image references
// and pull error texts. Thousands of mutated inputs each: no crash, no hang, and either a
// result that keeps the parser's promises or a clear error of the parser's own type.
import Foundation
import NKSCore
import NKSRepull
import NKSStore
import NKSWhyNoLogs
import Testing

@Suite struct ParserFuzzTests {
    static let manifest = """
        version: 1
        access: {user: centos, sudo: true, port: 22}
        groups:
          workers: node-role.kubernetes.io/worker
          gpu: "nodegroup in (gpu-a,gpu-b),!legacy"
        entries:
          - path: /etc/logrotate.d/docker
            mode: "0644"
            validate: logrotate -d {}
            when: {runtime: docker}
          - path: /etc/default/grub
            kind: kernel-args
            present: [cgroup.memory=nokmem]
            activate: [grub2-mkconfig -o /boot/grub2/grub.cfg]
          - path: /var/lib/kubelet/config.yaml
            kind: keys
            set: {imageGCHighThresholdPercent: 75, evictionHard: {nodefs.available: "10%"}}
            groups: [workers]
          - path: /etc/sysconfig/kubelet
            kind: env-flags
            set: {--image-pull-progress-deadline: 10m}
            when: {kubeletVersion: "<1.24"}

        """
    static let yamlTokens = ["\n", ": ", "- ", "  ", "{", "}", "[", "]", "\"", "'", "&a ", "*a", "!!binary ", "? ", "|\n", ">-\n",
                             "path: /etc/../shadow", "path: ../x", "path: /etc//x", "path: /proc/x", "mode: 9999", "kind: keys",
                             "version: 2", "\u{0}", "\u{1B}[2J", "~", "null", "0o644", "1e400", "-99999999999999999999"]

    @Test func mutatedManifestsParseIntoSafeEntriesOrFailWithFileAndLine() {
        var random = SeededRandom(seed: 0x6d61_6e69_6665_7374)
        let lineCount = Self.manifest.split(separator: "\n", omittingEmptySubsequences: false).count
        var rejected = 0
        for number in 0..<3000 {
            let bytes = Mutator.mutate(Array(Self.manifest.utf8), dictionary: Self.yamlTokens, rounds: Int.random(in: 1...6, using: &random), using: &random)
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let manifest = try ManifestParser.parse(text)
                for entry in manifest.entries {
                    #expect(throws: Never.self, "case \(number): accepted a path the writer refuses:\n\(text)") { try RemotePath.validate(entry.path) }
                    #expect(!ManifestParserPrefixes.forbidden.contains { entry.path == $0 || entry.path.hasPrefix($0 + "/") }, "case \(number): \(entry.path)")
                }
            } catch let errors as ManifestErrors {
                rejected += 1
                #expect(!errors.errors.isEmpty)
                for error in errors.errors {
                    #expect(error.file == "nks-sync.yaml")
                    #expect(!error.reason.isEmpty)
                    if let line = error.line { #expect((1...lineCount + 64).contains(line), "case \(number): line \(line)") }
                }
            } catch {
                Issue.record("case \(number): \(type(of: error)) instead of ManifestErrors: \(error)\n\(text)")
            }
        }
        // Most mutations break something; a run that rejects nothing exercised nothing.
        #expect(rejected > 1000)
    }

    @Test(arguments: [
        ("/etc/../etc/shadow", ".. component"),
        ("/etc/logrotate.d/../../root/.ssh/authorized_keys", ".. component"),
        ("etc/logrotate.d/docker", "relative path"),
        ("/etc/./logrotate.d/docker", ". component"),
    ])
    func aManifestPathThatClimbsOutIsRefusedWithItsLine(path: String, reason: String) {
        let text = "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n  - path: \(path)\n"
        #expect {
            try ManifestParser.parse(text)
        } throws: { error in
            guard let errors = error as? ManifestErrors else { return false }
            return errors.errors.count == 1 && errors.errors[0].line == 4 && errors.errors[0].reason.contains(path)
        }
    }

    /// An alias bomb: nine levels of nine references expand to 387 million values when
    /// anything walks the tree, as the conversion of a `keys` entry's `set` does.
    @Test(.timeLimit(.minutes(1))) func aYAMLAliasBombIsRefusedNotExpanded() {
        var text = "version: 1\nentries:\n  - path: /var/lib/kubelet/config.yaml\n    kind: keys\n    set:\n"
        text += "      k0: &x0 [a, a, a, a, a, a, a, a, a]\n"
        for level in 1...8 {
            text += "      k\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        #expect {
            try ManifestParser.parse(text)
        } throws: { error in
            (error as? ManifestErrors)?.description == "nks-sync.yaml: the manifest expands to more than 100000 YAML values (through anchors and aliases?); write it out plainly"
        }
    }

    static let podJSON = #"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"batch-1","namespace":"default","uid":"u1","labels":{"app":"batch"},
        "ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"batch","uid":"j1","controller":true}]},
        "spec":{"nodeName":"worker-1","containers":[{"name":"main","image":"docker.io/library/busybox:1.36"}]},
        "status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: ephemeral-storage.",
        "containerStatuses":[{"name":"main","image":"busybox:1.36","imageID":"","ready":false,"restartCount":0,
        "containerID":"containerd://abc","state":{"terminated":{"exitCode":0,"reason":"Completed","startedAt":"2025-01-01T00:00:00Z","finishedAt":"2025-01-01T00:01:00Z"}}}]}}
        """#
    static let nodeJSON = #"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-1","labels":{"kubernetes.io/hostname":"worker-1"}},
        "spec":{"unschedulable":false},"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"DiskPressure","status":"False"}],
        "addresses":[{"type":"InternalIP","address":"10.0.0.1"}],"nodeInfo":{"kubeletVersion":"v1.32.3","containerRuntimeVersion":"containerd://1.7.0",
        "osImage":"Ubuntu","kernelVersion":"6.1"}}}
        """#
    static let eventJSON = #"""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"e1","namespace":"default"},"reason":"Failed","type":"Warning",
        "message":"Failed to pull image \"nginx\": 429 Too Many Requests","count":3,"involvedObject":{"kind":"Pod","name":"batch-1","namespace":"default"},
        "firstTimestamp":"2025-01-01T00:00:00Z","lastTimestamp":"2025-01-01T00:01:00Z"}
        """#
    static let jsonTokens = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "9223372036854775808",
                             "\"metadata\":", "\"status\":", "\"name\":"]

    @Test func mutatedKubectlJSONDecodesOrFailsWithADecodingError() {
        var random = SeededRandom(seed: 0x6b75_6265_6a73_6f6e)
        var failures = 0
        for number in 0..<3000 {
            let (name, json) = random.element([("Pod", Self.podJSON), ("Node", Self.nodeJSON), ("Event", Self.eventJSON)])
            let data = Data(Mutator.mutate(Array(json.utf8), dictionary: Self.jsonTokens, rounds: Int.random(in: 1...4, using: &random), using: &random))
            do {
                switch name {
                case "Pod": _ = try JSONDecoder().decode(Pod.self, from: data)
                case "Node": _ = try JSONDecoder().decode(Node.self, from: data)
                default: _ = try JSONDecoder().decode(Event.self, from: data)
                }
            } catch is DecodingError {
                failures += 1
            } catch {
                Issue.record("case \(number): \(type(of: error)) \(error)")
            }
        }
        #expect(failures > 500)
    }

    static let kubeletLines = [
        "I0102 03:04:05.678901    1234 kuberuntime_container.go:123] \"Removing container\" containerID=\"abc123\"",
        "Jan 02 03:04:05 worker-1 kubelet[1234]: I0102 03:04:05.678901    1234 eviction_manager.go:349] \"Eviction manager: attempting to reclaim\" resourceName=\"ephemeral-storage\"",
        "{\"ts\":1735787045.678,\"caller\":\"kuberuntime/kuberuntime_gc.go:123\",\"msg\":\"Removing container\",\"v\":0,\"containerID\":\"abc\"}",
        "E0102 03:04:05.678901    1234 remote_runtime.go:400] ContainerStatus \"abc123\" from runtime service failed: rpc error: code = NotFound desc = an error occurred when try to find container \"abc123\": not found",
        "I0102 03:04:05.678901 1234 image_gc_manager.go:300] [imageGCManager]: Disk usage on image filesystem is at 91% which is over the high threshold (85%). Trying to free 1234 bytes down to the low threshold (80%).",
    ]

    @Test func mutatedKubeletLogLinesAreRecognisedOrIgnoredWithoutCrashing() {
        var random = SeededRandom(seed: 0x6b75_6265_6c65_7467)
        let reference = Date(timeIntervalSince1970: 1_735_689_600)
        var recognised = 0
        for _ in 0..<5000 {
            let line = String(decoding: Mutator.mutate(Array(random.element(Self.kubeletLines).utf8), dictionary: ["\"", "\\", "]", " ", "{", "}", "containerID=", ":", "\u{1B}"],
                                                         rounds: Int.random(in: 1...5, using: &random), using: &random), as: UTF8.self)
            if let parsed = KubeletLogLine.recognise(line, reference: reference) {
                recognised += 1
                #expect(parsed.raw == line)
            }
        }
        #expect(recognised > 0)
    }

    @Test func randomImageReferencesParseToAStableCanonicalFormOrAreRefused() {
        var random = SeededRandom(seed: 0x696d_6167_6572_6566)
        let alphabet = Array("abcz09AZ._-/:@+ ")
        let seeds = ["nginx", "docker.io/library/nginx:1.25", "registry.local:5000/team/app@sha256:" + String(repeating: "0", count: 64),
                     "localhost/x", "k8s.gcr.io/pause:3.9", "ghcr.io/a/b/c:v1"]
        var parsed = 0
        for number in 0..<5000 {
            let text = random.chance(50)
                ? random.string(from: alphabet, length: 0...40)
                : String(decoding: Mutator.mutate(Array(random.element(seeds).utf8), dictionary: [":", "@", "/", "..", "sha256:", "A"],
                                                  rounds: Int.random(in: 1...3, using: &random), using: &random), as: UTF8.self)
            do {
                let reference = try ImageReference(parsing: text)
                parsed += 1
                // What we print must read back as the same image (it goes into crictl pull).
                let again = try ImageReference(parsing: reference.description)
                #expect(again.canonical == reference.canonical, "case \(number): \(text.debugDescription) → \(reference) → \(again)")
                #expect(!reference.description.contains(" "), "case \(number)")
            } catch let error as ImageReference.ParseError {
                #expect(error.description.hasPrefix("invalid image reference"))
            } catch {
                Issue.record("case \(number): \(type(of: error)) for \(text.debugDescription)")
            }
        }
        #expect(parsed > 100)
    }

    @Test func mutatedPullErrorsAlwaysGetACause() {
        var random = SeededRandom(seed: 0x7075_6c6c_6572_7273)
        let messages = [
            "Failed to pull image \"nginx\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/nginx:latest\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.",
            "Back-off pulling image \"registry.local/app:1\"",
            "rpc error: code = Canceled desc = context canceled",
            "dial tcp: lookup registry-1.docker.io: no such host",
            "pull access denied, repository does not exist or may require authorization",
        ]
        for _ in 0..<5000 {
            let text = String(decoding: Mutator.mutate(Array(random.element(messages).utf8), dictionary: ["429", "denied", "\"", "\n", "\u{1B}[31m"],
                                                       rounds: Int.random(in: 1...5, using: &random), using: &random), as: UTF8.self)
            let cause = PullErrorClassifier.classify(text)
            #expect(!"\(cause)".isEmpty)
        }
    }
}

/// The manifest's forbidden prefixes, restated: a test that read them from the parser
/// would accept whatever the parser says.
enum ManifestParserPrefixes {
    static let forbidden = ["/proc", "/sys", "/dev", "/run", "/var/run", "/var/lib/nks-sync", "/boot"]
}
