// `nks-lab serve`: runs a lab in the foreground until killed; `up` starts it detached so
// the API server outlives the command.
import ArgumentParser
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the lab in the foreground (what `nks-lab up` starts in the background)."
    )

    @OptionGroup var directory: LabDirectoryOption
    @OptionGroup var start: LabStartOptions

    @Option(name: .long, help: "Second octet of the node addresses, 127.N.x.y (default: the first free from 100).")
    var addressBlock: UInt8?

    func run() async throws {
        let paths = directory.paths
        let scenario = try ScenarioLoader.load(start.scenario)
        try FileManager.default.createDirectory(at: paths.directory, withIntermediateDirectories: true)
        try "\(getpid())\n".write(to: paths.servePID, atomically: true, encoding: .utf8)
        let lab = try await Lab.start(scenario: scenario, nodeCount: start.nodes, directory: paths.directory, addressBlock: addressBlock)
        let count = await lab.nodes.count
        try "ready\n".write(to: paths.ready, atomically: true, encoding: .utf8)
        print("nks-lab: \(count) nodes and the API server at \(lab.serverURL.absoluteString) are up")
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
