// `nks-lab status`: whether a lab runs in the directory, and how many nodes answer.
import ArgumentParser
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether a lab is running and its nodes.")

    @OptionGroup var directory: LabDirectoryOption

    func run() async throws {
        let paths = directory.paths
        guard let pid = LabRuntime.runningServePID(paths) else {
            print("no lab is running in \(paths.directory.path)")
            throw ExitCode(1)
        }
        let nodes = LabRuntime.recordedNodes(paths)
        let running = nodes.filter { NodeProcess.recordedPID($0.layout) != nil }.count
        print("lab running in \(paths.directory.path) (serve pid \(pid)): \(running) of \(nodes.count) node sshd processes running")
        for node in nodes where node.state != .ready {
            print("  \(node.layout.name) \(node.layout.address): \(node.state.rawValue)")
        }
        print("use it with: source \(paths.env.path)")
    }
}
