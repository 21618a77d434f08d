// `nks-lab down`: stops exactly the processes a lab started and removes its runtime files.
import ArgumentParser
import Foundation

struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "down", abstract: "Stop the lab and remove its runtime files.")

    @OptionGroup var directory: LabDirectoryOption

    func run() async throws {
        let paths = directory.paths
        guard FileManager.default.fileExists(atPath: paths.servePID.path) || FileManager.default.fileExists(atPath: paths.nodesFile.path) else {
            throw LabError.notRunning(directory: paths.directory.path)
        }
        let stopped = await LabRuntime.down(paths)
        print("stopped the lab in \(paths.directory.path) (\(stopped) processes)")
    }
}
