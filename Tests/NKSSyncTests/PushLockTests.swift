// The store's push lock: exactly one holder however many pushes start at once, also over a
// lock file a dead push left behind, and a lock whose process died is free again.
import Foundation
import Testing
@testable import NKSSync

@Suite struct PushLockTests {
    static func store() throws -> String {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: store + "/.git", withIntermediateDirectories: true)
        return store
    }

    /// The pid of a process that has ended, for a record whose holder is gone.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func manyPushesStartingAtOnceOverAStaleLockFileGiveExactlyOneHolder() throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let lockPath = store + "/.git/nks-sync-push.lock"
        let stale = "bob pid \(try Self.deadPID()) on \(ProcessInfo.processInfo.hostName) since 2026-01-01T00:00:00Z\n"
        for round in 0..<200 {
            try Data(stale.utf8).write(to: URL(fileURLWithPath: lockPath))
            let held = LockedCount()
            let refused = LockedCount()
            let locks = LockedLocks()
            DispatchQueue.concurrentPerform(iterations: 6) { index in
                do {
                    locks.append(try PushLock.acquire(store: store, holder: "push-\(index)"))
                    held.increment()
                } catch is PushLock.Held {
                    refused.increment()
                } catch {
                    Issue.record("round \(round): \(error)")
                }
            }
            #expect(held.value == 1, "round \(round): \(held.value) pushes held the lock at once")
            #expect(refused.value == 5, "round \(round)")
            locks.releaseAll()
            if held.value != 1 { break }
        }
    }

    @Test func aLockWhoseProcessDiedIsFreeAndALiveOneNamesItsHolder() throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: store) }
        let lock = try PushLock.acquire(store: store, holder: "alice")
        // A second process that tries while alice holds it (flock(1) from util-linux).
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        other.arguments = ["-n", lock.path, "true"]
        try other.run()
        other.waitUntilExit()
        #expect(other.terminationStatus == 1, "another process took a held lock")
        #expect(throws: PushLock.Held.self) { try PushLock.acquire(store: store, holder: "bob") }
        do {
            _ = try PushLock.acquire(store: store, holder: "bob")
        } catch let held as PushLock.Held {
            #expect(held.holder.hasPrefix("alice pid \(getpid()) on "), "\(held.holder)")
        }
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: lock.path))

        // A holder killed with SIGKILL runs no clean-up: the kernel drops its lock.
        let ready = store + "/holder-ready"
        let killed = Process()
        killed.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // -o: only flock itself holds the lock, not the command it runs.
        killed.arguments = ["-o", lock.path, "sh", "-c", "touch \(ready); exec sleep 5"]
        try killed.run()
        for _ in 0..<500 where !FileManager.default.fileExists(atPath: ready) { usleep(10_000) }
        #expect(throws: PushLock.Held.self, "a lock held by another process was taken") { try PushLock.acquire(store: store, holder: "carol") }
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        let after = try PushLock.acquire(store: store, holder: "carol")
        after.release()
    }
}

private final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

private final class LockedLocks: @unchecked Sendable {
    private let lock = NSLock()
    private var locks: [PushLock] = []
    func append(_ held: PushLock) { lock.withLock { locks.append(held) } }
    func releaseAll() { lock.withLock { locks.forEach { $0.release() }; locks = [] } }
}
