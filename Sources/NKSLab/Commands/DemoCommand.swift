// `nks-lab demo`: starts the drift scenario and shows which nodes drifted and how; the
// drift report itself comes from `kubectl nks-sync status` once that plugin is installed.
import ArgumentParser
import Foundation
import NKSCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Start the drift scenario and show what drifted (needs root).")

    @OptionGroup var directory: LabDirectoryOption

    @Option(name: .long, help: "Number of worker nodes (default: the scenario's).")
    var nodes: Int?

    func run() async throws {
        let paths = directory.paths
        let runner = SubprocessRunner()
        let scenario = try ScenarioLoader.load("drift")
        if LabRuntime.runningServePID(paths) == nil {
            try await LabLauncher(runner: runner).up(paths: paths, scenario: "drift", nodes: nodes)
        }
        let environment = ["KUBECONFIG": paths.kubeconfig.path, "NKS_SSH_CONFIG": paths.sshConfig.path,
                           "NKS_SSH_KNOWN_HOSTS": paths.knownHosts.path, "NKS_SSH_IDENTITY": paths.identity.path]
        let nodesTable = try await runner.run(ProcessInvocation("kubectl", ["get", "nodes", "-L", "nks-lab/node-group"], environment: environment, timeout: .seconds(30)))
        let lines = nodesTable.standardOutputText.split(separator: "\n")
        print("$ kubectl get nodes -L nks-lab/node-group   (first 10 of \(max(lines.count - 1, 0)))")
        lines.prefix(11).forEach { print($0) }
        print("\nThe drift scenario changed some nodes by hand, as happens in real clusters:")
        let count = LabRuntime.recordedNodes(paths).count
        for override in scenario.overrides ?? [] {
            let names = (1...max(count, 1)).map(scenario.nodeName).enumerated()
                .filter { (try? override.nodes.selects(index: $0.offset + 1, name: $0.element)) == true }.map(\.element)
            guard !names.isEmpty else { continue }
            print("  \(names.joined(separator: ", ")): \(override.note ?? "differs from the canonical files")")
        }
        // The seam for the real drift report: use the plugin when it can report status.
        let help = try? await runner.run(ProcessInvocation("kubectl-nks_sync", ["status", "--help"], timeout: .seconds(10)))
        if help?.succeeded == true {
            print("\n$ kubectl nks-sync status")
            let status = try await runner.run(ProcessInvocation("kubectl-nks_sync", ["status"], environment: environment, timeout: .seconds(300)))
            print(status.standardOutputText, terminator: "")
            FileHandle.standardError.write(status.standardError)
        } else {
            print("\nInstall kubectl-nks_sync on PATH and run `kubectl nks-sync status` to see the drift report.")
        }
        print("\nTry it yourself: source \(paths.env.path); ssh -F \"$NKS_SSH_CONFIG\" worker-3 cat /etc/logrotate.d/docker")
        print("Stop the lab with: nks-lab down --dir \(paths.directory.path)")
    }
}
