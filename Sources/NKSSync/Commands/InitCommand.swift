// `kubectl nks-sync init`: creates the store with a first commit, optionally from presets.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the nks-sync store (a git repository) with a first commit.",
        discussion: "Presets:\n" + Preset.all.map { "  \($0.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n")
    )

    @Option(name: .customLong("preset"), help: "Start from a preset (repeatable; see the list below).")
    var presets: [String] = []

    @Option(name: .customLong("repo"), help: "Where to create the store. Default: $NKS_REPO, else ~/.config/nks/sync.")
    var repository: String?

    func validate() throws {
        for name in presets where !Preset.all.contains(where: { $0.name == name }) {
            throw ValidationError("--preset \(name): unknown preset (known: \(Preset.all.map(\.name).joined(separator: ", ")))")
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let path = StoreLocation.resolve(flag: repository)
            let store = try ConfigStore.create(at: path, presets: try presets.map(Preset.named), signature: Identity.current(in: nil))
            let head = try store.history(limit: 1).first
            StandardOutput.write("Created the nks-sync store at \(path) (commit \(head?.id.shortHex ?? "?")).\n"
                + "Edit \(path)/nks-sync.yaml and files/, commit, then run 'kubectl nks-sync status'.\n")
        }
    }
}
