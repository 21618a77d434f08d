// `kubectl nks-sync import NODE PATH…`: takes what a known-good node has as the canonical
// content of whole files, as one commit.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record a node's current files as the canonical content, as a commit.",
        discussion: """
        Bootstraps the store from a known-good node: each PATH is read from NODE and stored \
        under files/PATH; paths the manifest does not manage yet get a whole-file entry.

        Example:
          kubectl nks-sync import worker-1 /etc/logrotate.d/docker
        """
    )

    @Argument(help: "The node to read from.")
    var node: String

    @Argument(help: "Absolute paths of the files to import.")
    var paths: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one PATH to import") }
        for path in paths {
            do { try RemotePath.validate(path) } catch { throw ValidationError("PATH \(path): \(error)") }
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let session = try SyncSession.open(store: store, kubectl: kubectl, access: access, onePassPerNode: true)
            // Parsed, not init()'d: an option group made with init() leaves its options
            // undecoded, and reading one (the selector) stops the process.
            var selection = try NodeSelectionOptions.parse([])
            selection.nodes = [node]
            guard let inventory = try await session.inventory(selection).first, let target = inventory.target else {
                throw InventoryError(description: "node \(node) reports no \(session.settings.addressType.rawValue) address; choose another --address-type")
            }
            // Every node, to tell which the imported entries would cover.
            let everyone = try await session.inventory(try NodeSelectionOptions.parse([]))
            let snapshot: NodeSnapshot
            do {
                snapshot = try await NodeReader(transport: session.transport).read(NodeReadRequest(files: paths), from: target, timeout: session.settings.nodeTimeout)
            } catch {
                await session.transport.shutdown()
                throw error
            }
            try await session.finish()
            var files: [String: Data] = [:]
            for path in paths {
                guard let file = snapshot.files[path], file.state == .present, let content = file.content else {
                    let state = snapshot.files[path]?.state
                    let why = state == .notARegularFile ? "not a regular file (a symlink, directory or device is never read)" : state?.rawValue ?? "not read"
                    throw InventoryError(description: "\(node): \(path) is \(why); nothing was imported")
                }
                files[path] = content
            }
            let configStore = try ConfigStore.open(at: store.path)
            let commit = try configStore.importFiles(files, from: node, signature: Identity.current(in: configStore))
            StandardOutput.write(commit.map { "Imported \(paths.joined(separator: ", ")) from \(node) as commit \(String($0.prefix(12))).\n" }
                ?? "The store already has exactly this content; nothing to commit.\n")
            let manifest = try configStore.load().manifest
            let facts = everyone.map { (facts: $0.facts, groups: $0.groups) }
            for entry in manifest.entries where paths.contains(entry.path) {
                if let line = Applicability.notAll(entry, nodes: facts) { warn(line) }
            }
        }
    }
}
