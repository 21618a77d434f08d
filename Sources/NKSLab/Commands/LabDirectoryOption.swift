// The --dir option every nks-lab subcommand shares.
import ArgumentParser
import Foundation

struct LabDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "Lab state directory (default: $NKS_LAB_DIR or $XDG_STATE_HOME/nks-lab).")
    var dir: String?

    var paths: LabPaths {
        LabPaths(directory: dir.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? LabPaths.defaultDirectory())
    }
}

struct LabStartOptions: ParsableArguments {
    @Option(name: .long, help: "Number of worker nodes (default: the scenario's).")
    var nodes: Int?

    @Option(name: .long, help: "Scenario name (in scenarios/) or path to a scenario YAML file.")
    var scenario: String = "basic"

    func validate() throws {
        if let nodes, !(1...60_000).contains(nodes) {
            throw ValidationError("--nodes must be between 1 and 60000, not \(nodes)")
        }
    }
}
