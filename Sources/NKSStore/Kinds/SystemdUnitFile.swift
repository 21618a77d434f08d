// Reads the [Service] settings of a unit file or drop-in that decide a service's
// environment, the way systemd's unit parser does: a line ending in a backslash continues
// on the next (the backslash read as a space); `Environment=` holds words split like a
// command line (extract_first_word with unquoting and C escapes: "…" and '…' may hold
// spaces, \" \' \\ \n \t \s \xHH are escapes, %% is a %), each word one `NAME=value`, so
// `Environment=A=--x --y` assigns only `--x`; an empty `Environment=` or
// `EnvironmentFile=` clears the list before it; `EnvironmentFile=-path` may be absent.
enum SystemdUnitFile {
    enum Directive: Hashable {
        case environment(SpelledAssignment)
        case environmentFile(path: String, optional: Bool)
        case resetEnvironment
        case resetEnvironmentFiles
    }

    /// The environment directives of the [Service] section, in file order.
    static func directives(in text: String) -> [Directive] {
        let scalars = Array(text.unicodeScalars)
        var directives: [Directive] = []
        var section = ""
        for line in logicalLines(scalars) {
            var position = line.startIndex
            while position < line.endIndex, line[position].scalar == " " || line[position].scalar == "\t" { position += 1 }
            guard position < line.endIndex else { continue }
            let first = line[position].scalar
            if first == "#" || first == ";" { continue }
            if first == "[" {
                section = String(String.UnicodeScalarView(line[position...].map(\.scalar))).trimmingSpaces()
                continue
            }
            guard section == "[Service]", let equals = line[position...].firstIndex(where: { $0.scalar == "=" }) else { continue }
            let key = String(String.UnicodeScalarView(line[position..<equals].map(\.scalar))).trimmingSpaces()
            var valueStart = equals + 1
            while valueStart < line.endIndex, line[valueStart].scalar == " " || line[valueStart].scalar == "\t" { valueStart += 1 }
            var valueEnd = line.endIndex
            while valueEnd > valueStart, line[valueEnd - 1].scalar == " " || line[valueEnd - 1].scalar == "\t" { valueEnd -= 1 }
            let value = Array(line[valueStart..<valueEnd])
            switch key {
            case "Environment":
                if value.isEmpty { directives.append(.resetEnvironment); continue }
                var cursor = 0
                while let word = extractWord(value, &cursor) {
                    guard let equals = word.characters.firstIndex(where: { $0.scalar == "=" }) else { continue }
                    let name = String(String.UnicodeScalarView(word.characters[..<equals].compactMap(\.scalar)))
                    let characters = Array(word.characters[(equals + 1)...])
                    // New words go after the `=`, quoted as the character after it would be.
                    let after = word.characters[equals]
                    let quoting = characters.first?.quoting ?? after.quoting
                    directives.append(.environment(SpelledAssignment(
                        name: name, characters: characters, insertionPoint: after.raw.upperBound,
                        insertionQuoting: quoting, whole: word.raw, syntax: .unitFile)))
                }
            case "EnvironmentFile":
                let path = String(String.UnicodeScalarView(value.map(\.scalar)))
                if path.isEmpty { directives.append(.resetEnvironmentFiles); continue }
                let optional = path.hasPrefix("-")
                directives.append(.environmentFile(path: optional ? String(path.dropFirst()) : path, optional: optional))
            default:
                continue
            }
        }
        return directives
    }

    struct RawScalar { var scalar: Unicode.Scalar; var raw: Range<Int> }

    /// Lines with continuations joined: a trailing backslash becomes a space spelled by the
    /// backslash and the newline.
    static func logicalLines(_ scalars: [Unicode.Scalar]) -> [[RawScalar]] {
        var lines: [[RawScalar]] = []
        var current: [RawScalar] = []
        var index = 0
        while index < scalars.count {
            let s = scalars[index]
            if s == "\n" {
                // An odd number of backslashes before the newline continues the line.
                var backslashes = 0
                while backslashes < current.count, current[current.count - 1 - backslashes].scalar == "\\" { backslashes += 1 }
                if backslashes % 2 == 1 {
                    let last = current.removeLast()
                    current.append(RawScalar(scalar: " ", raw: last.raw.lowerBound..<index + 1))
                } else {
                    lines.append(current)
                    current = []
                }
            } else if s != "\r" {
                current.append(RawScalar(scalar: s, raw: index..<index + 1))
            }
            index += 1
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    struct Word { var characters: [SpelledCharacter]; var raw: Range<Int> }

    /// The next word of a command-line-like value, unquoted and unescaped.
    static func extractWord(_ line: [RawScalar], _ cursor: inout Int) -> Word? {
        while cursor < line.count, line[cursor].scalar == " " || line[cursor].scalar == "\t" { cursor += 1 }
        guard cursor < line.count else { return nil }
        let start = line[cursor].raw.lowerBound
        var characters: [SpelledCharacter] = []
        var quoting = ValueQuoting.bare
        while cursor < line.count {
            let item = line[cursor]
            let s = item.scalar
            if quoting == .bare, s == " " || s == "\t" { break }
            if s == "\"" || s == "'" {
                let mark: ValueQuoting = s == "\"" ? .double : .single
                if quoting == .bare { quoting = mark; characters.append(SpelledCharacter(scalar: nil, raw: item.raw, quoting: mark)); cursor += 1; continue }
                if quoting == mark { characters.append(SpelledCharacter(scalar: nil, raw: item.raw, quoting: mark)); quoting = .bare; cursor += 1; continue }
            }
            if s == "\\", cursor + 1 < line.count {
                let (scalar, used) = unescape(line, cursor + 1)
                characters.append(SpelledCharacter(scalar: scalar, raw: item.raw.lowerBound..<line[cursor + used].raw.upperBound, quoting: quoting))
                cursor += used + 1
                continue
            }
            if s == "%", cursor + 1 < line.count, line[cursor + 1].scalar == "%" {
                characters.append(SpelledCharacter(scalar: "%", raw: item.raw.lowerBound..<line[cursor + 1].raw.upperBound, quoting: quoting))
                cursor += 2
                continue
            }
            characters.append(SpelledCharacter(scalar: s, raw: item.raw, quoting: quoting))
            cursor += 1
        }
        return Word(characters: characters, raw: start..<(line[cursor - 1].raw.upperBound))
    }

    /// A C escape after a backslash: the character and how many scalars it used.
    private static func unescape(_ line: [RawScalar], _ at: Int) -> (Unicode.Scalar, Int) {
        switch line[at].scalar {
        case "n": return ("\n", 1)
        case "t": return ("\t", 1)
        case "s": return (" ", 1)
        case "x" where at + 2 < line.count:
            let hex = String(String.UnicodeScalarView([line[at + 1].scalar, line[at + 2].scalar]))
            if let value = UInt8(hex, radix: 16) { return (Unicode.Scalar(value), 3) }
            return (line[at].scalar, 1)
        default: return (line[at].scalar, 1)
        }
    }

    /// How a character is written in an `Environment=` word so systemd reads it back as is.
    /// Whitespace cannot be written bare (it would end the word); ValueEditor quotes then.
    static func encode(_ text: String, _ quoting: ValueQuoting) -> String {
        var out = ""
        for character in text.unicodeScalars {
            if character == "%" { out += "%%"; continue }
            switch quoting {
            case .bare: if "\\\"'".unicodeScalars.contains(character) { out += "\\" }
            case .double: if "\\\"".unicodeScalars.contains(character) { out += "\\" }
            case .single: if "\\'".unicodeScalars.contains(character) { out += "\\" }
            }
            out.unicodeScalars.append(character)
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
