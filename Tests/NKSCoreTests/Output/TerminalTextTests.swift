// The one sanitizer for node and API server text: what it escapes (controls, format
// characters such as the bidi overrides, separators), what it keeps (text, emoji, line
// breaks where lines are allowed), and that the sinks and JSON use it.
import Foundation
import Testing
@testable import NKSCore

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("\u{1B}]0;owned\u{07}", "\\u{1b}]0;owned\\u{7}"),
        ("\u{9B}31m", "\\u{9b}31m"),
        ("evil\rgood", "evil\\rgood"),
        // Right-to-left override: `cod.exe` shown as `exe.doc` would read "innocent".
        ("invoice\u{202E}cod.exe", "invoice\\u{202e}cod.exe"),
        ("a\u{2066}b\u{2069}c", "a\\u{2066}b\\u{2069}c"),
        ("zero\u{200B}width\u{FEFF}", "zero\\u{200b}width\\u{feff}"),
        ("line\u{2028}para\u{2029}", "line\\u{2028}para\\u{2029}"),
        ("tag\u{E0041}", "tag\\u{e0041}"),
        ("plain ü 名前 ✓ 👍", "plain ü 名前 ✓ 👍"),
    ])
    func escapesWhatCanDriveOrDeceiveATerminal(input: String, shown: String) {
        #expect(TerminalText.escaped(input) == shown)
        #expect(TerminalText.escapedKeepingLines(input) == shown)
    }

    @Test func linesAndTabsStayOnlyWhereLinesAreAllowed() {
        #expect(TerminalText.escaped("a\nb\tc") == "a\\nb\\tc")
        #expect(TerminalText.escapedKeepingLines("a\nb\tc\u{1B}[2J\r\n") == "a\nb\tc\\u{1b}[2J\\r\n")
    }

    @Test func tablesEscapeEveryCell() {
        var table = Table(headers: ["node", "detail"])
        table.append(["worker-\u{202E}1", "\u{1B}[2J"])
        let text = table.render()
        #expect(!text.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" })
        #expect(text.contains("worker-\\u{202e}1"))
    }

    @Test func jsonKeepsTheSameStringsButNoRawUnsafeCharacters() throws {
        struct Item: Codable, Equatable { var name: String }
        let item = Item(name: "a\u{202E}b\u{1B}[2J\u{9B}\u{E0041}")
        let json = try StructuredOutput.render(item, as: .json)
        #expect(!json.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "\(json)")
        #expect(try JSONDecoder().decode(Item.self, from: Data(json.utf8)) == item)
        let yaml = try StructuredOutput.render(item, as: .yaml)
        #expect(!yaml.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" }, "\(yaml)")
    }
}
