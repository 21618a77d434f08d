// `kubectl nks-sync status`: the state of every managed entry on every selected node.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each node's drift against the store.",
        discussion: """
        Reads every selected node once (one SSH round trip per node) and reports, per \
        managed entry: in-sync, drifted, missing, unreadable, pending-restart, \
        pending-reboot, not-applicable or unreachable, with the store revision each node \
        last received.

        Exit status: 0 everything in sync, 1 drift found, 2 some node could not be \
        checked (unreachable, unreadable) or the command failed, 64 bad flags. 2 wins over \
        1: drift on the nodes that were checked says nothing of those that were not.

        Examples:
          kubectl nks-sync status
          kubectl nks-sync status -l nodegroup=gpu -o wide
          kubectl nks-sync status worker-3 -o json
        """
    )

    @OptionGroup var selection: NodeSelectionOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions
    @OptionGroup var progress: ProgressOptions

    func run() async throws {
        let report = try await CommandFailure.reporting {
            let session = try SyncSession.open(store: store, kubectl: kubectl, access: access, onePassPerNode: true)
            let nodes = try await session.inventory(selection)
            let scanned = await session.scanner(noProgress: progress.noProgress).scan(nodes, revision: session.revision)
            try await session.finish()
            if let warning = scanned.configzWarning { warn(warning) }
            for line in ApplicabilityNotes.lines(nodes, revision: session.revision) { warn(line) }
            return StatusReport(scanned, revision: session.revision)
        }
        try StandardOutput.write(render(report))
        if report.hasUncheckedNodes { throw ExitStatus.failure }
        if report.hasDrift { throw ExitStatus.differencesFound }
    }

    private func render(_ report: StatusReport) throws -> String {
        switch output.format {
        case .json, .yaml:
            return try StructuredOutput.render(report, as: output.format)
        case .name:
            return report.nodes.filter { $0.entries.contains { $0.state.isDrift } }.map { "node/\($0.name)\n" }.joined()
        case .table, .wide:
            let table = StatusTable.render(report, wide: output.format == .wide, showCluster: false)
            return table.render(headers: !output.noHeaders) + (output.noHeaders ? "" : "\n" + report.summary + "\n")
        }
    }
}
