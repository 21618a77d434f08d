// Canned dynamic values, so the engine is tested without a cluster or a store.
import NKSCompletion

struct FakeLookups: CompletionLookups {
    struct Unreachable: Error {}
    var failing = false

    func values(_ source: ValueSource, typed: TypedWords) async throws -> [Candidate] {
        if failing { throw Unreachable() }
        switch source {
        case .nodes, .nodeList: return ["worker-1", "worker-2", "worker-3"].map { Candidate($0) }
        // Pods depend on the namespace typed so far, as kubectl's answer would.
        case .pods:
            return typed.value(of: "namespace") == "batch"
                ? [Candidate("hello-26fmz", "Failed"), Candidate("hello-x8k2p", "Succeeded")]
                : [Candidate("web-7d9c5b8f6-abcde", "Running")]
        case .namespaces: return ["batch", "default", "kube-system"].map { Candidate($0) }
        case .jobs: return [Candidate("hello")]
        case .cronJobs: return [Candidate("nightly")]
        case .contexts: return [Candidate("lab", "lab-cluster"), Candidate("prod1", "prod1-cluster")]
        case .clusters: return [Candidate("lab-cluster")]
        case .users: return [Candidate("admin")]
        case .labels: return ["kubernetes.io/hostname=worker-1", "node.kubernetes.io/instance-type=m2.c4m8", "node.kubernetes.io/instance-type=m2.c8m16"].map { Candidate($0) }
        case .nodeGroups: return [Candidate("batch"), Candidate("default")]
        case .managedPaths: return [Candidate("/etc/logrotate.d/docker", "file"), Candidate("/etc/default/grub", "kernel-args")]
        case .revisions: return [Candidate("bbbbbbbbbbbb", "Raise GC thresholds"), Candidate("aaaaaaaaaaaa", "Canonical node configuration")]
        case .snapshots: return [Candidate("2026-11-23T10.04.05.123Z", "Snapshot of 3 nodes")]
        case .presets: return [Candidate("logrotate-docker"), Candidate("kernel-nokmem")]
        case .files, .directories, .freeText, .choices: return []
        }
    }
}
