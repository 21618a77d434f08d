// The git-backed config store: opens or creates the repository, loads a revision's
// manifest and canonical files, and records commits and snapshots. Everything git goes
// through the GitRepository wrapper.
import Foundation

public final class ConfigStore {
    public let path: String
    let repository: GitRepository

    private init(path: String, repository: GitRepository) {
        self.path = path
        self.repository = repository
    }

    public static func open(at path: String) throws -> ConfigStore {
        guard FileManager.default.fileExists(atPath: path + "/.git") || FileManager.default.fileExists(atPath: path + "/HEAD") else {
            throw StoreError.notFound(path: path)
        }
        return ConfigStore(path: path, repository: try GitRepository.open(path))
    }

    /// Creates a store with the given presets (merged into one manifest when several
    /// touch the same file) and commits it.
    public static func create(at path: String, presets: [Preset], signature: GitSignature) throws -> ConfigStore {
        if FileManager.default.fileExists(atPath: path + "/.git") { throw StoreError.alreadyExists(path: path) }
        let repository = try GitRepository.create(at: path)
        let store = ConfigStore(path: path, repository: repository)
        try store.write(ManifestParser.fileName, Data(initialManifest(presets).utf8))
        for preset in presets {
            for (nodePath, content) in preset.files {
                try store.write(StoreRevision.storePath(for: nodePath), Data(content.utf8))
            }
        }
        try store.write("known_hosts", Data())
        try store.write(".gitignore", Data("# nks-sync keeps nothing out of git by default\n".utf8))
        _ = try store.parseWorkingManifest()
        let names = presets.map(\.name)
        try repository.commitWorkingTree(message: "Create nks-sync store" + (names.isEmpty ? "" : " with \(names.joined(separator: ", "))"), signature: signature)
        return store
    }

    /// The pinned host keys of every node, kept (and committed) with the configuration.
    public var knownHostsPath: String { path + "/known_hosts" }

    /// Refuses to go on when the working tree holds uncommitted edits.
    public func ensureClean(allowDirty: Bool) throws {
        guard !allowDirty else { return }
        // With HEAD's tree unreadable (a damaged repository), libgit2's status compares
        // against nothing and calls every file uncommitted; git's own error says what is wrong.
        if let head = try repository.headCommit() { try repository.withTree(of: head) { _ in } }
        // known_hosts changes as new keys are accepted; it is committed by the tool itself.
        let dirty = try repository.uncommittedPaths().filter { $0 != "known_hosts" }
        if !dirty.isEmpty { throw StoreError.dirty(path: path, files: dirty) }
    }

    /// The configuration at `revision` (default HEAD).
    public func load(revision: String? = nil) throws -> StoreRevision {
        let commit: GitObjectID
        if let revision {
            commit = try repository.resolveCommit(revision)
        } else {
            guard let head = try repository.headCommit() else { throw StoreError.empty(path: path) }
            commit = head
        }
        let manifestText = try repository.file(ManifestParser.fileName, at: commit).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let manifest = try ManifestParser.parse(manifestText, file: "\(ManifestParser.fileName)@\(commit.shortHex)")
        var files: [String: Data] = [:]
        for entry in manifest.entries {
            guard case .file(_, _, _, let allowSecrets) = entry.kind else { continue }
            let storePath = StoreRevision.storePath(for: entry.path)
            guard let content = try repository.file(storePath, at: commit) else {
                throw StoreError.missingCanonicalFile(entry: entry.path, storePath: storePath)
            }
            if !allowSecrets, let reason = SecretDetector.reason(String(decoding: content, as: UTF8.self)) {
                throw StoreError.secretContent(entry: entry.path, reason: reason)
            }
            files[entry.path] = content
        }
        return StoreRevision(id: commit.hex, shortID: commit.shortHex, manifest: manifest, canonicalFiles: files, manifestText: manifestText)
    }

    /// Records what a node has as the canonical content of `files` (node path → content):
    /// updates files/…, adds a plain `file` entry for paths the manifest does not manage
    /// yet, and commits.
    @discardableResult
    public func importFiles(_ files: [String: Data], from node: String, signature: GitSignature) throws -> String? {
        var manifestText = try String(contentsOfFile: path + "/" + ManifestParser.fileName, encoding: .utf8)
        let manifest = try ManifestParser.parse(manifestText)
        for (nodePath, content) in files.sorted(by: { $0.key < $1.key }) {
            if let reason = SecretDetector.reason(String(decoding: content, as: UTF8.self)) {
                throw StoreError.secretContent(entry: nodePath, reason: reason)
            }
            try write(StoreRevision.storePath(for: nodePath), content)
            if !manifest.entries.contains(where: { $0.path == nodePath }) {
                manifestText = manifestText.replacingOccurrences(of: "\nentries: []\n", with: "\nentries:\n")
                if !manifestText.contains("entries:") { manifestText += manifestText.hasSuffix("\n") || manifestText.isEmpty ? "entries:\n" : "\nentries:\n" }
                manifestText += "  - path: \(ConfigValue.string(nodePath).yamlInline)\n    kind: file\n"
            }
        }
        try write(ManifestParser.fileName, Data(manifestText.utf8))
        _ = try parseWorkingManifest()
        let paths = files.keys.sorted().joined(separator: ", ")
        return try repository.commitWorkingTree(message: "Import \(paths) from node \(node)", signature: signature)?.hex
    }

    /// Makes a new commit whose configuration equals `revision`'s (a rollback never
    /// rewrites history). Returns the new commit, or nil when HEAD already equals it.
    public func rollback(to revision: String, signature: GitSignature) throws -> String? {
        let target = try repository.resolveCommit(revision)
        return try repository.commitRestoring(target, message: "Roll back to \(target.shortHex)", signature: signature)?.hex
    }

    /// Commits the pinned host keys when new ones were accepted.
    public func commitKnownHosts(signature: GitSignature) throws {
        guard try repository.uncommittedPaths().contains("known_hosts") else { return }
        try repository.commitPaths(["known_hosts"], message: "Pin new node host keys", signature: signature)
    }

    /// Records what nodes actually have (`<node>/<path>` → content) on a side reference
    /// `refs/nks/snapshots/<time>`, chained to the previous snapshot; the main branch and
    /// the working tree are untouched.
    public func recordSnapshot(_ files: [String: Data], message: String, signature: GitSignature, at time: Date = Date()) throws -> Snapshot {
        try recordSideCommit(under: Self.snapshotPrefix, files: files, message: message, signature: signature, at: time)
    }

    /// Records a push (which revision went to which node, with what result) on
    /// `refs/nks/pushes/<time>`, chained to the previous push; history is never rewritten.
    public func recordPush(_ record: Data, message: String, signature: GitSignature, at time: Date = Date()) throws -> Snapshot {
        try recordSideCommit(under: Self.pushPrefix, files: ["push.json": record], message: message, signature: signature, at: time)
    }

    /// Pushes, oldest first.
    public func pushes() throws -> [Snapshot] {
        try sideCommits(under: Self.pushPrefix)
    }

    static let pushPrefix = "refs/nks/pushes/"

    private func recordSideCommit(under prefix: String, files: [String: Data], message: String, signature: GitSignature, at time: Date) throws -> Snapshot {
        let name = Self.snapshotName(for: time)
        let previous = try sideCommits(under: prefix).last.map { [try repository.resolveCommit(prefix + $0.name)] } ?? []
        let id = try repository.commit(files: files, message: message, signature: signature, parents: previous, updating: prefix + name)
        return Snapshot(name: name, id: id.hex, time: time, summary: message)
    }

    public struct Snapshot: Sendable, Hashable, Encodable {
        public var name: String
        public var id: String
        public var time: Date
        public var summary: String
        var reference: String { ConfigStore.snapshotPrefix + name }
    }

    static let snapshotPrefix = "refs/nks/snapshots/"

    /// Oldest first.
    public func snapshots() throws -> [Snapshot] {
        try sideCommits(under: Self.snapshotPrefix)
    }

    private func sideCommits(under prefix: String) throws -> [Snapshot] {
        try repository.references(matching: prefix + "*").map { reference in
            let info = try repository.commitInfo(reference.target)
            return Snapshot(name: String(reference.name.dropFirst(prefix.count)), id: reference.target.hex, time: info.time, summary: info.summary)
        }
        .sorted { $0.name < $1.name }
    }

    /// The files of a snapshot (`<node>/<path>` → content); `name` may be a unique prefix.
    public func snapshotFiles(_ name: String) throws -> (snapshot: Snapshot, files: [String: Data]) {
        let all = try snapshots()
        let matches = all.filter { $0.name == name } + (all.contains { $0.name == name } ? [] : all.filter { $0.name.hasPrefix(name) })
        guard matches.count == 1, let snapshot = matches.first else {
            throw StoreError.unknownSnapshot(name, known: all.suffix(5).map(\.name))
        }
        let commit = try repository.resolveCommit(snapshot.reference)
        var files: [String: Data] = [:]
        for path in try repository.filePaths(at: commit) { files[path] = try repository.file(path, at: commit) }
        return (snapshot, files)
    }

    /// Sortable and valid in a ref name: 2026-11-23T10.04.05.123Z.
    static func snapshotName(for time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: time).replacingOccurrences(of: ":", with: ".")
    }

    /// The identity git would use in this repository, or `fallback`.
    public func signature(fallback: GitSignature) -> GitSignature {
        repository.defaultSignature(fallback: fallback)
    }

    public func history(limit: Int) throws -> [GitCommitInfo] {
        guard let head = try repository.headCommit() else { return [] }
        return try repository.log(from: head, limit: limit)
    }

    private func parseWorkingManifest() throws -> Manifest {
        try ManifestParser.parse(try String(contentsOfFile: path + "/" + ManifestParser.fileName, encoding: .utf8))
    }

    private func write(_ relativePath: String, _ content: Data) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, options: .atomic)
    }

    static func initialManifest(_ presets: [Preset]) -> String {
        var text = """
        # nks-sync manifest: what every node should have. Edit, commit, then
        # 'kubectl nks-sync status' shows drift and 'kubectl nks-sync diff' the details.
        version: 1
        # access:            # node access defaults; flags and NKS_* variables win
        #   user: root
        #   sudo: true
        # groups:            # node groups by label selector
        #   workers: node-role.kubernetes.io/worker

        """
        text += presets.isEmpty ? "entries: []\n" : "entries:\n" + mergedEntries(presets).map { $0 + "\n" }.joined()
        return text
    }

    /// Presets that set keys in the same file (kubelet-image-gc, kubelet-container-logs)
    /// become one entry with both sets of keys, since a path may be managed only once.
    static func mergedEntries(_ presets: [Preset]) -> [String] {
        var entries: [(path: String, lines: [String])] = []
        for preset in presets {
            let lines = preset.entry.split(separator: "\n").map(String.init)
            let path = lines.first.map { $0.replacingOccurrences(of: "  - path: ", with: "") } ?? ""
            if let index = entries.firstIndex(where: { $0.path == path }),
               let setLine = entries[index].lines.firstIndex(of: "    set:"),
               let otherSet = lines.firstIndex(of: "    set:") {
                let keys = lines[(otherSet + 1)...].prefix(while: { $0.hasPrefix("      ") })
                var end = setLine + 1
                while end < entries[index].lines.count, entries[index].lines[end].hasPrefix("      ") { end += 1 }
                entries[index].lines.insert(contentsOf: keys, at: end)
            } else {
                entries.append((path, lines))
            }
        }
        return entries.map { $0.lines.joined(separator: "\n") }
    }
}
