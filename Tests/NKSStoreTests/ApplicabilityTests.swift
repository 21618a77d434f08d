// Built-in applicability rules never silently win over an explicit manifest: the docker
// logrotate rule skips containerd nodes for an entry without `when:`, but an entry with its
// own `when:` (even `when: {runtime: any}`) is the user's decision; an entry that applies
// to no node says so in one line.
import Foundation
import Testing
@testable import NKSStore

@Suite struct ApplicabilityTests {
    func entry(_ when: String) throws -> ManagedEntry {
        let manifest = try ManifestParser.parse("version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n    kind: file\n" + when)
        return manifest.entries[0]
    }

    let containerd = NodeFacts(name: "worker-1", runtime: "containerd", kubeletVersion: KubeVersion("v1.29.3"))
    let docker = NodeFacts(name: "worker-2", runtime: "docker", kubeletVersion: KubeVersion("v1.23.17"))

    @Test func anExplicitWhenOverrulesTheBuiltInRule() throws {
        let plain = try entry("")
        #expect(!plain.conditions.isExplicit)
        #expect(Applicability.reason(plain, facts: containerd, groups: [])?.hasPrefix("docker's json-file logs do not exist on containerd nodes") == true)
        for when in ["    when: {runtime: any}\n", "    when:\n      runtime: [containerd, docker]\n", "    when: {osImage: \"*\"}\n"] {
            let explicit = try entry(when)
            #expect(explicit.conditions.isExplicit, "\(when)")
            #expect(Applicability.reason(explicit, facts: containerd, groups: []) == nil, "\(when)")
        }
        // The user's own condition still applies.
        #expect(Applicability.reason(try entry("    when: {runtime: docker}\n"), facts: containerd, groups: []) == "runtime is containerd, entry is for docker")
    }

    @Test func aKubeletThatWouldNotStartIsNeverOverruled() throws {
        let manifest = try ManifestParser.parse("version: 1\nentries:\n  - path: /etc/sysconfig/kubelet\n    kind: env-flags\n    set: {--image-pull-progress-deadline: 10m}\n    when: {runtime: any}\n")
        #expect(Applicability.reason(manifest.entries[0], facts: containerd, groups: [])?.contains("does not start") == true)
        #expect(Applicability.reason(manifest.entries[0], facts: docker, groups: []) == nil)
    }

    @Test func anEntryThatAppliesToNoNodeSaysSo() throws {
        let twelve = (1...12).map { (facts: NodeFacts(name: "worker-\($0)", runtime: "containerd"), groups: [String]()) }
        let line = Applicability.noneApplies(try entry(""), nodes: twelve)
        #expect(line?.hasPrefix("/etc/logrotate.d/docker applies to 0 of 12 nodes: all run containerd (docker's json-file logs do not exist on containerd nodes;") == true, "\(line ?? "nil")")
        #expect(line?.hasSuffix("; give the entry its own when: (e.g. when: {runtime: any}) to manage it there anyway") == true)
        #expect(Applicability.noneApplies(try entry("    when: {runtime: any}\n"), nodes: twelve) == nil)
        #expect(Applicability.noneApplies(try entry("    when: {runtime: docker}\n"), nodes: twelve) == "/etc/logrotate.d/docker applies to 0 of 12 nodes: all run containerd (runtime is containerd, entry is for docker)")
        let mixed = twelve + [(facts: docker, groups: [])]
        #expect(Applicability.noneApplies(try entry(""), nodes: mixed) == nil)
        #expect(Applicability.notAll(try entry(""), nodes: mixed)?.hasPrefix("/etc/logrotate.d/docker applies to 1 of 13 nodes: the other 12 run containerd (") == true)
    }

    @Test func runtimeAnyIsTheOnlyNewWord() {
        let error = #expect(throws: ManifestErrors.self) {
            try ManifestParser.parse("version: 1\nentries:\n  - path: /etc/x\n    when: {runtime: podman}\n")
        }
        #expect("\(error.map { "\($0)" } ?? "")" == "nks-sync.yaml:4: entry /etc/x: runtime 'podman' is not one of containerd, docker, cri-o, any")
    }
}
