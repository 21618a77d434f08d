// Completion as an operator gets it: the real kubectl runs the built
// kubectl_complete-nks_* executables for `kubectl __complete nks-…` (what kubectl's own
// shell scripts call on <TAB>), against a lab cluster and a real store; and bash itself
// completing through kubectl's script and through the generated script.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct CompletionOnLabTests {
    static let manifest = """
        version: 1
        groups:
          first: kubernetes.io/hostname=worker-1
          second: kubernetes.io/hostname=worker-2
        entries:
          - path: /etc/default/grub
            kind: kernel-args
            present: [cgroup.memory=nokmem]

        """

    /// kubectl's answer to `kubectl __complete WORDS…`: candidate values and the directive.
    struct Answer: CustomStringConvertible {
        var candidates: [String]
        var directive: String
        var description: String { "\(candidates) \(directive)" }
    }

    func complete(_ plugin: PluginHarness, _ words: [String]) async throws -> Answer {
        let output = try await plugin.kubectl(["__complete"] + words, timeout: .seconds(30))
        #expect(output.succeeded, "\(words): \(output.standardErrorText)")
        var lines = output.standardOutputText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let directive = lines.popLast() ?? ""
        return Answer(candidates: lines.map { String($0.prefix { $0 != "\t" }) }, directive: directive)
    }

    @Test func kubectlCompletesThePluginsFromTheClusterAndTheStore() async throws {
        try await withLab(scenario: "nologs-cases", nodes: 4) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let workers = ["worker-1", "worker-2", "worker-3", "worker-4"]

            let subcommands = try await complete(plugin, ["nks-sync", ""])
            #expect(subcommands.candidates == ["init", "status", "diff", "push", "rollback", "watch", "import", "snapshot", "log", "disconnect", "publish"], "\(subcommands)")
            #expect(subcommands.directive == ":4")
            #expect(try await complete(plugin, ["nks-sync", "status", "--sel"]).candidates == ["--selector"])
            #expect(try await complete(plugin, ["nks-sync", "status", "-o", "j"]).candidates == ["json"])

            #expect(try await complete(plugin, ["nks-sync", "status", ""]).candidates == workers)
            #expect(try await complete(plugin, ["nks-sync", "push", "worker-2", "worker-"]).candidates == ["worker-1", "worker-3", "worker-4"])
            #expect(try await complete(plugin, ["nks-sync", "status", "--group", ""]).candidates == ["first", "second"])
            #expect(try await complete(plugin, ["nks-sync", "import", "worker-1", "/etc/"]).candidates == ["/etc/default/grub"])
            let revisions = try await complete(plugin, ["nks-sync", "rollback", ""])
            #expect(revisions.candidates == [String(plugin.revision.prefix(12))], "\(revisions)")
            #expect(revisions.directive == ":36")
            let labelKeys = try await complete(plugin, ["nks-sync", "status", "--selector", "kubernetes.io/host"])
            #expect(labelKeys.candidates == ["kubernetes.io/hostname="], "\(labelKeys)")
            #expect(labelKeys.directive == ":6")

            // Pods of the namespace typed so far; namespaces and the Job and CronJob names.
            #expect(try await complete(plugin, ["nks-why-nologs", "-n", "batch", ""]).candidates == ["hello-26fmz"])
            #expect(try await complete(plugin, ["nks-why-nologs", "--namespace=web", ""]).candidates == ["api-6f9c"])
            let namespaces = try await complete(plugin, ["nks-why-nologs", "-n", ""]).candidates
            #expect(Set(["batch", "web", "nightly", "evicted"]).isSubset(of: namespaces), "\(namespaces)")
            #expect(try await complete(plugin, ["nks-why-nologs", "-n", "batch", "--job", ""]).candidates == ["hello"])
            #expect(try await complete(plugin, ["nks-why-nologs", "-n", "nightly", "--cronjob", ""]).candidates == ["nightly"])
            #expect(try await complete(plugin, ["nks-why-nologs", "-n", "batch", "-l", "job"]).candidates == ["job-name="])
            #expect(try await complete(plugin, ["nks-repull", "--nodes", "worker-1,worker-"]).candidates == ["worker-1,worker-2", "worker-1,worker-3", "worker-1,worker-4"])

            // Contexts come from the kubeconfig in force: KUBECONFIG, or --kubeconfig when typed.
            let current = try await plugin.kubectl(["config", "current-context"]).standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await complete(plugin, ["nks-sync", "status", "--context", ""]).candidates == [current])
            let other = plugin.home + "/other-kubeconfig"
            try Self.kubeconfig(contexts: ["prod1", "prod2"], server: "https://127.0.0.1:1").write(toFile: other, atomically: true, encoding: .utf8)
            #expect(try await complete(plugin, ["nks-sync", "status", "--kubeconfig", other, "--context", ""]).candidates == ["prod1", "prod2"])
        }
    }

    /// A cluster that does not answer: only the directive line, within the look-up's
    /// 2-second limit, and no error text. One server is unroutable; the other accepts TCP
    /// connections and never answers, so only the time limit ends the look-up.
    @Test func anUnreachableClusterYieldsNothingQuickly() async throws {
        try await withLab(scenario: "basic", nodes: 1) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let dead = plugin.home + "/dead-kubeconfig"
            // 192.0.2.0/24 is reserved for documentation: nothing answers there.
            try Self.kubeconfig(contexts: ["dead"], server: "https://192.0.2.1:6443").write(toFile: dead, atomically: true, encoding: .utf8)
            let silent = try SilentListener()
            defer { silent.close() }
            let hung = plugin.home + "/hung-kubeconfig"
            try Self.kubeconfig(contexts: ["hung"], server: "https://127.0.0.1:\(silent.port)").write(toFile: hung, atomically: true, encoding: .utf8)
            for words in [["nks-sync", "status", "--kubeconfig", dead, ""], ["nks-why-nologs", "--kubeconfig=\(dead)", "-n", ""], ["nks-sync", "status", "--kubeconfig", hung, ""]] {
                let output = try await plugin.kubectl(["__complete"] + words, timeout: .seconds(30))
                #expect(output.standardOutputText == ":4\n", "\(words): \(output.standardOutputText)")
                // Timed without kubectl, which itself spends seconds on a hung kubeconfig
                // before it runs the completer.
                let completer = Repository.binaries.appendingPathComponent("kubectl_complete-" + words[0].replacingOccurrences(of: "-", with: "_")).path
                let started = ContinuousClock.now
                let direct = try await SubprocessRunner().run(ProcessInvocation(completer, Array(words.dropFirst()), environment: plugin.environment, timeout: .seconds(30)))
                let elapsed = ContinuousClock.now - started
                #expect(direct.standardOutputText == ":4\n" && direct.standardErrorText.isEmpty, "\(words): \(direct.standardOutputText)\(direct.standardErrorText)")
                #expect(elapsed < .seconds(4), "\(words) took \(elapsed)")
            }
        }
    }

    /// kubectl's bash script needs the bash-completion package, as on a user's machine;
    /// CI installs it.
    static let bashCompletion = "/usr/share/bash-completion/bash_completion"

    /// bash itself: kubectl's completion script asks kubectl, which asks our executable.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: bashCompletion) || ProcessInfo.processInfo.environment["CI"] == "true", "needs the bash-completion package"))
    func bashCompletesThroughKubectl() async throws {
        try await withLab(scenario: "basic", nodes: 3) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let throughKubectl = try await bash(plugin, """
                source \(Self.bashCompletion)
                source <(kubectl completion bash)
                COMP_WORDS=(kubectl nks-sync status --group f); COMP_CWORD=4
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                __start_kubectl kubectl f nks-sync
                printf '%s\\n' "${COMPREPLY[@]}"
                COMP_WORDS=(kubectl nks-sync st); COMP_CWORD=2
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                __start_kubectl kubectl st nks-sync
                printf '%s\\n' "${COMPREPLY[@]}"
                """)
            #expect(throughKubectl == ["first", "status"])
        }
    }

    /// The generated script completes the plugin executable called directly.
    @Test func bashCompletesTheExecutableThroughTheGeneratedScript() async throws {
        try await withLab(scenario: "basic", nodes: 1) { lab in
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: [:])
            let script = Repository.root.appendingPathComponent("completions/bash/kubectl-nks_sync").path
            let direct = try await bash(plugin, """
                source '\(script)'
                COMP_WORDS=(kubectl-nks_sync ro); COMP_CWORD=1
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                _kubectl-nks_sync kubectl-nks_sync ro kubectl-nks_sync
                printf '%s\\n' "${COMPREPLY[@]}"
                """)
            #expect(direct == ["rollback"])
        }
    }

    private func bash(_ plugin: PluginHarness, _ script: String) async throws -> [String] {
        let output = try await SubprocessRunner().run(ProcessInvocation("bash", ["-c", "shopt -s extglob\n" + script], environment: plugin.environment, timeout: .seconds(60)))
        #expect(output.succeeded, "\(output.standardErrorText)")
        return output.standardOutputText.split(separator: "\n").map(String.init)
    }

    static func kubeconfig(contexts: [String], server: String) -> String {
        var text = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"\(server)\"}\nusers:\n- name: u\n  user: {}\ncontexts:\n"
        for context in contexts { text += "- name: \(context)\n  context: {cluster: c, user: u}\n" }
        return text + "current-context: \(contexts[0])\n"
    }
}
