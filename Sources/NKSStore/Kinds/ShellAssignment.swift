// Finds and rewrites `NAME=value` assignments in shell-sourced files (/etc/default/grub),
// keeping every other line and the assignment's quoting style intact. (Files systemd reads,
// for env-flags, go through SystemdEnvironmentFile and SystemdUnitFile instead.)
import NKSCore

struct ShellAssignment: Hashable {
    /// Index of the line in the file.
    var lineIndex: Int
    /// Text before the value (`export GRUB_CMDLINE_LINUX=`).
    var prefix: String
    /// The value as the shell would see it after removing quotes.
    var value: String
    /// How the value was quoted.
    var quote: Quote
    /// Text after the value (a trailing comment).
    var suffix: String

    enum Quote: Hashable {
        case double, single, none
    }

    /// The line with `newValue` in place of the old value, quoted the same way where the
    /// value allows it (an unquoted value that gains a space becomes double-quoted).
    func line(with newValue: String) -> String {
        var style = quote
        if style == .none, newValue.contains(where: { " \t\"'$`\\;&|<>()#".contains($0) }) { style = .double }
        switch style {
        case .double:
            return prefix + "\"" + Self.doubleQuoted(newValue) + "\"" + suffix
        case .single:
            return prefix + ShellQuoting.quote(newValue) + suffix
        case .none:
            return prefix + newValue + suffix
        }
    }

    /// `value` for the inside of double quotes in a file a shell sources (grub-mkconfig
    /// sources /etc/default/grub as root): `"`, `\\`, backticks and `$` are escaped so the
    /// variable gets exactly these characters. A word that is a whole reference to another
    /// variable (`$GRUB_CMDLINE_LINUX_EXTRA`, `${X}`), as grub files chain them, stays one.
    static func doubleQuoted(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: false).map { word in
            if isVariableReference(word) { return String(word) }
            return word.reduce(into: "") { text, character in
                if "\"`\\$".contains(character) { text.append("\\") }
                text.append(character)
            }
        }.joined(separator: " ")
    }

    /// `$NAME` or `${NAME}`, nothing else.
    static func isVariableReference(_ word: Substring) -> Bool {
        var name = word.dropFirst()
        guard word.hasPrefix("$") else { return false }
        if name.hasPrefix("{") {
            guard name.hasSuffix("}") else { return false }
            name = name.dropFirst().dropLast()
        }
        guard let first = name.first, first == "_" || first.isASCII && first.isLetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Every active (uncommented) assignment to `name`, in file order.
    static func find(_ name: String, in lines: [String]) -> [ShellAssignment] {
        lines.enumerated().compactMap { index, line in parse(line, name: name, index: index) }
    }

    static func parse(_ line: String, name: String, index: Int) -> ShellAssignment? {
        var rest = Substring(line)
        var prefix = ""
        let leading = rest.prefix(while: { $0 == " " || $0 == "\t" })
        prefix += leading
        rest = rest.dropFirst(leading.count)
        if rest.hasPrefix("#") { return nil }
        if rest.hasPrefix("export ") {
            prefix += "export "
            rest = rest.dropFirst("export ".count)
        }
        guard rest.hasPrefix(name + "=") else { return nil }
        prefix += name + "="
        rest = rest.dropFirst(name.count + 1)
        return parseValue(rest).map { value, quote, suffix in
            ShellAssignment(lineIndex: index, prefix: prefix, value: value, quote: quote, suffix: suffix)
        }
    }

    /// Reads one shell word that may be quoted; what follows it (spaces, a comment) is the suffix.
    private static func parseValue(_ text: Substring) -> (String, Quote, String)? {
        if text.hasPrefix("\"") {
            var value = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if character == "\\", text.index(after: index) < text.endIndex {
                    let next = text[text.index(after: index)]
                    if "\"`\\$\n".contains(next) {
                        value.append(next)
                    } else {
                        value.append(character)
                        value.append(next)
                    }
                    index = text.index(index, offsetBy: 2)
                    continue
                }
                if character == "\"" {
                    return (value, .double, String(text[text.index(after: index)...]))
                }
                value.append(character)
                index = text.index(after: index)
            }
            return nil
        }
        if text.hasPrefix("'") {
            let body = text.dropFirst()
            guard let close = body.firstIndex(of: "'") else { return nil }
            return (String(body[..<close]), .single, String(body[body.index(after: close)...]))
        }
        let value = text.prefix(while: { $0 != " " && $0 != "\t" && $0 != "#" && $0 != ";" })
        return (String(value), .none, String(text.dropFirst(value.count)))
    }
}
