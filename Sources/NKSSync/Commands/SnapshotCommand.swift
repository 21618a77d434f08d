// `kubectl nks-sync snapshot`: records what every node actually has, so drift over time
// can be compared later (`log --snapshots`, `diff --since`).
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Record the managed files as every node has them, in the store's history.",
        discussion: """
        The snapshot is a commit on refs/nks/snapshots/<time> (not on the main branch) \
        holding <node>/<path> for every managed file that could be read.
        """
    )

    @OptionGroup var selection: NodeSelectionOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions
    @OptionGroup var progress: ProgressOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let session = try SyncSession.open(store: store, kubectl: kubectl, access: access, onePassPerNode: true)
            let nodes = try await session.inventory(selection)
            let scanned = await session.scanner(noProgress: progress.noProgress).scan(nodes, revision: session.revision)
            try await session.finish()
            let (files, withheld) = SnapshotContent.files(of: scanned, manifest: session.revision.manifest)
            let configStore = try ConfigStore.open(at: session.storePath)
            let readNodes = scanned.filter { $0.error == nil }.count
            let snapshot = try configStore.recordSnapshot(
                files,
                message: "Snapshot of \(readNodes) node\(readNodes == 1 ? "" : "s") against \(session.revision.shortID)",
                signature: Identity.current(in: configStore)
            )
            for (file, reason) in withheld {
                StandardError.warning("\(file) not recorded: it looks like a credential (\(reason)); the store is shared")
            }
            for node in scanned where node.error != nil {
                StandardError.warning("\(node.name) not recorded: \(node.error ?? "")")
            }
            StandardOutput.write("Recorded snapshot \(snapshot.name): \(files.count) files from \(readNodes) nodes.\n")
            // The snapshot is kept, but it is not the whole fleet's: say so in the status.
            if readNodes < scanned.count { throw ExitStatus.failure }
        }
    }
}

/// What a snapshot holds: each readable managed file as `<node><path>`.
enum SnapshotContent {
    /// Node files that look like credentials are withheld (`node:path` and why), as
    /// canonical files are, unless their entry says `allowSecrets: true`: the store is
    /// shared, and a node is where someone pastes a password into a config file.
    static func files(of scanned: [ScannedNode], manifest: Manifest) -> (files: [String: Data], withheld: [(file: String, reason: String)]) {
        let secretsAllowed = Set(manifest.entries.compactMap { entry -> String? in
            if case .file(_, _, _, allowSecrets: true) = entry.kind { return entry.path }
            return nil
        })
        var files: [String: Data] = [:]
        var withheld: [(file: String, reason: String)] = []
        for node in scanned where node.error == nil {
            for status in node.statuses {
                guard let actual = status.actual else { continue }
                if !secretsAllowed.contains(status.path), let reason = SecretDetector.reason(actual) {
                    withheld.append((node.name + ":" + status.path, reason))
                    continue
                }
                files[node.name + status.path] = Data(actual.utf8)
            }
        }
        return (files, withheld)
    }

    /// What changed on each node between a snapshot and now, for files read both times.
    static func changes(since snapshot: String, _ files: [String: Data], _ scanned: [ScannedNode]) -> [DiffReport.Change] {
        scanned.filter { $0.error == nil }.flatMap { node in
            node.statuses.compactMap { status -> DiffReport.Change? in
                guard status.state != .unreadable, status.state != .notApplicable else { return nil }
                let then = files[node.name + status.path].map { String(decoding: $0, as: UTF8.self) }
                guard then != status.actual else { return nil }
                return DiffReport.Change(node: node.name, path: status.path, old: then, new: status.actual,
                                         oldLabel: "\(snapshot):\(status.path)", newLabel: "node:\(status.path)", detail: "")
            }
        }
    }
}
