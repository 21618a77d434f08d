// Owns one libgit2 repository handle. Not Sendable: libgit2 handles must not be used from
// two threads at once, so each task opens its own.
import CLibGit2
import Foundation

public final class GitRepository {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens the repository whose working tree (or .git directory) is exactly `path`;
    /// parent directories are not searched, so a store inside another repository is never
    /// mistaken for it.
    public static func open(_ path: String) throws -> GitRepository {
        LibGit2.ensureInitialised()
        var pointer: OpaquePointer?
        try git("open repository \(path)") {
            git_repository_open_ext(&pointer, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        return GitRepository(handle: pointer!)
    }

    /// Creates a non-bare repository at `path` whose unborn branch is `branch`.
    public static func create(at path: String, branch: String = "main") throws -> GitRepository {
        LibGit2.ensureInitialised()
        var options = git_repository_init_options()
        try git("prepare repository init") { git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)) }
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var pointer: OpaquePointer?
        try branch.withCString { head throws in
            options.initial_head = head
            try git("create repository \(path)") { git_repository_init_ext(&pointer, path, &options) }
        }
        return GitRepository(handle: pointer!)
    }

    /// The working tree directory, with a trailing slash removed; nil for a bare repository.
    public var workingDirectory: String? {
        guard let path = git_repository_workdir(handle) else { return nil }
        var text = String(cString: path)
        if text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
