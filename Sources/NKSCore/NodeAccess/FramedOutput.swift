// Parses what node scripts print: header lines that start with a random per-call boundary,
// each followed by zero or more base64 payload lines. File content only ever travels as
// base64, which cannot contain the boundary's `@`, so no content can forge or break a frame.
import Foundation

/// One header line and the bytes that followed it.
public struct Frame: Sendable, Hashable {
    public var keyword: String
    public var fields: [String]
    public var payload: Data?

    public init(keyword: String, fields: [String] = [], payload: Data? = nil) {
        self.keyword = keyword
        self.fields = fields
        self.payload = payload
    }
}

public enum FramedOutput {
    public static func newBoundary() -> String { "@@nks-" + Hashing.randomHex(bytes: 16) }

    /// Shell lines that print a header: `printf '%s keyword fields\n' "$B"`, where fields are
    /// produced by shell words (already quoted or `$var` references).
    static func header(_ keyword: String, _ fields: String = "") -> String {
        fields.isEmpty ? "printf '%s \(keyword)\\n' \"$B\"" : "printf '%s \(keyword) %s\\n' \"$B\" \(fields)"
    }

    /// Splits output into frames between `start` and `done`. Lines outside that range are
    /// ignored (a login shell may print a banner before the script starts); inside it every
    /// line must be a header or base64, and `done` must arrive, or the output is rejected.
    public static func parse(_ output: Data, boundary: String, node: String) throws -> [Frame] {
        let prefix = Array((boundary + " ").utf8)
        var frames: [Frame] = []
        var payloadText: [UInt8] = []
        var started = false
        var finished = false

        func fail(_ reason: String) -> NodeAccessError { .malformedOutput(node: node, reason: reason) }
        func closePayload() throws {
            guard !frames.isEmpty, !payloadText.isEmpty else { return }
            guard let data = Data(base64Encoded: Data(payloadText)) else {
                throw fail("payload after '\(frames[frames.count - 1].keyword)' is not valid base64")
            }
            frames[frames.count - 1].payload = data
            payloadText.removeAll(keepingCapacity: true)
        }

        let bytes = [UInt8](output)
        var lineStart = 0
        while lineStart < bytes.count, !finished {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            let terminated = lineEnd < bytes.count
            lineStart = lineEnd + 1

            let isHeader = line.count >= prefix.count && line.prefix(prefix.count).elementsEqual(prefix)
            if !started {
                if isHeader, String(decoding: line.dropFirst(prefix.count), as: UTF8.self) == "start", terminated {
                    started = true
                }
                continue
            }
            guard terminated else { throw fail("output ends in the middle of a line") }
            if isHeader {
                try closePayload()
                let words = String(decoding: line.dropFirst(prefix.count), as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                guard let keyword = words.first, !keyword.isEmpty else { throw fail("empty frame header") }
                if keyword == "done" {
                    finished = true
                } else {
                    frames.append(Frame(keyword: keyword, fields: Array(words.dropFirst()), payload: nil))
                }
            } else {
                guard !frames.isEmpty else { throw fail("payload before the first frame header") }
                guard !line.isEmpty, line.allSatisfy(isBase64Byte) else {
                    throw fail("unexpected text inside frame '\(frames[frames.count - 1].keyword)'")
                }
                payloadText.append(contentsOf: line)
            }
        }
        guard started else { throw fail("no start frame; the script did not run or its output was lost") }
        guard finished else { throw fail("truncated: the final frame never arrived") }
        try closePayload()
        return frames
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
