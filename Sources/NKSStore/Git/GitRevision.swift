// Resolving revisions ("HEAD", "main~2", a short id, a tag) to commits.
import CLibGit2

extension GitRepository {
    /// The commit HEAD points to, or nil while the branch is unborn (a new store).
    public func headCommit() throws -> GitObjectID? {
        var reference: OpaquePointer?
        let result = git_repository_head(&reference, handle)
        if result == GIT_EUNBORNBRANCH.rawValue || result == GIT_ENOTFOUND.rawValue { return nil }
        try git("read HEAD") { result }
        defer { git_reference_free(reference) }
        return try peelToCommit(reference!, what: "HEAD")
    }

    /// Resolves any revision expression git understands to the commit it names.
    public func resolveCommit(_ revision: String) throws -> GitObjectID {
        var object: OpaquePointer?
        try git("resolve revision '\(revision)'") { git_revparse_single(&object, handle, revision) }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try git("'\(revision)' is not a commit") { git_object_peel(&commit, object, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }

    private func peelToCommit(_ reference: OpaquePointer, what: String) throws -> GitObjectID {
        var commit: OpaquePointer?
        try git("\(what) is not a commit") { git_reference_peel(&commit, reference, GIT_OBJECT_COMMIT) }
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit).pointee)
    }
}
