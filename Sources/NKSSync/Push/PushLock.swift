// One push at a time per store: a lock file inside the repository's .git directory, made
// by an exclusive hard link, holding who took it and since when, so a second push is
// refused with that.
import Foundation

public struct PushLock: Sendable {
    public let path: String

    public struct Held: Error, Sendable, CustomStringConvertible {
        public var holder: String
        public var description: String {
            "another push holds the store's lock (\(holder)); wait for it to finish, or remove the lock file if that process is gone"
        }
    }

    public struct Unwritable: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot take the push lock \(path) (\(reason)); check that the store's .git directory is writable"
        }
    }

    /// Takes the lock or throws `Held`. A lock left by a process that no longer runs on
    /// this host is taken over.
    public static func acquire(store: String, holder: String) throws -> PushLock {
        let path = store + "/.git/nks-sync-push.lock"
        let record = "\(holder) pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))"
        // The record is written to a file of this process's own and then hard-linked to the
        // lock's name, which fails if the name exists: the lock appears with its holder in
        // it, so a second push never reads an empty lock.
        let temporary = path + ".\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(record.utf8)) else {
            throw Unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { unlink(temporary) }
        for _ in 0..<2 {
            if link(temporary, path) == 0 {
                return PushLock(path: path)
            }
            guard errno == EEXIST else { throw Unwritable(path: path, reason: String(cString: strerror(errno))) }
            let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "unknown holder"
            if isStale(existing) {
                unlink(path)
                continue
            }
            throw Held(holder: existing.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        throw Held(holder: "unknown holder")
    }

    public func release() {
        unlink(path)
    }

    private static func isStale(_ record: String) -> Bool {
        let words = record.split(separator: " ")
        guard let pidIndex = words.firstIndex(of: "pid"), pidIndex + 3 < words.count,
              let pid = Int32(words[pidIndex + 1]), words[pidIndex + 3] == ProcessInfo.processInfo.hostName else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
