import Foundation
import Testing
@testable import NKSCore
@testable import NKSStore

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("nks-git-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

@Suite struct GitRepositoryTests {
    let alice = GitSignature(name: "Alice", email: "alice@example.com")

    @Test func linksLibgit2() {
        let parts = LibGit2.version.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 3 && parts[0] >= 1)
    }

    @Test func commitsTheWorkingTreeAndReadsFilesBack() throws {
        let directory = try TemporaryDirectory()
        let repository = try GitRepository.create(at: directory.path)
        #expect(try repository.headCommit() == nil)
        try directory.write("nks-sync.yaml", "entries: []\n")
        try directory.write("files/etc/logrotate.d/docker", "rotate 10\n")

        let first = try #require(try repository.commitWorkingTree(message: "Initial store", signature: alice))
        #expect(try repository.headCommit() == first)
        #expect(try repository.file("files/etc/logrotate.d/docker", at: first) == Data("rotate 10\n".utf8))
        #expect(try repository.file("files/absent", at: first) == nil)
        #expect(try repository.filePaths(at: first) == ["files/etc/logrotate.d/docker", "nks-sync.yaml"])
        #expect(try repository.filePaths(at: first, under: "files") == ["files/etc/logrotate.d/docker"])
        #expect(try repository.commitWorkingTree(message: "nothing", signature: alice) == nil, "an empty commit was made")

        try FileManager.default.removeItem(atPath: directory.path + "/files/etc/logrotate.d/docker")
        try directory.write("files/etc/default/grub", "GRUB_CMDLINE_LINUX=\"quiet\"\n")
        let second = try #require(try repository.commitWorkingTree(message: "Replace logrotate by grub", signature: alice))
        #expect(try repository.filePaths(at: second, under: "files") == ["files/etc/default/grub"])
        #expect(try repository.file("files/etc/logrotate.d/docker", at: first) != nil, "history was rewritten")

        let history = try repository.log(from: second)
        #expect(history.map(\.summary) == ["Replace logrotate by grub", "Initial store"])
        #expect(history[0].parents == [first])
        #expect(history[0].author == alice)
        #expect(try repository.resolveCommit("HEAD~1") == first)
        #expect(try repository.resolveCommit(String(second.hex.prefix(8))) == second)
    }

    @Test func tellsADirtyWorkingTree() throws {
        let directory = try TemporaryDirectory()
        let repository = try GitRepository.create(at: directory.path)
        try directory.write("nks-sync.yaml", "a\n")
        try repository.commitWorkingTree(message: "one", signature: alice)
        #expect(try repository.uncommittedPaths() == [])
        try directory.write("nks-sync.yaml", "b\n")
        try directory.write("files/new", "x\n")
        #expect(try repository.uncommittedPaths() == ["files/new", "nks-sync.yaml"])
    }

    @Test func readsCommitsMadeByTheGitCommandLine() async throws {
        let directory = try TemporaryDirectory()
        let runner = SubprocessRunner()
        let git = { (arguments: [String]) async throws -> ProcessOutput in
            try await runner.run(ProcessInvocation("git", ["-C", directory.path, "-c", "user.name=Bob", "-c", "user.email=bob@example.com"] + arguments))
        }
        #expect(try await git(["init", "-q", "-b", "main"]).succeeded)
        try directory.write("nks-sync.yaml", "by hand\n")
        #expect(try await git(["add", "-A"]).succeeded)
        #expect(try await git(["commit", "-qm", "Edited with my own git"]).succeeded)

        let repository = try GitRepository.open(directory.path)
        let head = try #require(try repository.headCommit())
        #expect(try repository.file("nks-sync.yaml", at: head) == Data("by hand\n".utf8))
        #expect(try repository.commitInfo(head).author.name == "Bob")
        let ours = try #require(try repository.commitWorkingTree(message: "ignored", signature: alice) ?? head)
        #expect(ours == head)
        let revParse = try await git(["rev-parse", "HEAD"])
        #expect(revParse.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines) == head.hex)
    }

    @Test func snapshotsGoToSideReferencesWithoutMovingTheBranch() throws {
        let directory = try TemporaryDirectory()
        let repository = try GitRepository.create(at: directory.path)
        try directory.write("nks-sync.yaml", "a\n")
        let main = try #require(try repository.commitWorkingTree(message: "one", signature: alice))

        let snapshot = try repository.commit(
            files: ["worker-1/etc/logrotate.d/docker": Data("rotate 5\n".utf8), "worker-2/proc/cmdline": Data("quiet\n".utf8)],
            message: "Snapshot", signature: alice, parents: [], updating: "refs/nks/snapshots/s1"
        )
        #expect(try repository.headCommit() == main)
        #expect(try repository.reference("refs/nks/snapshots/s1") == snapshot)
        #expect(try repository.reference("refs/nks/snapshots/none") == nil)
        #expect(try repository.file("worker-2/proc/cmdline", at: snapshot) == Data("quiet\n".utf8))
        try repository.setReference("refs/nks/snapshots/s2", to: snapshot, message: "again")
        #expect(try repository.references(matching: "refs/nks/snapshots/*").map(\.name) == ["refs/nks/snapshots/s1", "refs/nks/snapshots/s2"])
        #expect(try repository.uncommittedPaths() == [], "a snapshot touched the working tree")
    }

    @Test func errorsCarryGitsMessage() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: GitError.self) { try GitRepository.open(directory.path + "/nowhere") }
        #expect(error.isNotFound)
        #expect(error.description.hasPrefix("git: open repository "))
        #expect(error.message.contains("nowhere"))

        let repository = try GitRepository.create(at: directory.path)
        try directory.write("f", "x")
        try repository.commitWorkingTree(message: "one", signature: alice)
        let badRevision = try #require(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
        #expect(badRevision.description.contains("no-such-branch"))
    }
}

@Suite struct GitCommitPathsTests {
    @Test func commitsOnlyTheNamedPathsAndLeavesOtherEditsAlone() throws {
        let alice = GitSignature(name: "Alice", email: "alice@example.com")
        let directory = try TemporaryDirectory()
        let repository = try GitRepository.create(at: directory.path)
        try directory.write("known_hosts", "")
        try directory.write("nks-sync.yaml", "version: 1\n")
        let first = try #require(try repository.commitWorkingTree(message: "one", signature: alice))
        try directory.write("known_hosts", "worker-1 ssh-ed25519 AAAA\n")
        try directory.write("nks-sync.yaml", "version: 1\n# my unfinished edit\n")
        let second = try #require(try repository.commitPaths(["known_hosts"], message: "Pin new node host keys", signature: alice))
        #expect(try repository.commitInfo(second).parents == [first])
        #expect(try repository.file("known_hosts", at: second) == Data("worker-1 ssh-ed25519 AAAA\n".utf8))
        #expect(try repository.file("nks-sync.yaml", at: second) == Data("version: 1\n".utf8))
        #expect(try repository.uncommittedPaths() == ["nks-sync.yaml"])
        #expect(try repository.commitPaths(["known_hosts"], message: "again", signature: alice) == nil)
    }
}
