// `swift package --allow-writing-to-package-directory generate-distribution-files`:
// regenerates completions/, krew/ and the README's command reference by running
// nks-generate, which reads the plugins' own command definitions. `--check` only reports.
import Foundation
import PackagePlugin

@main
struct GenerateDistributionFiles: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "nks-generate")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = [context.package.directoryURL.path] + arguments
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("nks-generate exited with status \(process.terminationStatus)")
            throw PluginFailure()
        }
    }

    struct PluginFailure: Error, CustomStringConvertible {
        var description: String { "generated files are not current or could not be written" }
    }
}
