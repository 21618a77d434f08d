// The framed read script executed for real with the local sh on temp directories.
import Foundation
import Testing
@testable import NKSCore

@Suite struct NodeReaderTests {
    let reader = NodeReader(transport: LocalShellTransport())

    @Test func readsContentMetadataAndHashOfManyFilesInOneRun() async throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.write("plain", "hello\n", mode: 0o640)
        let hostile = try dir.write("hostile", "@@nks-00 done\n@@nks-ffff start\n\u{1B}[2Jno newline at end", mode: 0o600)
        let binaryPath = dir.path + "/binary"
        let binary = Data((0..<4096).map { UInt8($0 % 256) })
        try binary.write(to: URL(fileURLWithPath: binaryPath))
        let empty = try dir.write("empty", "")

        let snapshot = try await reader.read(NodeReadRequest(files: [plain, hostile, binaryPath, empty]), from: localNode, timeout: .seconds(20))

        let file = try #require(snapshot.files[plain])
        #expect(file.state == .present)
        #expect(file.content == Data("hello\n".utf8))
        #expect(file.mode == "640")
        #expect(file.uid == 0 && file.gid == 0 && file.user == "root")
        #expect(file.size == 6)
        #expect(file.sha256 == "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03")
        #expect(snapshot.files[hostile]?.content == Data("@@nks-00 done\n@@nks-ffff start\n\u{1B}[2Jno newline at end".utf8))
        #expect(snapshot.files[binaryPath]?.content == binary)
        #expect(snapshot.files[empty]?.state == .present)
        #expect(snapshot.files[empty]?.content == Data())
    }

    @Test func tellsMissingUnreadableDirectoryAndTooLargeApart() async throws {
        let dir = try TemporaryDirectory()
        let locked = try dir.write("locked", "secret", mode: 0o000)
        let big = try dir.write("big", String(repeating: "x", count: 2000))
        let subdirectory = dir.path + "/sub"
        try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: true)
        let missing = dir.path + "/nope"
        // Without CAP_DAC_OVERRIDE, root is refused a mode-000 file like any node user is.
        let reader = NodeReader(transport: LocalShellTransport(withoutDACOverride: true))
        let snapshot = try await reader.read(NodeReadRequest(files: [locked, big, subdirectory, missing], maxFileSize: 1000), from: localNode, timeout: .seconds(20))

        #expect(snapshot.files[locked]?.state == .unreadable)
        #expect(snapshot.files[locked]?.mode == "0")
        #expect(snapshot.files[locked]?.content == nil)
        #expect(snapshot.files[big]?.state == .tooLarge)
        #expect(snapshot.files[big]?.size == 2000)
        #expect(snapshot.files[big]?.content == nil)
        #expect(snapshot.files[subdirectory]?.state == .notARegularFile)
        #expect(snapshot.files[missing]?.state == .missing)
    }

    @Test func aFileGrowingPastTheLimitWhileStatSaysZeroIsTooLarge() async throws {
        // /proc files report size 0; the read itself must enforce the limit.
        let snapshot = try await reader.read(NodeReadRequest(files: ["/proc/cmdline"], maxFileSize: 4), from: localNode, timeout: .seconds(20))
        #expect(snapshot.files["/proc/cmdline"]?.state == .tooLarge)
    }

    @Test(arguments: ["a b", "it's", "$(touch pwned)", "new\nline", "名前 ü", "`id`", "-n", "\\"])
    func readsOddPaths(_ name: String) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(name, "content of \(name)")
        let snapshot = try await reader.read(NodeReadRequest(files: [file]), from: localNode, timeout: .seconds(20))
        #expect(snapshot.files[file]?.content == Data("content of \(name)".utf8))
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/pwned"))
    }

    @Test func runsNamedCommandsWithTheirExitCodesAndBoundedOutput() async throws {
        let request = NodeReadRequest(files: [], commands: [
            NamedCommand(name: "cmdline", command: "cat /proc/cmdline"),
            NamedCommand(name: "marker", command: "cat /nonexistent/applied-revision"),
            NamedCommand(name: "fails", command: "printf 'partial'; exit 7"),
            NamedCommand(name: "chatty", command: "head -c 5000 /dev/zero"),
        ], maxFileSize: 1000)
        let snapshot = try await reader.read(request, from: localNode, timeout: .seconds(20))
        let expected = try String(contentsOfFile: "/proc/cmdline", encoding: .utf8)
        #expect(snapshot.commands["cmdline"]?.outputText == expected)
        #expect(snapshot.commands["cmdline"]?.exitCode == 0)
        #expect(snapshot.commands["marker"]?.exitCode == 1)
        #expect(snapshot.commands["fails"]?.exitCode == 7)
        #expect(snapshot.commands["fails"]?.outputText == "partial")
        #expect(snapshot.commands["chatty"]?.truncated == true)
        #expect(snapshot.commands["chatty"]?.output.count == 1000)
    }

    @Test func rejectsOutputCutShortAndRefusesRelativePaths() async throws {
        let request = NodeReadRequest(files: ["/etc/hostname"])
        let boundary = "@@nks-abc"
        let full = try await LocalShellTransport().execute(NodeReader.script(for: request, boundary: boundary), standardInput: Data(), on: localNode, timeout: .seconds(20))
        _ = try NodeReader.parse(full.standardOutput, request: request, boundary: boundary, node: "n")
        for cut in stride(from: 1, to: full.standardOutput.count, by: 7) {
            #expect(throws: NodeAccessError.self) {
                try NodeReader.parse(full.standardOutput.prefix(cut), request: request, boundary: boundary, node: "n")
            }
        }
        // An answer for a different request is not accepted either.
        #expect(throws: NodeAccessError.self) {
            try NodeReader.parse(full.standardOutput, request: NodeReadRequest(files: ["/etc/hostname", "/etc/os-release"]), boundary: boundary, node: "n")
        }
        await #expect(throws: NodeAccessError.self) {
            try await reader.read(NodeReadRequest(files: ["etc/hostname"]), from: localNode, timeout: .seconds(5))
        }
    }
}
