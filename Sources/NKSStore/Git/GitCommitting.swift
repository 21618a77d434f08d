// Writing commits: from the working tree (what the user edited), or from in-memory files
// onto a side reference (snapshots), never rewriting existing history.
import CLibGit2
import Foundation

/// Who a commit is by.
public struct GitSignature: Sendable, Hashable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

extension GitRepository {
    /// The identity git itself would use (user.name/user.email), or `fallback`.
    public func defaultSignature(fallback: GitSignature) -> GitSignature {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { return fallback }
        defer { git_signature_free(signature) }
        return GitSignature(name: String(cString: signature.pointee.name), email: String(cString: signature.pointee.email))
    }

    /// Stages every change in the working tree (additions, edits, deletions) and commits it
    /// on the current branch. Returns nil when there is nothing to commit.
    @discardableResult
    public func commitWorkingTree(message: String, signature: GitSignature) throws -> GitObjectID? {
        var index: OpaquePointer?
        try git("open index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        try withPathspec(["*"]) { spec throws in
            try git("stage changes") { git_index_add_all(index, spec, GIT_INDEX_ADD_DEFAULT.rawValue, nil, nil) }
            try git("stage deletions") { git_index_update_all(index, spec, nil, nil) }
        }
        try git("write index") { git_index_write(index) }
        var tree = git_oid()
        try git("write tree") { git_index_write_tree(&tree, index) }
        let parent = try headCommit()
        if let parent, try treeID(of: parent) == GitObjectID(tree) { return nil }
        return try createCommit(tree: GitObjectID(tree), parents: parent.map { [$0] } ?? [], message: message, signature: signature, updating: "HEAD")
    }

    /// Commits the working-tree content of `paths` only, on top of HEAD: other edits in
    /// the working tree or the index are neither committed nor disturbed.
    @discardableResult
    public func commitPaths(_ paths: [String], message: String, signature: GitSignature) throws -> GitObjectID? {
        guard let workingDirectory, let head = try headCommit() else { return nil }
        var files: [String: Data] = [:]
        for path in try filePaths(at: head) { files[path] = try file(path, at: head) }
        for path in paths { files[path] = FileManager.default.contents(atPath: workingDirectory + "/" + path) }
        let tree = try writeTree(files.map { (path: $0.key.split(separator: "/").map(String.init), content: $0.value) })
        if tree == (try treeID(of: head)) { return nil }
        let commit = try createCommit(tree: tree, parents: [head], message: message, signature: signature, updating: "HEAD")
        var index: OpaquePointer?
        try git("open index") { git_repository_index(&index, handle) }
        defer { git_index_free(index) }
        for path in paths {
            try git("stage \(path)") { git_index_add_bypath(index, path) }
        }
        try git("write index") { git_index_write(index) }
        return commit
    }

    /// Commits exactly `files` (path → content) as a new tree whose parent is `parent`, and
    /// points `reference` at it. The working tree and the current branch are not touched.
    public func commit(
        files: [String: Data],
        message: String,
        signature: GitSignature,
        parents: [GitObjectID],
        updating reference: String
    ) throws -> GitObjectID {
        let tree = try writeTree(files.map { (path: $0.key.split(separator: "/").map(String.init), content: $0.value) })
        return try createCommit(tree: tree, parents: parents, message: message, signature: signature, updating: reference)
    }

    /// Writes blobs and nested trees for `files` (path components → content).
    private func writeTree(_ files: [(path: [String], content: Data)]) throws -> GitObjectID {
        var builder: OpaquePointer?
        try git("start tree") { git_treebuilder_new(&builder, handle, nil) }
        defer { git_treebuilder_free(builder) }
        let grouped = Dictionary(grouping: files, by: { $0.path[0] })
        for (name, entries) in grouped.sorted(by: { $0.key < $1.key }) {
            var id = git_oid()
            let mode: git_filemode_t
            if let leaf = entries.first(where: { $0.path.count == 1 }) {
                try leaf.content.withUnsafeBytes { bytes in
                    try git("write blob \(name)") { git_blob_create_from_buffer(&id, handle, bytes.baseAddress, bytes.count) }
                }
                mode = GIT_FILEMODE_BLOB
            } else {
                id = try writeTree(entries.map { (path: Array($0.path.dropFirst()), content: $0.content) }).raw
                mode = GIT_FILEMODE_TREE
            }
            try git("add \(name) to tree") { git_treebuilder_insert(nil, builder, name, &id, mode) }
        }
        var tree = git_oid()
        try git("write tree") { git_treebuilder_write(&tree, builder) }
        return GitObjectID(tree)
    }

    func treeID(of commit: GitObjectID) throws -> GitObjectID {
        try withTree(of: commit) { tree in GitObjectID(git_tree_id(tree).pointee) }
    }

    func createCommit(tree: GitObjectID, parents: [GitObjectID], message: String, signature: GitSignature, updating reference: String) throws -> GitObjectID {
        var treeID = tree.raw
        var treeHandle: OpaquePointer?
        try git("look up tree") { git_tree_lookup(&treeHandle, handle, &treeID) }
        defer { git_tree_free(treeHandle) }
        var parentHandles: [OpaquePointer?] = []
        defer { parentHandles.forEach { git_commit_free($0) } }
        for parent in parents {
            var id = parent.raw
            var commit: OpaquePointer?
            try git("look up parent \(parent.shortHex)") { git_commit_lookup(&commit, handle, &id) }
            parentHandles.append(commit)
        }
        var author: UnsafeMutablePointer<git_signature>?
        try git("make signature for \(signature.name)") { git_signature_now(&author, signature.name, signature.email) }
        defer { git_signature_free(author) }
        var result = git_oid()
        try parentHandles.withUnsafeMutableBufferPointer { buffer throws in
            try git("commit to \(reference)") {
                git_commit_create(&result, handle, reference, author, author, "UTF-8", message, treeHandle, buffer.count, buffer.baseAddress)
            }
        }
        return GitObjectID(result)
    }

    func withPathspec<Result>(_ patterns: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> Result) throws -> Result {
        var cStrings = patterns.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        return try cStrings.withUnsafeMutableBufferPointer { buffer throws in
            var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return try body(&array)
        }
    }
}

extension GitRepository {
    /// A new commit on HEAD whose content equals `revision`'s: history is kept, and the
    /// working tree and index are updated to it. Returns nil when HEAD already has it.
    public func commitRestoring(_ revision: GitObjectID, message: String, signature: GitSignature) throws -> GitObjectID? {
        guard let head = try headCommit() else { return nil }
        let tree = try treeID(of: revision)
        if tree == (try treeID(of: head)) { return nil }
        let commit = try createCommit(tree: tree, parents: [head], message: message, signature: signature, updating: "HEAD")
        var options = git_checkout_options()
        try git("prepare checkout") { git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)) }
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        try git("update the working tree to \(commit.shortHex)") { git_checkout_head(handle, &options) }
        return commit
    }
}
