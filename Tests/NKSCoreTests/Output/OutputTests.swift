import Foundation
import Testing
import Yams
@testable import NKSCore

@Suite struct TableTests {
    @Test func alignsColumnsLikeKubectl() {
        var table = Table(headers: ["Node", "State", "Detail"])
        table.append(["worker-1", "in-sync", ""])
        table.append(["worker-100", "drifted", "2 lines differ"])
        #expect(table.render() == """
        NODE         STATE     DETAIL
        worker-1     in-sync
        worker-100   drifted   2 lines differ

        """)
        #expect(table.render(headers: false).hasPrefix("worker-1 "))
    }

    @Test func stylingDoesNotSkewAlignment() {
        var table = Table(headers: ["a", "b"])
        table.append(["x", "y"])
        table.append(["longer", "z"])
        let styled = table.render(style: { column, cell in column == 0 ? "\u{1B}[31m\(cell)\u{1B}[0m" : cell })
        let plain = styled.replacingOccurrences(of: "\u{1B}[31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(plain == table.render())
    }

    @Test(arguments: [
        ("\u{1B}[2Jgone", "\\u{1b}[2Jgone"),
        ("a\nb", "a\\nb"),
        ("tab\there", "tab\\there"),
        ("plain ü", "plain ü"),
    ])
    func hostileCellsAreEscaped(input: String, shown: String) {
        #expect(TerminalText.escaped(input) == shown)
    }
}

@Suite struct StructuredOutputTests {
    struct Sample: Codable, Equatable {
        var name: String
        var count: Int
        var ratio: Double
        var ready: Bool
        var note: String?
        var looksLikeNumber: String
        var multiline: String
        var when: Date
    }

    let sample = Sample(
        name: "worker-1", count: 3, ratio: 0.5, ready: true, note: nil,
        looksLikeNumber: "0644", multiline: "line 1\nline 2\n",
        when: Date(timeIntervalSince1970: 1_700_000_000)
    )

    @Test func jsonHasSortedKeysAndRFC3339Times() throws {
        let text = try StructuredOutput.render(sample, as: .json)
        #expect(text.contains(#""when" : "2023-11-14T22:13:20Z""#))
        let keys = text.split(separator: "\n").compactMap { line in
            line.split(separator: "\"").dropFirst().first.map(String.init)
        }
        #expect(keys == keys.sorted())
    }

    @Test func yamlRoundTripsTypesExactly() throws {
        let text = try StructuredOutput.render(sample, as: .yaml)
        let decoder = YAMLDecoder()
        struct Loose: Decodable { var looksLikeNumber: String; var count: Int; var ready: Bool; var multiline: String; var when: String }
        let back = try decoder.decode(Loose.self, from: text)
        #expect(back.looksLikeNumber == "0644")
        #expect(back.count == 3)
        #expect(back.ready)
        #expect(back.multiline == "line 1\nline 2\n")
        #expect(back.when == "2023-11-14T22:13:20Z")
    }
}

@Suite struct TerminalTests {
    @Test(arguments: [
        (true, [String: String](), true),
        (false, [String: String](), false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], true),
        (true, ["TERM": "dumb"], false),
    ])
    func coloursOnlyOnATerminalWithoutNoColor(isTTY: Bool, environment: [String: String], expected: Bool) {
        let terminal = Terminal(standardOutputIsTTY: isTTY, standardErrorIsTTY: isTTY, environment: environment)
        #expect(terminal.colourOnStandardOutput == expected)
    }
}

@Suite struct OutputOptionsTests {
    @Test(arguments: [(["-o", "json"], OutputFormat.json), (["--output", "wide"], .wide), (["-o", "yaml"], .yaml), ([], .table)])
    func parsesKubectlsOutputFlag(arguments: [String], format: OutputFormat) throws {
        #expect(try OutputOptions.parse(arguments).format == format)
    }

    @Test func rejectsHeadersWithStructuredOutput() {
        #expect(throws: (any Error).self) { try OutputOptions.parse(["-o", "json", "--no-headers"]) }
    }
}
