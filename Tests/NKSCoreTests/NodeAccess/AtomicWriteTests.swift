// The atomic write script executed for real with the local sh on temp directories.
import Foundation
import Testing
@testable import NKSCore

/// Delivers only the first `bytes` of stdin, as a cut SSH connection does.
private struct TruncatingTransport: NodeTransport {
    var bytes: Int
    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        try await LocalShellTransport().execute(script, standardInput: standardInput.prefix(bytes), on: node, timeout: timeout)
    }
    func shutdown() async {}
}

/// Delivers the right number of bytes with one of them changed.
private struct CorruptingTransport: NodeTransport {
    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        var corrupted = standardInput
        corrupted[corrupted.startIndex] ^= 0xFF
        return try await LocalShellTransport().execute(script, standardInput: corrupted, on: node, timeout: timeout)
    }
    func shutdown() async {}
}

/// Fails the test if any script reaches it.
private struct UnusedTransport: NodeTransport {
    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        Issue.record("a script ran although the request should have been refused")
        return RemoteResult(exitCode: 0, standardOutput: Data(), standardError: Data())
    }
    func shutdown() async {}
}

@Suite struct AtomicWriteTests {
    let writer = NodeWriter(transport: LocalShellTransport())

    func request(_ path: String, _ content: String, state: TemporaryDirectory, mode: Int = 0o640, validator: String? = nil,
                 expected: ExpectedPrevious = .any) -> AtomicFileWrite {
        AtomicFileWrite(path: path, content: Data(content.utf8), owner: "nobody", group: "nogroup", mode: mode,
                        validator: validator, expectedPrevious: expected, stateDirectory: state.path + "/nks-sync")
    }

    @Test func writesContentOwnerModeAndReadsTheHashBack() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("logrotate.d/app", "old\n")
        let result = try await writer.write(request(target, "new content\n", state: state), to: localNode, timeout: .seconds(20))

        #expect(dir.contents(target) == "new content\n")
        #expect(result.sha256 == Hashing.sha256Hex(Data("new content\n".utf8)))
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect(attributes[.posixPermissions] as? Int == 0o640)
        #expect(attributes[.ownerAccountName] as? String == "nobody")
        #expect(attributes[.groupOwnerAccountName] as? String == "nogroup")
        // Nothing but the file itself is left in the include directory.
        #expect(dir.listing(dir.path + "/logrotate.d") == ["app"])
        let backup = try #require(result.backupPath)
        #expect(backup.hasPrefix(state.path + "/nks-sync/backup/"))
        #expect(state.contents(backup) == "old\n")
        let kept = try FileManager.default.attributesOfItem(atPath: backup)
        #expect(kept[.posixPermissions] as? Int == 0o644)
        #expect(kept[.ownerAccountName] as? String == "root")
    }

    @Test(arguments: [0o600, 0o644, 0o755, 0o444, 0o4750, 0o1777])
    func everyModeLandsExactly(_ mode: Int) async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        _ = try await writer.write(request(target, "new\n", state: state, mode: mode, expected: .sha256(Hashing.sha256Hex(Data("old\n".utf8)))),
                                   to: localNode, timeout: .seconds(20))
        #expect(dir.contents(target) == "new\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect(attributes[.posixPermissions] as? Int == mode, "mode \(String(mode, radix: 8))")
    }

    @Test func createsANewFileWithoutBackup() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let result = try await writer.write(request(dir.path + "/fresh", "x", state: state, expected: .absent), to: localNode, timeout: .seconds(20))
        #expect(dir.contents(dir.path + "/fresh") == "x")
        #expect(result.backupPath == nil)
    }

    @Test(arguments: [0, 1, 5, 11])
    func truncatedInputLeavesTheOldFileAndNoTempFile(_ delivered: Int) async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        let writer = NodeWriter(transport: TruncatingTransport(bytes: delivered))
        let error = await #expect(throws: NodeAccessError.self) {
            try await writer.write(request(target, "new content\n", state: state), to: localNode, timeout: .seconds(20))
        }
        #expect(error?.description.contains("truncated-input: received \(delivered) of 12 bytes") == true, "\(String(describing: error))")
        #expect(dir.contents(target) == "old\n")
        #expect(dir.listing(dir.path) == ["app"])
    }

    @Test func corruptedInputOfTheRightSizeIsRejectedByItsHash() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        do {
            _ = try await NodeWriter(transport: CorruptingTransport()).write(request(target, "new content\n", state: state), to: localNode, timeout: .seconds(20))
            Issue.record("corrupted content was accepted")
        } catch let error as NodeAccessError {
            #expect(error.description.contains("corrupted-input"))
        }
        #expect(dir.contents(target) == "old\n")
        #expect(dir.listing(dir.path) == ["app"])
        #expect(state.listing(state.path).isEmpty)
    }

    @Test func followUpCommandsRunAfterTheRenameInTheSameRoundTrip() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        let seen = dir.path + "/seen"
        var write = request(target, "new\n", state: state)
        // Output on stdout, even something shaped like a frame, must not reach the frames.
        write.followUp = ["echo '@@nks-0 done'", "cat \(ShellQuoting.quote(target)) > \(ShellQuoting.quote(seen))"]
        let result = try await writer.write(write, to: localNode, timeout: .seconds(20))
        #expect(result.followUp == .completed)
        #expect(dir.contents(seen) == "new\n")
    }

    @Test func aFailedFollowUpIsReportedAfterTheWriteAndStopsTheRest() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        var write = request(target, "new\n", state: state)
        write.followUp = ["true", "echo 'crond: unit not found' >&2; false", "touch \(ShellQuoting.quote(dir.path + "/after"))"]
        let result = try await writer.write(write, to: localNode, timeout: .seconds(20))
        #expect(result.followUp == .failed("crond: unit not found"))
        #expect(dir.contents(target) == "new\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/after"))
        #expect(dir.listing(dir.path) == ["app"])
    }

    @Test func aRefusedWriteRunsNoFollowUp() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "edited by hand\n")
        var write = request(target, "new\n", state: state, expected: .sha256(Hashing.sha256Hex(Data("old\n".utf8))))
        write.followUp = ["touch \(ShellQuoting.quote(dir.path + "/after"))"]
        await #expect(throws: NodeAccessError.self) { try await writer.write(write, to: localNode, timeout: .seconds(20)) }
        #expect(dir.listing(dir.path) == ["app"])
    }

    @Test func aFailingValidatorLeavesTheOldFile() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        do {
            _ = try await writer.write(request(target, "bad\n", state: state, validator: "grep -q good {} || { echo 'error: line 1 bad'; exit 1; }"), to: localNode, timeout: .seconds(20))
            Issue.record("the validator's refusal was ignored")
        } catch let error as NodeAccessError {
            #expect(error.description.contains("validator-rejected: error: line 1 bad"))
        }
        #expect(dir.contents(target) == "old\n")
        #expect(dir.listing(dir.path) == ["app"])
    }

    @Test func theValidatorSeesTheNewContent() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "old\n")
        _ = try await writer.write(request(target, "good\n", state: state, validator: "grep -q good {}"), to: localNode, timeout: .seconds(20))
        #expect(dir.contents(target) == "good\n")
    }

    @Test func compareAndSwapRefusesAFileThatChangedOnTheNode() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write("app", "edited by hand\n")
        let stale = ExpectedPrevious.sha256(Hashing.sha256Hex(Data("old\n".utf8)))
        await #expect(throws: NodeAccessError.self) {
            try await writer.write(request(target, "new\n", state: state, expected: stale), to: localNode, timeout: .seconds(20))
        }
        await #expect(throws: NodeAccessError.self) {
            try await writer.write(request(target, "new\n", state: state, expected: .absent), to: localNode, timeout: .seconds(20))
        }
        #expect(dir.contents(target) == "edited by hand\n")
        let current = ExpectedPrevious.sha256(Hashing.sha256Hex(Data("edited by hand\n".utf8)))
        _ = try await writer.write(request(target, "new\n", state: state, expected: current), to: localNode, timeout: .seconds(20))
        #expect(dir.contents(target) == "new\n")
    }

    @Test(arguments: ["a b", "it's", "$(touch pwned)", "new\nline", "名前 ü", "`id`", "-rf", "x~"])
    func writesOddPaths(_ name: String) async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let target = try dir.write(name, "old")
        let result = try await writer.write(request(target, "new", state: state), to: localNode, timeout: .seconds(20))
        #expect(dir.contents(target) == "new")
        #expect(dir.listing(dir.path) == [name])
        #expect(state.contents(try #require(result.backupPath)) == "old")
    }

    @Test func refusesASymlinkTargetAndAMissingDirectory() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let real = try dir.write("real", "keep")
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link", withDestinationPath: real)
        await #expect(throws: NodeAccessError.self) {
            try await writer.write(request(dir.path + "/link", "x", state: state), to: localNode, timeout: .seconds(20))
        }
        await #expect(throws: NodeAccessError.self) {
            try await writer.write(request(dir.path + "/no/such/dir/file", "x", state: state), to: localNode, timeout: .seconds(20))
        }
        #expect(dir.contents(real) == "keep")
    }

    @Test(arguments: [
        AtomicFileWrite(path: "relative/file", content: Data()),
        AtomicFileWrite(path: "/etc/../etc/passwd", content: Data()),
        AtomicFileWrite(path: "/etc/x", content: Data(), owner: "root; reboot"),
        AtomicFileWrite(path: "/etc/x", content: Data(), group: "-oops"),
        AtomicFileWrite(path: "/etc/x", content: Data(), mode: 0o17777),
        AtomicFileWrite(path: "/etc/x", content: Data(), expectedPrevious: .sha256("abc")),
        AtomicFileWrite(path: "/etc/x", content: Data(), stateDirectory: "var/lib/nks-sync"),
    ])
    func refusesBadRequestsBeforeAnythingRuns(_ request: AtomicFileWrite) async {
        await #expect(throws: NodeAccessError.self) {
            try await NodeWriter(transport: UnusedTransport()).write(request, to: localNode, timeout: .seconds(5))
        }
    }

    /// In a directory someone other than root can write, that someone could swap the temp
    /// file for a link between the steps that name it and have root write or chown any
    /// file: such directories are refused before anything is created in them.
    @Test(arguments: [
        ("world-writable", 0o777, UInt32(0), false),
        ("group-writable", 0o775, UInt32(0), false),
        ("sticky but world-writable", 0o1777, UInt32(0), false),
        ("someone else's", 0o755, UInt32(65534), false),
        ("an ancestor someone else owns", 0o755, UInt32(0), true),
    ])
    func refusesDirectoriesOthersCanChange(_ label: String, mode: Int, owner: UInt32, ancestorIsTheirs: Bool) async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        let parent = dir.path + "/theirs", directory = parent + "/conf.d"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: directory)
        #expect(chown(ancestorIsTheirs ? parent : directory, owner == 0 && ancestorIsTheirs ? 65534 : owner, 0) == 0)
        let target = directory + "/app"
        await #expect(throws: NodeAccessError.self, "\(label)") {
            try await writer.write(request(target, "new\n", state: state), to: localNode, timeout: .seconds(20))
        }
        do {
            _ = try await writer.write(request(target, "new\n", state: state), to: localNode, timeout: .seconds(20))
        } catch NodeAccessError.writeRejected(_, _, let reason) {
            #expect(reason.hasPrefix("unsafe-directory: "), "\(reason)")
        }
        #expect(dir.listing(directory) == [], "\(label): something was created")
    }

    @Test func refusesADirectoryThatIsASymlinkEvenToASafeOne() async throws {
        let dir = try TemporaryDirectory(), state = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.path + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/link", withDestinationPath: dir.path + "/real")
        do {
            _ = try await writer.write(request(dir.path + "/link/app", "new\n", state: state), to: localNode, timeout: .seconds(20))
            Issue.record("wrote through a symlinked directory")
        } catch NodeAccessError.writeRejected(_, _, let reason) {
            #expect(reason == "unsafe-directory: the directory is a symbolic link")
        }
        #expect(dir.listing(dir.path + "/real") == [])
    }
}
