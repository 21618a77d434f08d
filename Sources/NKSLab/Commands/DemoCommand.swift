// `nks-lab demo`: the README's first command. From nothing it starts the drift scenario,
// creates an nks-sync store in the lab directory (presets plus a known-good node's file),
// and shows `kubectl nks-sync status` and one `diff` through the real kubectl, then says
// what to try next. It never touches the user's kubeconfig or their own store.
import ArgumentParser
import Foundation
import NKSCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Start the drift scenario, create a store for it and show the drift report and a diff (needs root).")

    @OptionGroup var directory: LabDirectoryOption

    @Option(name: .long, help: "Number of worker nodes (default: the scenario's).")
    var nodes: Int?

    /// A node the drift scenario leaves as the canonical files have it (no override selects it).
    static let knownGoodNode = "worker-1"
    static let presets = ["logrotate-docker", "kernel-nokmem"]

    func run() async throws {
        let paths = directory.paths
        let runner = SubprocessRunner()
        let scenario = try ScenarioLoader.load("drift")
        if LabRuntime.runningServePID(paths) == nil {
            print("Starting a lab in \(paths.directory.path) (a fake API server and \(nodes ?? scenario.nodeCount ?? Scenario.defaultNodeCount) sshd nodes)…")
            try await LabLauncher(runner: runner).up(paths: paths, scenario: "drift", nodes: nodes)
        }
        let demo = DemoEnvironment(paths: paths)
        let nodesTable = try await runner.run(ProcessInvocation("kubectl", ["get", "nodes", "-L", "nks-lab/node-group"], environment: demo.variables, timeout: .seconds(30)))
        let lines = nodesTable.standardOutputText.split(separator: "\n")
        print("\n$ kubectl get nodes -L nks-lab/node-group   (first 10 of \(max(lines.count - 1, 0)))")
        lines.prefix(11).forEach { print($0) }

        print("\nThe drift scenario changed some nodes by hand, as happens in real clusters:")
        let count = LabRuntime.recordedNodes(paths).count
        var drifted: [String] = []
        for override in scenario.overrides ?? [] {
            let names = (1...max(count, 1)).map(scenario.nodeName).enumerated()
                .filter { (try? override.nodes.selects(index: $0.offset + 1, name: $0.element)) == true }.map(\.element)
            guard !names.isEmpty else { continue }
            drifted += names
            print("  \(names.joined(separator: ", ")): \(override.note ?? "differs from the canonical files")")
        }

        guard let plugins = demo.pluginDirectory else {
            print("\nkubectl-nks_sync is neither beside nks-lab nor on PATH: run ./install.sh, then nks-lab demo again.")
            return
        }
        let sync = DemoSteps(runner: runner, environment: demo.variables(plugins: plugins))
        if !FileManager.default.fileExists(atPath: demo.store.appendingPathComponent("nks-sync.yaml").path) {
            print("\nA store for this lab (NKS_REPO=\(demo.store.path); your own store is not touched):")
            try await sync.show(["init"] + Self.presets.flatMap { ["--preset", $0] })
            try await sync.show(["import", Self.knownGoodNode, "/etc/logrotate.d/docker"], note: "a node known to be good")
        }
        print("")
        try await sync.show(["status"], acceptedExits: [0, 1, 2])
        let diffNodes = drifted.first.map { [$0] } ?? []
        print("")
        try await sync.show(["diff"] + diffNodes, acceptedExits: [0, 1, 2])

        let environment = paths.env.path
        print("""

        Try next (in this shell):
          source \(environment)            # KUBECONFIG, ssh settings, NKS_REPO and PATH for this lab
          kubectl nks-sync status -o wide       # one row per node and entry, with the reason
          kubectl nks-sync push --dry-run       # what a push would change, node by node
          ssh -F "$NKS_SSH_CONFIG" \(drifted.first ?? Self.knownGoodNode) cat /etc/logrotate.d/docker
          nks-lab down --dir \(paths.directory.path)   # stop the lab
        Missing logs, explained: nks-lab up --dir /tmp/nologs --scenario nologs-cases && source /tmp/nologs/env
                                 kubectl nks-why-nologs hello-26fmz -n batch
        """)
    }
}

/// The variables the demo's kubectl and plugins run with: the lab's kubeconfig and ssh
/// files, the lab's own store, and the plugins' directory first on PATH.
struct DemoEnvironment {
    var paths: LabPaths
    var environment = ProcessInfo.processInfo.environment

    var store: URL { paths.store }

    var variables: [String: String] {
        ["KUBECONFIG": paths.kubeconfig.path, "NKS_SSH_CONFIG": paths.sshConfig.path, "NKS_SSH_KNOWN_HOSTS": paths.knownHosts.path,
         "NKS_SSH_IDENTITY": paths.identity.path, "NKS_SSH_USER": "root", "NKS_NODE_ACCESS": "ssh", "NKS_REPO": store.path]
    }

    func variables(plugins: URL) -> [String: String] {
        var all = variables
        all["PATH"] = plugins.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return all
    }

    /// Beside this nks-lab (install.sh puts them together), else the first on PATH.
    var pluginDirectory: URL? {
        var candidates = [LabExecutable.directory].compactMap { $0 }
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("kubectl-nks_sync").path) }
    }
}

/// Runs `kubectl nks-sync …` as a user would type it, echoing the command and its output.
struct DemoSteps {
    var runner: any ProcessRunning
    var environment: [String: String]

    func show(_ arguments: [String], note: String? = nil, acceptedExits: Set<Int32> = [0]) async throws {
        let line = (["kubectl", "nks-sync"] + arguments).joined(separator: " ")
        print("$ \(line)" + (note.map { "   # \($0)" } ?? ""))
        let output = try await runner.run(ProcessInvocation("kubectl", ["nks-sync"] + arguments, environment: environment, timeout: .seconds(600)))
        print(output.standardOutputText, terminator: "")
        FileHandle.standardError.write(output.standardError)
        guard acceptedExits.contains(output.exitCode) else {
            throw LabError.commandFailed(what: "the demo", command: line, detail: output.standardErrorText)
        }
    }
}
