// History and side references: the log of the canonical configuration, and the refs that
// record pushes and snapshots beside the main branch.
import CLibGit2
import Foundation

/// One commit as `log` shows it.
public struct GitCommitInfo: Sendable, Hashable {
    public var id: GitObjectID
    public var summary: String
    public var message: String
    public var author: GitSignature
    public var time: Date
    public var parents: [GitObjectID]
}

extension GitRepository {
    /// Commits reachable from `start`, newest first.
    public func log(from start: GitObjectID, limit: Int = .max) throws -> [GitCommitInfo] {
        var walker: OpaquePointer?
        try git("start history walk") { git_revwalk_new(&walker, handle) }
        defer { git_revwalk_free(walker) }
        git_revwalk_sorting(walker, GIT_SORT_TIME.rawValue | GIT_SORT_TOPOLOGICAL.rawValue)
        var startID = start.raw
        try git("walk from \(start.shortHex)") { git_revwalk_push(walker, &startID) }
        var commits: [GitCommitInfo] = []
        var next = git_oid()
        while commits.count < limit, git_revwalk_next(&next, walker) == 0 {
            commits.append(try commitInfo(GitObjectID(next)))
        }
        return commits
    }

    public func commitInfo(_ id: GitObjectID) throws -> GitCommitInfo {
        var raw = id.raw
        var commit: OpaquePointer?
        try git("look up commit \(id.shortHex)") { git_commit_lookup(&commit, handle, &raw) }
        defer { git_commit_free(commit) }
        let author = git_commit_author(commit)!.pointee
        let parents = (0..<git_commit_parentcount(commit)).map { GitObjectID(git_commit_parent_id(commit, $0).pointee) }
        return GitCommitInfo(
            id: id,
            summary: git_commit_summary(commit).map { String(cString: $0) } ?? "",
            message: git_commit_message(commit).map { String(cString: $0) } ?? "",
            author: GitSignature(name: String(cString: author.name), email: String(cString: author.email)),
            time: Date(timeIntervalSince1970: TimeInterval(git_commit_time(commit))),
            parents: parents
        )
    }

    /// Points `name` (e.g. refs/nks/snapshots/2026-11-23T10-00-00Z) at `target`.
    public func setReference(_ name: String, to target: GitObjectID, message: String) throws {
        var id = target.raw
        var reference: OpaquePointer?
        try git("set \(name)") { git_reference_create(&reference, handle, name, &id, 1, message) }
        git_reference_free(reference)
    }

    /// The commit a reference points to, or nil when it does not exist.
    public func reference(_ name: String) throws -> GitObjectID? {
        var id = git_oid()
        let result = git_reference_name_to_id(&id, handle, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try git("read \(name)") { result }
        return GitObjectID(id)
    }

    /// Every reference whose name matches a glob such as `refs/nks/snapshots/*`, sorted by name.
    public func references(matching glob: String) throws -> [(name: String, target: GitObjectID)] {
        var iterator: OpaquePointer?
        try git("list \(glob)") { git_reference_iterator_glob_new(&iterator, handle, glob) }
        defer { git_reference_iterator_free(iterator) }
        var found: [(name: String, target: GitObjectID)] = []
        var reference: OpaquePointer?
        while git_reference_next(&reference, iterator) == 0 {
            defer { git_reference_free(reference) }
            var resolved: OpaquePointer?
            guard git_reference_resolve(&resolved, reference) == 0 else { continue }
            defer { git_reference_free(resolved) }
            if let target = git_reference_target(resolved) {
                found.append((String(cString: git_reference_name(reference)), GitObjectID(target.pointee)))
            }
        }
        return found.sorted { $0.name < $1.name }
    }
}
