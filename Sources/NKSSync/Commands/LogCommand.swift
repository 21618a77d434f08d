// `kubectl nks-sync log`: the history of the canonical configuration.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Show the history of the store's configuration."
    )

    @Option(name: [.customShort("n"), .customLong("max-count")], help: "Show at most this many commits.")
    var maxCount = 20

    @Option(name: .customLong("repo"), help: "The nks-sync store. Default: $NKS_REPO, else ~/.config/nks/sync.")
    var repository: String?

    @Flag(name: .customLong("snapshots"), help: "List the recorded snapshots instead of the configuration's commits.")
    var snapshots = false

    @OptionGroup var output: OutputOptions

    struct Entry: Encodable {
        var revision: String
        var time: Date
        var author: String
        var summary: String
    }

    func validate() throws {
        if maxCount < 1 { throw ValidationError("--max-count must be at least 1") }
    }

    func run() async throws {
        let entries = try await CommandFailure.reporting {
            let store = try ConfigStore.open(at: StoreLocation.resolve(flag: repository))
            if snapshots {
                return try store.snapshots().suffix(maxCount).reversed().map {
                    Entry(revision: $0.name, time: $0.time, author: "", summary: $0.summary)
                }
            }
            return try store.history(limit: maxCount).map {
                Entry(revision: $0.id.hex, time: $0.time, author: "\($0.author.name) <\($0.author.email)>", summary: $0.summary)
            }
        }
        switch output.format {
        case .json, .yaml:
            struct List: Encodable { var items: [Entry] }
            StandardOutput.write(try StructuredOutput.render(List(items: entries), as: output.format))
        case .name:
            StandardOutput.write(entries.map { $0.revision + "\n" }.joined())
        case .table, .wide:
            var table = Table(headers: snapshots ? ["snapshot", "time", "summary"] : ["revision", "time", "author", "summary"])
            let formatter = ISO8601DateFormatter()
            for entry in entries {
                let name = snapshots || output.format == .wide ? entry.revision : String(entry.revision.prefix(12))
                table.append([name, formatter.string(from: entry.time)] + (snapshots ? [] : [entry.author]) + [entry.summary])
            }
            StandardOutput.write(table.render(headers: !output.noHeaders))
        }
    }
}
