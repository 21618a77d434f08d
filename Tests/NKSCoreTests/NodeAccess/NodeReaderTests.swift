// Both read scripts executed for real with the local sh on temp directories: each must give
// the same snapshot, and an answer the batched one cannot account for is read again file by
// file.
import Foundation
import Testing
@testable import NKSCore

@Suite struct NodeReaderTests {
    let reader = NodeReader(transport: LocalShellTransport())

    @Test(arguments: NodeReadScript.allCases)
    func readsContentMetadataAndHashOfManyFilesInOneRun(script: NodeReadScript) async throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.write("plain", "hello\n", mode: 0o640)
        let hostile = try dir.write("hostile", "@@nks-00 done\n@@nks-ffff start\n\u{1B}[2Jno newline at end", mode: 0o600)
        let binaryPath = dir.path + "/binary"
        let binary = Data((0..<4096).map { UInt8($0 % 256) })
        try binary.write(to: URL(fileURLWithPath: binaryPath))
        let empty = try dir.write("empty", "")

        let snapshot = try await reader.read(NodeReadRequest(files: [plain, hostile, binaryPath, empty]), from: localNode, timeout: .seconds(20), script: script)

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

    @Test(arguments: NodeReadScript.allCases)
    func tellsMissingUnreadableDirectoryAndTooLargeApart(script: NodeReadScript) async throws {
        let dir = try TemporaryDirectory()
        let locked = try dir.write("locked", "secret", mode: 0o000)
        let big = try dir.write("big", String(repeating: "x", count: 2000))
        let subdirectory = dir.path + "/sub"
        try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: true)
        let missing = dir.path + "/nope"
        // Without CAP_DAC_OVERRIDE, root is refused a mode-000 file like any node user is.
        let reader = NodeReader(transport: LocalShellTransport(withoutDACOverride: true))
        let snapshot = try await reader.read(NodeReadRequest(files: [locked, big, subdirectory, missing], maxFileSize: 1000), from: localNode, timeout: .seconds(20), script: script)

        #expect(snapshot.files[locked]?.state == .unreadable)
        #expect(snapshot.files[locked]?.mode == "0")
        #expect(snapshot.files[locked]?.content == nil)
        #expect(snapshot.files[big]?.state == .tooLarge)
        #expect(snapshot.files[big]?.size == 2000)
        #expect(snapshot.files[big]?.content == nil)
        #expect(snapshot.files[subdirectory]?.state == .notARegularFile)
        #expect(snapshot.files[missing]?.state == .missing)
    }

    @Test(arguments: NodeReadScript.allCases)
    func aFileGrowingPastTheLimitWhileStatSaysZeroIsTooLarge(script: NodeReadScript) async throws {
        // /proc files report size 0; the read itself must enforce the limit.
        let snapshot = try await reader.read(NodeReadRequest(files: ["/proc/cmdline"], maxFileSize: 4), from: localNode, timeout: .seconds(20), script: script)
        #expect(snapshot.files["/proc/cmdline"]?.state == .tooLarge)
    }

    @Test(arguments: NodeReadScript.allCases)
    func filesOfUnknownSizeAreReadWholeBesideSizedOnes(script: NodeReadScript) async throws {
        let dir = try TemporaryDirectory()
        let plain = try dir.write("plain", "hello\n")
        let request = NodeReadRequest(files: ["/proc/cmdline", plain, "/proc/version", "/proc/nonexistent", "/sys/kernel"])
        let snapshot = try await reader.read(request, from: localNode, timeout: .seconds(20), script: script)
        #expect(snapshot.files["/proc/cmdline"]?.content == (try Data(contentsOf: URL(fileURLWithPath: "/proc/cmdline"))))
        #expect(snapshot.files["/proc/version"]?.content == (try Data(contentsOf: URL(fileURLWithPath: "/proc/version"))))
        #expect(snapshot.files[plain]?.content == Data("hello\n".utf8))
        #expect(snapshot.files["/proc/nonexistent"]?.state == .missing)
        #expect(snapshot.files["/sys/kernel"]?.state == .notARegularFile)
    }

    @Test func theBatchedReadStartsAFewProcessesWhateverTheNumberOfFiles() throws {
        let files = (0..<20).map { "/etc/file\($0)" }
        let script = BatchedReadScript.script(for: NodeReadRequest(files: files), boundary: "@@nks-abc")
        #expect(script.components(separatedBy: "stat ").count - 1 == 1)
        #expect(script.components(separatedBy: "head ").count - 1 == 1)
        #expect(script.components(separatedBy: "base64").count - 1 == 1)
    }

    @Test func anAnswerTheBatchedReadCannotAccountForIsReadAgainFileByFile() async throws {
        let dir = try TemporaryDirectory()
        let files = [try dir.write("a", "first\n"), try dir.write("b", "second\n")]
        // A head that prints no headers (busybox built without them) makes the batch
        // unaccountable; so does a file that grows between stat and head.
        let bin = try dir.write("bin/head", "#!/bin/sh\nfor a; do shift; if [ \"$a\" = -v ]; then set -- \"$@\" -q; else set -- \"$@\" \"$a\"; fi; done\nexec /usr/bin/head \"$@\"\n", mode: 0o755)
        let transport = RecordingShellTransport(path: (bin as NSString).deletingLastPathComponent)
        let snapshot = try await NodeReader(transport: transport).read(NodeReadRequest(files: files), from: localNode, timeout: .seconds(20))
        #expect(snapshot.files[files[0]]?.content == Data("first\n".utf8))
        #expect(snapshot.files[files[1]]?.content == Data("second\n".utf8))
        #expect(transport.scripts.count == 2)
        #expect(transport.scripts.first?.contains("head -v") == true)
        #expect(transport.scripts.last?.contains("head -v") == false)
    }

    @Test func aBatchedAnswerIsCheckedByteForByteAgainstTheSizes() async throws {
        let dir = try TemporaryDirectory()
        let files = [try dir.write("a", "first\n"), try dir.write("b", "second\n")]
        let request = NodeReadRequest(files: files)
        let boundary = "@@nks-abc"
        let answer = try await LocalShellTransport().execute(BatchedReadScript.script(for: request, boundary: boundary), standardInput: Data(), on: localNode, timeout: .seconds(20))
        _ = try BatchedReadScript.parse(answer.standardOutput, request: request, boundary: boundary, node: "n")
        // The same answer with the first file's stat size one byte off, either way.
        let text = String(decoding: answer.standardOutput, as: UTF8.self)
        for wrong in ["5", "7"] {
            let damaged = text.replacingOccurrences(of: "meta 644 0 0 6 ", with: "meta 644 0 0 \(wrong) ")
            #expect(damaged != text)
            #expect(throws: NodeAccessError.self) { try BatchedReadScript.parse(Data(damaged.utf8), request: request, boundary: boundary, node: "n") }
        }
    }

    @Test(arguments: ["a b", "it's", "$(touch pwned)", "new\nline", "名前 ü", "`id`", "-n", "\\"])
    func readsOddPaths(_ name: String) async throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write(name, "content of \(name)")
        let other = try dir.write("other", "the other\n")
        for script in NodeReadScript.allCases {
            let snapshot = try await reader.read(NodeReadRequest(files: [file, other]), from: localNode, timeout: .seconds(20), script: script)
            #expect(snapshot.files[file]?.content == Data("content of \(name)".utf8), "\(script)")
            #expect(snapshot.files[other]?.content == Data("the other\n".utf8), "\(script)")
        }
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

    @Test(arguments: NodeReadScript.allCases)
    func rejectsOutputCutShortAndRefusesRelativePaths(script: NodeReadScript) async throws {
        let request = NodeReadRequest(files: ["/etc/hostname", "/proc/cmdline"])
        let boundary = "@@nks-abc"
        let full = try await LocalShellTransport().execute(script.script(for: request, boundary: boundary), standardInput: Data(), on: localNode, timeout: .seconds(20))
        _ = try script.parse(full.standardOutput, request: request, boundary: boundary, node: "n")
        for cut in stride(from: 1, to: full.standardOutput.count, by: 7) {
            #expect(throws: NodeAccessError.self) {
                try script.parse(full.standardOutput.prefix(cut), request: request, boundary: boundary, node: "n")
            }
        }
        // An answer for a different request is not accepted either.
        #expect(throws: NodeAccessError.self) {
            try script.parse(full.standardOutput, request: NodeReadRequest(files: ["/etc/hostname"]), boundary: boundary, node: "n")
        }
        await #expect(throws: NodeAccessError.self) {
            try await reader.read(NodeReadRequest(files: ["etc/hostname"]), from: localNode, timeout: .seconds(5))
        }
    }
}

/// Runs scripts with the local sh, a directory first on PATH, and keeps every script.
final class RecordingShellTransport: NodeTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    let path: String

    init(path: String) { self.path = path }

    var scripts: [String] { lock.withLock { recorded } }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        lock.withLock { recorded.append(script) }
        let environment = ["PATH": path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
        let output = try await SubprocessRunner().run(ProcessInvocation("sh", ["-c", script], environment: environment, standardInput: standardInput, timeout: timeout))
        return RemoteResult(exitCode: output.exitCode, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    func shutdown() async {}
}
