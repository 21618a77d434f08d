// Reading files out of a commit's tree without touching the working tree, so drift is
// always computed against an exact revision.
import CLibGit2
import Foundation

extension GitRepository {
    /// The content of `path` (relative to the repository root) at `commit`, or nil when the
    /// commit has no such file.
    public func file(_ path: String, at commit: GitObjectID) throws -> Data? {
        try withTree(of: commit) { tree throws in
            var entry: OpaquePointer?
            let result = git_tree_entry_bypath(&entry, tree, path)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try git("find \(path) at \(commit.shortHex)") { result }
            defer { git_tree_entry_free(entry) }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
            var blob: OpaquePointer?
            try git("read \(path) at \(commit.shortHex)") { git_blob_lookup(&blob, handle, git_tree_entry_id(entry)) }
            defer { git_blob_free(blob) }
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
            return Data(bytes: bytes, count: size)
        }
    }

    /// Every file path (blobs, recursively) in `commit`'s tree, optionally under a folder.
    public func filePaths(at commit: GitObjectID, under prefix: String = "") throws -> [String] {
        try withTree(of: commit) { tree throws in
            final class Collector { var paths: [String] = [] }
            let collector = Collector()
            let context = Unmanaged.passUnretained(collector).toOpaque()
            try git("list files at \(commit.shortHex)") {
                git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
                    guard let entry, git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
                    let collector = Unmanaged<Collector>.fromOpaque(payload!).takeUnretainedValue()
                    collector.paths.append(String(cString: root!) + String(cString: git_tree_entry_name(entry)))
                    return 0
                }, context)
            }
            let folder = prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
            return collector.paths.filter { $0.hasPrefix(folder) }.sorted()
        }
    }

    func withTree<Result>(of commit: GitObjectID, _ body: (OpaquePointer) throws -> Result) throws -> Result {
        var id = commit.raw
        var commitHandle: OpaquePointer?
        try git("look up commit \(commit.shortHex)") { git_commit_lookup(&commitHandle, handle, &id) }
        defer { git_commit_free(commitHandle) }
        var tree: OpaquePointer?
        try git("read tree of \(commit.shortHex)") { git_commit_tree(&tree, commitHandle) }
        defer { git_tree_free(tree) }
        return try body(tree!)
    }
}
