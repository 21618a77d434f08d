// Directories that hold sockets worth a login (SSH control masters, the API proxy): created
// 0700, or — when they already exist — checked to be real directories owned by this user
// and closed to everyone else, never trusted because their name matches.
import Foundation

public struct PrivateDirectoryError: Error, Equatable, CustomStringConvertible {
    public var description: String
}

public enum PrivateDirectory {
    /// `remedy` ends the error message: what the user can do about a directory that fails the check.
    public static func prepare(_ path: String, holding what: String, remedy: String) throws(PrivateDirectoryError) {
        if mkdir(path, 0o700) == 0 { return }
        let created = errno
        var info = stat()
        guard created == EEXIST, lstat(path, &info) == 0 else {
            throw PrivateDirectoryError(description: "cannot create \(path) for \(what): \(String(cString: strerror(created)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o077 == 0 else {
            throw PrivateDirectoryError(
                description: "\(path) holds \(what) but is not a private directory of yours (owner uid \(info.st_uid), mode \(String(info.st_mode & 0o7777, radix: 8))); \(remedy)")
        }
    }

    /// Whether `path` is a unix socket (not a link to one).
    public static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
    }
}
