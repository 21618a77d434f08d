// The one sanitizer for text that nodes, the API server, git or kubectl wrote and that
// reaches the operator's terminal: every scalar that can drive or deceive a terminal is
// shown as a visible `\u{…}` escape instead. That is C0/C1 controls (ESC starts every
// escape sequence, CR rewrites a line), Unicode format characters (the bidi overrides and
// isolates such as U+202E that make text read backwards, zero-width characters, the BOM)
// and the line and paragraph separators. Escaped, never dropped, so a diff stays faithful.
import Foundation

public enum TerminalText {
    /// One line: line breaks and tabs are escaped too, so the text cannot break a table
    /// or forge a line of its own.
    public static func escaped(_ text: String) -> String {
        escape(text, keeping: [])
    }

    /// Several lines (a diff, a report, a rendered table): `\n` and `\t` stay as they are,
    /// everything else that is unsafe is escaped.
    public static func escapedKeepingLines(_ text: String) -> String {
        escape(text, keeping: ["\n", "\t"])
    }

    /// Whether a scalar must never reach a terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    private static func escape(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !kept.contains($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if !isUnsafe(scalar) || kept.contains(scalar) {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return result
    }
}

/// Lines for the operator on stderr (progress, warnings, errors), always sanitized.
public enum StandardError {
    public static func writeLine(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.escapedKeepingLines(text) + "\n").utf8))
    }

    public static func warning(_ text: String) {
        writeLine("warning: " + TerminalText.escaped(text))
    }
}
