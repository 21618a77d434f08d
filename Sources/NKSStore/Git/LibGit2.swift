// Owns libgit2's process-wide initialisation: every entry point of the store calls
// `LibGit2.ensureInitialised()` before its first libgit2 call.
import CLibGit2

public enum LibGit2 {
    /// `git_libgit2_init` is reference counted; one call for the life of the process is
    /// enough, and a lazy static makes it thread-safe.
    private static let initialised: Bool = git_libgit2_init() > 0

    static func ensureInitialised() {
        _ = initialised
    }

    /// The linked libgit2 version, e.g. "1.5.1".
    public static var version: String {
        ensureInitialised()
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
