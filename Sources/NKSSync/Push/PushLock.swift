// One push at a time per store: an exclusive flock(2) on a lock file inside the repository's
// .git directory, which holds who took it and since when, so a second push is refused with
// that. The kernel drops the lock when its process ends, so a push that died leaves no lock
// to take over: two pushes can never both hold it, as they could when a stale lock file was
// removed and re-created by two processes at once.
import Foundation

public final class PushLock: Sendable {
    public let path: String
    private let descriptor: Int32

    public struct Held: Error, Sendable, CustomStringConvertible {
        public var holder: String
        public var description: String {
            "another push holds the store's lock (\(holder)); wait for it to finish"
        }
    }

    public struct Unwritable: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String {
            "cannot take the push lock \(path) (\(reason)); check that the store's .git directory is writable"
        }
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock or throws `Held` naming its holder.
    public static func acquire(store: String, holder: String) throws -> PushLock {
        let path = store + "/.git/nks-sync-push.lock"
        let record = "\(holder) pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        for _ in 0..<16 {
            // Close-on-exec, so an ssh control master the push starts (it outlives the
            // command) never inherits the lock.
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else { throw Unwritable(path: path, reason: String(cString: strerror(errno))) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                close(descriptor)
                guard failure == EWOULDBLOCK else { throw Unwritable(path: path, reason: String(cString: strerror(failure))) }
                throw Held(holder: readHolder(path))
            }
            // The holder before us may have released the lock (removing its name) between
            // our open and our flock: then we hold a file nobody else will ever open; try again.
            guard sameFile(descriptor, path) else {
                close(descriptor)
                continue
            }
            let bytes = Array(record.utf8)
            guard ftruncate(descriptor, 0) == 0, write(descriptor, bytes, bytes.count) == bytes.count else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                close(descriptor)
                throw Unwritable(path: path, reason: reason)
            }
            return PushLock(path: path, descriptor: descriptor)
        }
        throw Held(holder: readHolder(path))
    }

    /// The name goes first, then the lock: a push waiting on this file re-checks the name.
    public func release() {
        unlink(path)
        close(descriptor)
    }

    private static func sameFile(_ descriptor: Int32, _ path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0, lstat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// The holder writes its record right after taking the lock; a refusal that comes in
    /// between waits briefly for it rather than naming nobody.
    private static func readHolder(_ path: String) -> String {
        for _ in 0..<50 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let holder = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !holder.isEmpty { return holder }
            }
            usleep(10_000)
        }
        return "holder not recorded in \(path)"
    }
}
