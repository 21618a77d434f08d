// `nks-lab up`: starts a lab in the background and says how to use it.
import ArgumentParser
import Foundation
import NKSCore

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start a simulated cluster in the background (needs root)."
    )

    @OptionGroup var directory: LabDirectoryOption
    @OptionGroup var start: LabStartOptions

    func run() async throws {
        let paths = directory.paths
        try await LabLauncher().up(paths: paths, scenario: start.scenario, nodes: start.nodes)
        print("""
        The lab is up in \(paths.directory.path).
          source \(paths.env.path)
          kubectl get nodes
          ssh -F \(paths.sshConfig.path) worker-1
        Stop it with: nks-lab down --dir \(paths.directory.path)
        """)
    }
}

/// Starts `nks-lab serve` detached and waits until kubectl gets answers from it.
struct LabLauncher {
    var runner: any ProcessRunning = SubprocessRunner()

    func up(paths: LabPaths, scenario: String, nodes: Int?) async throws {
        guard getuid() == 0 else { throw LabError.notRoot }
        if LabRuntime.runningServePID(paths) != nil { throw LabError.alreadyRunning(directory: paths.directory.path) }
        _ = try ScenarioLoader.load(scenario)
        try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: paths.ready)
        let executable = LabExecutable.path
        var serve = [executable, "serve", "--dir", paths.directory.path, "--scenario", scenario]
        if let nodes { serve += ["--nodes", String(nodes)] }
        // setsid and a backgrounded shell job: the server survives this command and its terminal.
        let script = "setsid \(serve.map(ShellQuoting.quote).joined(separator: " ")) > \(ShellQuoting.quote(paths.serveLog.path)) 2>&1 < /dev/null &"
        let spawned = try await runner.run(ProcessInvocation("sh", ["-c", script], timeout: .seconds(10)))
        guard spawned.succeeded else {
            throw LabError.commandFailed(what: "starting nks-lab serve", command: script, detail: spawned.standardErrorText)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(600)
        try await Task.sleep(for: .milliseconds(200))
        while !FileManager.default.fileExists(atPath: paths.ready.path) {
            // serve writes its pid file once it runs; on a loaded machine that takes a moment.
            let starting = !FileManager.default.fileExists(atPath: paths.servePID.path)
            guard starting || LabRuntime.runningServePID(paths) != nil, clock.now < deadline else {
                let log = (try? String(contentsOf: paths.serveLog, encoding: .utf8)) ?? ""
                await LabRuntime.down(paths)
                throw LabError.commandFailed(what: "starting the lab", command: "nks-lab serve", detail: log.isEmpty ? "no output; see \(paths.serveLog.path)" : log)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let check = try await runner.run(ProcessInvocation("kubectl", ["--kubeconfig", paths.kubeconfig.path, "get", "nodes", "-o", "name"], timeout: .seconds(30)))
        guard check.succeeded else {
            throw LabError.commandFailed(what: "asking the lab's API server for nodes", command: "kubectl get nodes", detail: check.standardErrorText)
        }
    }
}
