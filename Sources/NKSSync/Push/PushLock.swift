// One push at a time per store: a lock file inside the repository's .git directory, made
// with O_EXCL, holding who took it and since when, so a second push is refused with that.
import Foundation

public struct PushLock: Sendable {
    public let path: String

    public struct Held: Error, Sendable, CustomStringConvertible {
        public var holder: String
        public var description: String {
            "another push holds the store's lock (\(holder)); wait for it to finish, or remove the lock file if that process is gone"
        }
    }

    /// Takes the lock or throws `Held`. A lock left by a process that no longer runs on
    /// this host is taken over.
    public static func acquire(store: String, holder: String) throws -> PushLock {
        let path = store + "/.git/nks-sync-push.lock"
        let record = "\(holder) pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))"
        for _ in 0..<2 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            if descriptor >= 0 {
                _ = record.withCString { write(descriptor, $0, strlen($0)) }
                close(descriptor)
                return PushLock(path: path)
            }
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
