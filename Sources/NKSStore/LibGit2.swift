// Owns libgit2's process-wide initialisation; every libgit2 handle in NKSStore goes through here.
import CLibGit2

public enum LibGit2 {
    /// libgit2 must be initialised before any call; `git_libgit2_init` is reference counted
    /// and cheap after the first call, so it is done once per process.
    private static let initialised: Bool = git_libgit2_init() > 0

    /// The linked libgit2 version, e.g. "1.5.1".
    public static var version: String {
        _ = initialised
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}
