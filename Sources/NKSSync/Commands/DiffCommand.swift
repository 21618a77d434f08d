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

        Nodes or files that could not be compared (unreachable, unreadable) are named on \
        stderr.

        Exit status, as kubectl diff: 0 no differences, 1 differences found, 2 some node or \
        file could not be compared (it wins over 1) or the command failed.
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
            if let warning = scanned.configzWarning { warn(warning) }
            let unreachable = scanned.compactMap(Self.notCompared)
            if let since {
                let (snapshot, files) = try ConfigStore.open(at: session.storePath).snapshotFiles(since)
                return (DiffReport(changes: SnapshotContent.changes(since: snapshot.name, files, scanned)), unreachable)
            }
            let pairs = scanned.flatMap { node in node.statuses.map { (node: node.name, status: $0) } }
            return (DiffReport(pairs), unreachable)
        }
        for (node, reason) in unreachable { warn("\(node) not compared: \(reason)") }
        if !report.isEmpty { StandardOutput.write(report.render()) }
        if !unreachable.isEmpty { throw ExitStatus.failure }
        if !report.isEmpty { throw ExitStatus.differencesFound }
    }

    /// A node that could not be read, or the files on it that could not be.
    private static func notCompared(_ node: ScannedNode) -> (node: String, reason: String)? {
        if let error = node.error { return (node.name, error) }
        let unreadable = node.statuses.filter { $0.state == .unreadable }.map { "\($0.path): \($0.detail)" }
        return unreadable.isEmpty ? nil : (node.name, unreadable.joined(separator: "; "))
    }
}
