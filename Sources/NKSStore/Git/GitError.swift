// Maps libgit2 failures to one Swift error carrying git's own message. libgit2 keeps its
// last error per thread, so it is read right after the failing call, before any await.
import CLibGit2

public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the store was doing, e.g. "open repository /path".
    public var operation: String
    /// libgit2's return code (GIT_ENOTFOUND, GIT_ELOCKED, …).
    public var code: Int32
    /// libgit2's message for the failure, as git would print it.
    public var message: String

    public var description: String { "git: \(operation): \(message)" }

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    public var isLocked: Bool { code == GIT_ELOCKED.rawValue }
}

/// Runs one libgit2 call and throws its error, captured on the calling thread.
@discardableResult
func git(_ operation: @autoclosure () -> String, _ call: () -> Int32) throws -> Int32 {
    let result = call()
    guard result < 0 else { return result }
    let message = git_error_last().map { String(cString: $0.pointee.message) } ?? "error \(result)"
    throw GitError(operation: operation(), code: result, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}

extension Set where Element == Character {
    fileprivate static var whitespacesAndNewlines: Set<Character> { [" ", "\n", "\t", "\r"] }
}
