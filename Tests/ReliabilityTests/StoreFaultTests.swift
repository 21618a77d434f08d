// The store in bad shape: a corrupt repository, a held push lock, a dirty working tree, a
// manifest broken by hand, a revision that does not exist. Each is refused before the
// cluster or any node is touched (the kubeconfig points at nothing, so reaching for the
// cluster would fail differently), with one `error:` line that carries git's own message
// where libgit2 failed, exit status 2, and the store exactly as it was.
import Foundation
import NKSCore
import Testing

@Suite struct StoreFaultTests {
    static let manifest = "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n    mode: \"0644\"\n"
    static let files = ["/etc/logrotate.d/docker": "/var/lib/docker/containers/*/*.log {\n  rotate 5\n}\n"]

    struct Damage: Sendable, CustomStringConvertible {
        var name: String
        var command: [String]
        /// Applied to the store after its first commit.
        var damage: @Sendable (PluginStore) async throws -> Void
        /// The whole stderr (or its start, without a final newline); `{store}` stands for the
        /// store's path, `{head}` for its HEAD commit's short id.
        var error: String
        var description: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "HEAD points at garbage", command: ["nks-sync", "push", "--yes"],
               damage: { store in try Data("ref: refs/heads/\u{1}broken\n".utf8).write(to: URL(fileURLWithPath: store.store + "/.git/HEAD")) },
               error: "error: git: read HEAD: the given reference name 'refs/heads/\\u{1}broken' is not valid\n"),
        Damage(name: "the commit's tree object is gone", command: ["nks-sync", "status"],
               damage: { store in
                   let tree = try await store.git(["rev-parse", "HEAD^{tree}"]).standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
                   try FileManager.default.removeItem(atPath: store.store + "/.git/objects/" + tree.prefix(2) + "/" + tree.dropFirst(2))
               },
               error: "error: git: read tree of {head}: object not found - no match for id ("),
        Damage(name: "a push holds the lock", command: ["nks-sync", "push", "--yes"],
               damage: { store in
                   // Alice's record, and a process holding the lock (flock(1) for 20 s).
                   let lock = store.store + "/.git/nks-sync-push.lock"
                   let record = "alice pid 1 on \(ProcessInfo.processInfo.hostName) since 2026-01-01T00:00:00Z\n"
                   try Data(record.utf8).write(to: URL(fileURLWithPath: lock))
                   try holdLock(lock, seconds: 20)
               },
               error: "error: another push holds the store's lock (alice pid 1 on \(ProcessInfo.processInfo.hostName) since 2026-01-01T00:00:00Z); wait for it to finish\n"),
        Damage(name: "a canonical file edited but not committed", command: ["nks-sync", "push", "--yes"],
               damage: { store in try store.writeStoreFile("files/etc/logrotate.d/docker", "/var/lib/docker/containers/*/*.log {\n  rotate 1\n}\n") },
               error: "error: the store at {store} has uncommitted changes (files/etc/logrotate.d/docker); commit them, or pass --allow-dirty to compare against the last commit anyway\n"),
        Damage(name: "a manifest broken by hand and committed", command: ["nks-sync", "push", "--yes"],
               damage: { store in
                   try store.writeStoreFile("nks-sync.yaml", "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n    mode: \"0644\"\n    rotate: 5\n")
                   try await store.commitStore("hand edit")
               },
               error: "error: nks-sync.yaml@{head}:5: unknown key 'rotate' in entry (expected one of: path, kind, owner, group, mode, allowSecrets, present, absent, variable, set, remove, format, groups, when, validate, activate, disruption)\n"),
        Damage(name: "a revision that does not exist", command: ["nks-sync", "rollback", "no-such-revision"],
               damage: { _ in },
               error: "error: git: resolve revision 'no-such-revision': revspec 'no-such-revision' not found\n"),
    ]

    @Test(arguments: damages)
    func aDamagedStoreIsRefusedWithOneLineAndLeftAsItWas(_ damage: Damage) async throws {
        let store = try await PluginStore(lab: nil, manifest: Self.manifest, files: Self.files)
        defer { store.remove() }
        try await damage.damage(store)
        let before = try await Self.snapshot(store)

        let run = try await store.kubectl(damage.command)
        #expect(run.exitCode == 2, "\(damage): \(run.standardErrorText)")
        let head = (try? await store.head()).map { String($0.prefix(12)) } ?? "?"
        let expected = damage.error.replacingOccurrences(of: "{store}", with: store.store).replacingOccurrences(of: "{head}", with: head)
        if expected.hasSuffix("\n") {
            #expect(run.standardErrorText == expected, "\(damage)")
        } else {
            #expect(run.standardErrorText.hasPrefix(expected), "\(damage): \(run.standardErrorText)")
            #expect(run.standardErrorText.filter { $0 == "\n" }.count == 1, "\(damage): not one line: \(run.standardErrorText)")
        }
        #expect(run.standardOutputText.isEmpty, "\(damage)")
        #expect(try await Self.snapshot(store) == before, "\(damage): the store changed")
    }

    /// Every file under the store, .git included, with its bytes: a refused command writes nothing.
    static func snapshot(_ store: PluginStore) async throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = URL(fileURLWithPath: store.store)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files[url.path] = try Data(contentsOf: url)
        }
        return files
    }
}

/// Holds an flock on `path` from another process for `seconds`, returning once it is held.
func holdLock(_ path: String, seconds: Int) throws {
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["-o", path, "sleep", "\(seconds)"]
    try holder.run()
    for _ in 0..<500 {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        probe.arguments = ["-n", path, "true"]
        try probe.run()
        probe.waitUntilExit()
        if probe.terminationStatus != 0 { return }
        usleep(10_000)
    }
    throw TestError("flock never took \(path)")
}
