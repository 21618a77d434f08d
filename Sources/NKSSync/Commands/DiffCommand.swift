// `kubectl nks-sync diff`: unified diffs of what nodes have against what the store wants.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show unified diffs of node files against the store.",
        discussion: """
        The desired content is rendered per node (partial kinds keep the node's own lines), \
        so the diff is exactly what a push would change. Nodes with identical diffs are \
        shown once.

        Exit status, as kubectl diff: 0 no differences, 1 differences found, >1 error.
        """
    )

    @OptionGroup var selection: NodeSelectionOptions
    @OptionGroup var store: StoreOptions
    @Option(name: .customLong("revision"), help: "Compare against this store revision instead of the last commit.")
    var revision: String?
    @Option(name: .customLong("since"), help: "Show what changed on the nodes since this snapshot (see log --snapshots) instead.")
    var since: String?
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions
    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        if since != nil && revision != nil {
            throw ValidationError("--since compares nodes with a snapshot and --revision with the store; give one of them")
        }
    }

    func run() async throws {
        let (report, unreachable) = try await CommandFailure.reporting {
            let session = try SyncSession.open(store: store, revision: revision, kubectl: kubectl, access: access, onePassPerNode: true)
            let nodes = try await session.inventory(selection)
            let scanned = await session.scanner(noProgress: progress.noProgress).scan(nodes, revision: session.revision)
            try await session.finish()
            let unreachable = scanned.filter { $0.error != nil }
            if let since {
                let (snapshot, files) = try ConfigStore.open(at: session.storePath).snapshotFiles(since)
                return (DiffReport(changes: SnapshotContent.changes(since: snapshot.name, files, scanned)), unreachable)
            }
            let pairs = scanned.flatMap { node in node.statuses.map { (node: node.name, status: $0) } }
            return (DiffReport(pairs), unreachable)
        }
        for node in unreachable {
            StandardError.warning("\(node.name) not compared: \(node.error ?? "")")
        }
        if !report.isEmpty { StandardOutput.write(report.render()) }
        if !report.isEmpty { throw ExitStatus.differencesFound }
        if !unreachable.isEmpty { throw ExitStatus.failure }
    }
}
