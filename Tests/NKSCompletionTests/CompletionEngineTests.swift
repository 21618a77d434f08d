// What `kubectl nks-… <TAB>` offers, word by word, on the plugins' real command trees
// with canned cluster and store values.
import NKSCompletion
import NKSRepull
import NKSSync
import NKSWhyNoLogs
import Testing

enum Plugin: String, CaseIterable, Sendable {
    case sync, repull, whyNoLogs

    var tree: CommandNode {
        get throws {
            switch self {
            case .sync: try CommandNode.describing(SyncCommand.self)
            case .repull: try CommandNode.describing(RepullCommand.self)
            case .whyNoLogs: try CommandNode.describing(WhyNoLogsCommand.self)
            }
        }
    }

    var catalog: ValueCatalog {
        switch self {
        case .sync: .sync
        case .repull: .repull
        case .whyNoLogs: .whyNoLogs
        }
    }

    func complete(_ words: [String], lookups: FakeLookups = FakeLookups()) async throws -> Completion {
        try await CompletionEngine(root: tree, catalog: catalog, lookups: lookups).complete(words)
    }
}

struct CompletionCase: Sendable, CustomStringConvertible {
    var plugin: Plugin
    var words: [String]
    var expected: [String]
    var directive: CompletionDirective = .noFileCompletion

    var description: String { "\(plugin) \(words)" }
}

struct CompletionEngineTests {
    static let cases: [CompletionCase] = [
        // Subcommands come from SyncCommand's configuration.
        CompletionCase(plugin: .sync, words: [""], expected: ["init", "status", "diff", "push", "rollback", "watch", "import", "snapshot", "log", "disconnect", "publish"]),
        CompletionCase(plugin: .sync, words: ["s"], expected: ["status", "snapshot"]),
        CompletionCase(plugin: .sync, words: ["status", "--con"], expected: ["--context"]),
        CompletionCase(plugin: .sync, words: ["status", "--context", "lab", "--con"], expected: []),
        CompletionCase(plugin: .sync, words: ["status", "--context", ""], expected: ["lab", "prod1"]),
        CompletionCase(plugin: .sync, words: ["status", "--context=p"], expected: ["--context=prod1"]),
        CompletionCase(plugin: .sync, words: ["status", "--cluster", ""], expected: ["lab-cluster"]),
        CompletionCase(plugin: .sync, words: ["status", "-n", "k"], expected: ["kube-system"]),
        CompletionCase(plugin: .sync, words: ["status", "-o", ""], expected: ["table", "wide", "json", "yaml", "name"]),
        CompletionCase(plugin: .sync, words: ["status", "--node-access", ""], expected: ["ssh", "debug"]),
        CompletionCase(plugin: .sync, words: ["status", ""], expected: ["worker-1", "worker-2", "worker-3"]),
        CompletionCase(plugin: .sync, words: ["status", "worker-1", ""], expected: ["worker-2", "worker-3"]),
        CompletionCase(plugin: .sync, words: ["status", "--group", ""], expected: ["batch", "default"]),
        CompletionCase(plugin: .sync, words: ["status", "--selector", "node"], expected: ["node.kubernetes.io/instance-type="], directive: [.noFileCompletion, .noSpace]),
        CompletionCase(plugin: .sync, words: ["status", "--selector=a=b,node.kubernetes.io/instance-type=m2.c8"], expected: ["--selector=a=b,node.kubernetes.io/instance-type=m2.c8m16"]),
        CompletionCase(plugin: .sync, words: ["status", "--kubeconfig", ""], expected: [], directive: .fileNames),
        CompletionCase(plugin: .sync, words: ["status", "--repo", ""], expected: [], directive: .filterDirectories),
        CompletionCase(plugin: .sync, words: ["status", "--node-timeout", ""], expected: []),
        CompletionCase(plugin: .sync, words: ["rollback", ""], expected: ["bbbbbbbbbbbb", "aaaaaaaaaaaa"], directive: [.noFileCompletion, .keepOrder]),
        CompletionCase(plugin: .sync, words: ["diff", "--revision", "a"], expected: ["aaaaaaaaaaaa"], directive: [.noFileCompletion, .keepOrder]),
        CompletionCase(plugin: .sync, words: ["diff", "--since", ""], expected: ["2026-11-23T10.04.05.123Z"], directive: [.noFileCompletion, .keepOrder]),
        CompletionCase(plugin: .sync, words: ["import", ""], expected: ["worker-1", "worker-2", "worker-3"]),
        CompletionCase(plugin: .sync, words: ["import", "worker-1", "/etc/d"], expected: ["/etc/default/grub"]),
        CompletionCase(plugin: .sync, words: ["init", "--preset", "k"], expected: ["kernel-nokmem"]),
        // `-n` of `log` is --max-count, not a namespace: flags are read per command.
        CompletionCase(plugin: .sync, words: ["log", "-n", ""], expected: []),
        CompletionCase(plugin: .sync, words: ["push", "--reb"], expected: ["--reboot", "--reboot-via-kured"]),
        CompletionCase(plugin: .whyNoLogs, words: [""], expected: ["web-7d9c5b8f6-abcde"]),
        CompletionCase(plugin: .whyNoLogs, words: ["-n", "batch", "hello-2"], expected: ["hello-26fmz"]),
        CompletionCase(plugin: .whyNoLogs, words: ["--namespace=batch", ""], expected: ["hello-26fmz", "hello-x8k2p"]),
        CompletionCase(plugin: .whyNoLogs, words: ["--job", ""], expected: ["hello"]),
        CompletionCase(plugin: .whyNoLogs, words: ["--cronjob", ""], expected: ["nightly"]),
        CompletionCase(plugin: .whyNoLogs, words: ["--prev"], expected: ["--previous"]),
        CompletionCase(plugin: .repull, words: ["--nodes", "worker-1,"], expected: ["worker-1,worker-2", "worker-1,worker-3"]),
        CompletionCase(plugin: .repull, words: ["--mirror-layout", ""], expected: ["basename", "path"]),
    ]

    @Test(arguments: cases)
    func candidates(_ example: CompletionCase) async throws {
        let completion = try await example.plugin.complete(example.words)
        #expect(completion.candidates.map(\.value) == example.expected)
        #expect(completion.directive == example.directive)
    }

    @Test func flagsOfACommandIncludeSharedGroupsAndShorthands() async throws {
        let names = try await Plugin.sync.complete(["status", "-"]).candidates.map(\.value)
        for name in ["--selector", "--group", "--repo", "--allow-dirty", "-o", "--no-headers", "--kubeconfig", "--context", "-n", "--namespace", "--ssh-identity", "-i", "--no-progress", "--help"] {
            #expect(names.contains(name), "\(name) missing")
        }
        #expect(!names.contains("--dry-run"), "status has no --dry-run")
    }

    @Test func descriptionsComeFromTheHelpTexts() async throws {
        let completion = try await Plugin.sync.complete(["pu"])
        #expect(completion.candidates == [
            Candidate("push", "Write the store's configuration to drifted nodes and activate it."),
            Candidate("publish", "Publish a store revision to the cluster as a bundle for in-cluster agents."),
        ])
    }

    @Test func aFailedLookUpAnswersOnlyTheDirective() async throws {
        let completion = try await Plugin.whyNoLogs.complete([""], lookups: FakeLookups(failing: true))
        #expect(completion.rendered == ":4\n")
    }
}
