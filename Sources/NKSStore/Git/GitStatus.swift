// Whether the working tree holds uncommitted edits: the store refuses to work on a dirty
// tree, because drift would be computed against files nobody committed.
import CLibGit2

extension GitRepository {
    /// Paths with uncommitted changes, untracked files included, ignored files excluded.
    public func uncommittedPaths() throws -> [String] {
        var options = git_status_options()
        try git("prepare status") { git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)) }
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
        var list: OpaquePointer?
        try git("read working tree status") { git_status_list_new(&list, handle, &options) }
        defer { git_status_list_free(list) }
        var paths: [String] = []
        for position in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, position)?.pointee else { continue }
            let delta = entry.index_to_workdir ?? entry.head_to_index
            if let delta, let path = delta.pointee.new_file.path ?? delta.pointee.old_file.path {
                paths.append(String(cString: path))
            }
        }
        return paths.sorted()
    }
}
