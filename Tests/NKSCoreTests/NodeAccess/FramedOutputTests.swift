// The frame parser against hostile, binary and truncated output: errors, never crashes or
// silently accepted data.
import Foundation
import Testing
@testable import NKSCore

@Suite struct FramedOutputTests {
    let boundary = "@@nks-0123456789abcdef"

    func parse(_ text: String) throws -> [Frame] {
        try FramedOutput.parse(Data(text.utf8), boundary: boundary, node: "node-1")
    }

    @Test func parsesHeadersAndBase64Payloads() throws {
        let text = """
            motd noise before the script
            \(boundary) start
            \(boundary) state present
            \(boundary) content
            aGVs
            bG8=
            \(boundary) done

            """
        let frames = try parse(text)
        #expect(frames.map(\.keyword) == ["state", "content"])
        #expect(frames[0].fields == ["present"])
        #expect(frames[1].payload == Data("hello".utf8))
    }

    @Test func decodesAPayloadSplitOverLines() throws {
        let content = Data((0..<200).map { UInt8($0) })
        let encoded = content.base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n")
        let frames = try parse("\(boundary) start\n\(boundary) content\n\(encoded)\n\(boundary) done\n")
        #expect(frames.first?.payload == content)
    }

    @Test(arguments: [
        ("no start", "\("@@nks-0123456789abcdef") state present\n"),
        ("missing done", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef state present\n"),
        ("cut mid-line", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef content\naGVs"),
        ("raw text in frame", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef content\nhello world\n@@nks-0123456789abcdef done\n"),
        ("invalid base64", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef content\naGVsb\n@@nks-0123456789abcdef done\n"),
        ("wrong boundary", "@@nks-0123456789abcdef start\n@@nks-ffffffffffffffff done\n"),
        ("escape codes", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef content\n\u{1B}[2J\n@@nks-0123456789abcdef done\n"),
        ("empty line", "@@nks-0123456789abcdef start\n@@nks-0123456789abcdef content\n\n@@nks-0123456789abcdef done\n"),
        ("payload before header", "@@nks-0123456789abcdef start\naGVsbG8=\n@@nks-0123456789abcdef done\n"),
        ("empty output", ""),
    ])
    func rejectsMalformedOutput(_ label: String, _ text: String) {
        #expect(throws: NodeAccessError.self, "\(label)") { try parse(text) }
    }

    @Test func errorsNameTheNode() {
        do {
            _ = try parse("\(boundary) start\n")
            Issue.record("accepted truncated output")
        } catch let error as NodeAccessError {
            #expect(error.description.hasPrefix("node-1: "))
            #expect(!error.description.contains("\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func binaryGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var bytes = Data("\(boundary) start\n\(boundary) content\n".utf8)
            bytes.append(contentsOf: (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            _ = try? FramedOutput.parse(bytes, boundary: boundary, node: "n")
        }
    }

    @Test func boundariesAreFreshAndCannotAppearInBase64() {
        let first = FramedOutput.newBoundary()
        #expect(first != FramedOutput.newBoundary())
        #expect(first.hasPrefix("@@"))
        #expect(!Data(first.utf8).base64EncodedString().contains("@"))
    }
}
