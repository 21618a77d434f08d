// The node read-back framing under hostile content and damaged answers, for both read
// scripts (batched and per file). The real read script runs under the local /bin/sh over files whose bytes are random, forge frame
// headers (with the very boundary of the call, which a node sees on its command line) and
// carry escape codes; what comes back must be those bytes exactly. Any cut or damage to an
// answer must be refused as malformed output, never parsed into a different snapshot
// silently with the final frame missing.
import Foundation
@testable import NKSCore
import Testing

@Suite struct FramingFuzzTests {
    /// Runs the read script on this machine, as sh on a node would.
    static func runLocally(_ script: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func hostileContent(boundary: String, paths: [String], random: inout SeededRandom) -> Data {
        // head's own file headers, for the batched read, which cuts its output at them.
        let pieces = paths.map { "\n==> \($0) <==\n" } + [
            "\(boundary) done\n", "\(boundary) state present\n", "\(boundary) content\n", "\(boundary) end\n",
            "@@nks-00000000000000000000000000000000 done\n", "\u{1B}]0;owned\u{07}", "\u{1B}[2J\u{1B}[H", "\r", "\n", "AAAA\n",
            "=\n", "\u{0}", "plain text line\n",
        ]
        var data = Data()
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            if random.chance(30) { data += random.bytes(Int.random(in: 1...300, using: &random)) } else { data += Data(random.element(pieces).utf8) }
        }
        return data
    }

    @Test func hostileFileBytesComeBackExactlyThroughTheRealScript() throws {
        var random = SeededRandom(seed: 0x6672_616d_696e_6731)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-framing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for number in 0..<150 {
            let boundary = FramedOutput.newBoundary()
            let files = (0..<Int.random(in: 1...4, using: &random)).map { directory.appendingPathComponent("case\(number)-file\($0)").path }
            var expected: [String: Data] = [:]
            for path in files {
                let content = Self.hostileContent(boundary: boundary, paths: files, random: &random)
                try content.write(to: URL(fileURLWithPath: path))
                expected[path] = content
            }
            let request = NodeReadRequest(files: files, commands: [NamedCommand(name: "echo", command: "cat " + ShellQuoting.quote(files[0]))])
            for script in NodeReadScript.allCases {
                let output = try Self.runLocally(script.script(for: request, boundary: boundary))
                let snapshot = try script.parse(output, request: request, boundary: boundary, node: "local")
                for path in files {
                    #expect(snapshot.files[path]?.state == .present, "case \(number), \(script)")
                    #expect(snapshot.files[path]?.content == expected[path], "case \(number), \(script): \(path)")
                }
                #expect(snapshot.commands["echo"]?.output == expected[files[0]], "case \(number), \(script)")
                #expect(snapshot.commands["echo"]?.exitCode == 0)
            }
        }
    }

    @Test(arguments: NodeReadScript.allCases)
    func everyCutOfAnAnswerIsRefusedAsMalformed(script: NodeReadScript) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-framing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("docker").path
        try Data(String(repeating: "rotate 10\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        let boundary = FramedOutput.newBoundary()
        let request = NodeReadRequest(files: [path, directory.appendingPathComponent("absent").path], commands: [NamedCommand(name: "cmdline", command: "echo quiet")])
        let output = try Self.runLocally(script.script(for: request, boundary: boundary))
        #expect(throws: Never.self) { try script.parse(output, request: request, boundary: boundary, node: "local") }
        // The last line is `done`; every shorter answer lost something, even the one
        // that ends with every file and command complete but without it.
        for length in 0..<output.count {
            #expect(throws: NodeAccessError.self, "cut at \(length) of \(output.count) bytes") {
                try script.parse(output.prefix(length), request: request, boundary: boundary, node: "local")
            }
        }
    }

    @Test(arguments: NodeReadScript.allCases)
    func damagedAnswersAreParsedOrRefusedAsMalformedNeverCrash(script: NodeReadScript) throws {
        var random = SeededRandom(seed: 0x6672_616d_696e_6732)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-framing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.yaml").path
        try Data("imageGCHighThresholdPercent: 85\n".utf8).write(to: URL(fileURLWithPath: path))
        let boundary = FramedOutput.newBoundary()
        let request = NodeReadRequest(files: [path], commands: [NamedCommand(name: "cmdline", command: "echo quiet")])
        let output = try Self.runLocally(script.script(for: request, boundary: boundary))
        let tokens = ["\(boundary) ", "\(boundary) done\n", "\(boundary) file 0\n", "\(boundary) state too-large\n", "\(boundary) meta 644 0 0 x root root\n",
                      "\(boundary) exists 0\n", "\(boundary) read 0\n", "\(boundary) state 0 unreadable\n", "\(boundary) meta 644 0 0 33 root root\n", "!!!\n", "\n"]
        var refused = 0
        for number in 0..<4000 {
            let damaged = Data(Mutator.mutate(Array(output), dictionary: tokens, rounds: Int.random(in: 1...4, using: &random), using: &random))
            do {
                let snapshot = try script.parse(damaged, request: request, boundary: boundary, node: "local")
                // Whatever passes still answers exactly the request: one file, one command.
                #expect(snapshot.files.keys.sorted() == [path], "case \(number)")
                #expect(snapshot.commands.keys.sorted() == ["cmdline"], "case \(number)")
            } catch let error as NodeAccessError {
                refused += 1
                guard case .malformedOutput(let node, let reason) = error else {
                    Issue.record("case \(number): \(error)")
                    continue
                }
                #expect(node == "local" && !reason.isEmpty)
            } catch {
                Issue.record("case \(number): \(type(of: error)) \(error)")
            }
        }
        #expect(refused > 1000)
    }

    /// Sizes, uids, gids and modes a hostile node's root could put in its metadata:
    /// negative (once a range trap that stopped every node's run), huge, non-decimal.
    static let hostileNumbers = ["-5", "-1", "-9223372036854775808", "9223372036854775807", "99999999999999999999999", "0x10", "+3",
                                 "1e3", "٣", "", "5 ", "NaN"]

    @Test(arguments: NodeReadScript.allCases)
    func hostileNumbersInMetadataAreRefusedNeverCrash(script: NodeReadScript) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-framing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.conf").path, second = directory.appendingPathComponent("b.conf").path
        try Data("alpha\n".utf8).write(to: URL(fileURLWithPath: first))
        try Data("beta beta\n".utf8).write(to: URL(fileURLWithPath: second))
        let boundary = FramedOutput.newBoundary()
        let request = NodeReadRequest(files: [first, second])
        let output = String(decoding: try Self.runLocally(script.script(for: request, boundary: boundary)), as: UTF8.self)
        #expect(throws: Never.self) { try script.parse(Data(output.utf8), request: request, boundary: boundary, node: "local") }
        // The meta line is `B meta MODE UID GID SIZE USER GROUP`: each number in turn.
        let metaLines = output.split(separator: "\n").filter { $0.hasPrefix(boundary + " meta ") }
        #expect(metaLines.count == 2)
        for line in metaLines {
            var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            for field in [2, 3, 4, 5] {
                for number in Self.hostileNumbers + (field == 2 ? ["77777", "8"] : []) {
                    let original = words[field]
                    words[field] = number
                    let hostile = output.replacingOccurrences(of: String(line), with: words.joined(separator: " "))
                    words[field] = original
                    #expect(throws: NodeAccessError.self, "\(script) field \(field) = \(number.debugDescription)") {
                        try script.parse(Data(hostile.utf8), request: request, boundary: boundary, node: "local")
                    }
                }
            }
        }
    }

    @Test(arguments: NodeReadScript.allCases)
    func aSymlinkAtAManagedPathIsRefusedNotFollowed(script: NodeReadScript) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-framing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("shadow").path, link = directory.appendingPathComponent("docker").path
        let dangling = directory.appendingPathComponent("dangling").path, plain = directory.appendingPathComponent("plain").path
        try Data("root:$6$secret:19000:0:99999:7:::\n".utf8).write(to: URL(fileURLWithPath: secret))
        try Data("plain\n".utf8).write(to: URL(fileURLWithPath: plain))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory.appendingPathComponent("nowhere").path)
        let request = NodeReadRequest(files: [link, dangling, plain])
        let boundary = FramedOutput.newBoundary()
        let output = try Self.runLocally(script.script(for: request, boundary: boundary))
        let snapshot = try script.parse(output, request: request, boundary: boundary, node: "local")
        #expect(snapshot.files[link]?.state == .notARegularFile)
        #expect(snapshot.files[link]?.content == nil)
        #expect(snapshot.files[dangling]?.state == .notARegularFile)
        #expect(snapshot.files[plain]?.content == Data("plain\n".utf8))
        #expect(!snapshot.files.values.contains { String(decoding: $0.content ?? Data(), as: UTF8.self).contains("$6$secret") }, "the link's target was read")
    }
}
