// Reads a file the way systemd reads an EnvironmentFile= (parse_env_file_internal in
// systemd's src/basic/env-file.c): an unquoted value runs to the end of the line, spaces
// included, with trailing whitespace dropped; '…' keeps everything; "…" unescapes \" \\ \`
// \$ and keeps other backslashes; a backslash-newline is eaten (a continuation line), in a
// value or inside double quotes; # and ; start a comment only where a name would start; a
// later assignment of the same name replaces the earlier one. `export NAME=` is not an
// assignment of NAME to systemd (the name would be "export NAME").
enum SystemdEnvironmentFile {
    /// Every assignment in file order.
    static func assignments(in text: String) -> [SpelledAssignment] {
        parse(text).assignments
    }

    /// A quote opened and never closed: systemd takes the rest of the file as that value,
    /// so nothing added after it would be read as an assignment.
    static func hasUnclosedQuote(_ text: String) -> Bool {
        parse(text).unclosedQuote
    }

    private static func parse(_ text: String) -> (assignments: [SpelledAssignment], unclosedQuote: Bool) {
        let scalars = Array(text.unicodeScalars)
        var result: [SpelledAssignment] = []
        var unclosedQuote = false
        var index = 0
        func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" }
        func isNewline(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }

        while index < scalars.count {
            // PRE_KEY
            let s = scalars[index]
            if isBlank(s) { index += 1; continue }
            if s == "#" || s == ";" {
                // A comment runs to the end of its line; since v254 a trailing backslash does
                // not continue it.
                while index < scalars.count, !isNewline(scalars[index]) { index += 1 }
                continue
            }
            // KEY
            let keyStart = index
            while index < scalars.count, scalars[index] != "=", !isNewline(scalars[index]) { index += 1 }
            guard index < scalars.count, scalars[index] == "=" else { continue }
            var key = String(String.UnicodeScalarView(scalars[keyStart..<index]))
            while key.last == " " || key.last == "\t" { key.removeLast() }
            index += 1
            let valueStart = index

            var characters: [SpelledCharacter] = []
            // Whitespace read unquoted at the end of a value is dropped, as systemd chomps it.
            var chompFrom: Int?
            var firstQuoting: ValueQuoting?
            var insertion = valueStart
            enum State { case preValue, value, single, double }
            var state = State.preValue
            scanning: while index < scalars.count {
                let c = scalars[index]
                switch state {
                case .preValue:
                    if isNewline(c) { break scanning }
                    if c == "'" {
                        characters.append(SpelledCharacter(scalar: nil, raw: index..<index + 1, quoting: .single))
                        if firstQuoting == nil { firstQuoting = .single; insertion = index + 1 }
                        state = .single; index += 1
                    } else if c == "\"" {
                        characters.append(SpelledCharacter(scalar: nil, raw: index..<index + 1, quoting: .double))
                        if firstQuoting == nil { firstQuoting = .double; insertion = index + 1 }
                        state = .double; index += 1
                    } else if c == "\\" {
                        if firstQuoting == nil { firstQuoting = .bare; insertion = index }
                        index = escapeBare(scalars, index, into: &characters)
                        state = .value; chompFrom = nil
                    } else if c == " " || c == "\t" {
                        index += 1
                    } else {
                        if firstQuoting == nil { firstQuoting = .bare; insertion = index }
                        characters.append(SpelledCharacter(scalar: c, raw: index..<index + 1, quoting: .bare))
                        state = .value; index += 1
                    }
                case .value:
                    if isNewline(c) { break scanning }
                    if c == "\\" {
                        index = escapeBare(scalars, index, into: &characters)
                        chompFrom = nil
                        continue
                    }
                    if c == " " || c == "\t" {
                        if chompFrom == nil { chompFrom = characters.count }
                    } else {
                        chompFrom = nil
                    }
                    characters.append(SpelledCharacter(scalar: c, raw: index..<index + 1, quoting: .bare))
                    index += 1
                case .single:
                    if c == "'" {
                        characters.append(SpelledCharacter(scalar: nil, raw: index..<index + 1, quoting: .single))
                        state = .preValue
                    } else {
                        characters.append(SpelledCharacter(scalar: c, raw: index..<index + 1, quoting: .single))
                    }
                    index += 1
                case .double:
                    if c == "\"" {
                        characters.append(SpelledCharacter(scalar: nil, raw: index..<index + 1, quoting: .double))
                        state = .preValue; index += 1
                    } else if c == "\\", index + 1 < scalars.count {
                        let next = scalars[index + 1]
                        if "\"\\`$".unicodeScalars.contains(next) {
                            characters.append(SpelledCharacter(scalar: next, raw: index..<index + 2, quoting: .double))
                        } else if next == "\n" {
                            characters.append(SpelledCharacter(scalar: nil, raw: index..<index + 2, quoting: .double))
                        } else {
                            characters.append(SpelledCharacter(scalar: "\\", raw: index..<index + 1, quoting: .double))
                            characters.append(SpelledCharacter(scalar: next, raw: index + 1..<index + 2, quoting: .double))
                        }
                        index += 2
                    } else {
                        characters.append(SpelledCharacter(scalar: c, raw: index..<index + 1, quoting: .double))
                        index += 1
                    }
                }
            }
            if state == .value, let chompFrom { characters.removeSubrange(chompFrom...) }
            if state == .single || state == .double { unclosedQuote = true }
            result.append(SpelledAssignment(name: key, characters: characters, insertionPoint: insertion,
                                            insertionQuoting: firstQuoting ?? .bare, whole: keyStart..<index, syntax: .environmentFile))
        }
        return (result, unclosedQuote)
    }

    /// A backslash outside quotes: the next character as is; a backslash-newline is eaten.
    private static func escapeBare(_ scalars: [Unicode.Scalar], _ index: Int, into characters: inout [SpelledCharacter]) -> Int {
        guard index + 1 < scalars.count else { return index + 1 }
        let next = scalars[index + 1]
        characters.append(SpelledCharacter(scalar: next == "\n" ? nil : next, raw: index..<index + 2, quoting: .bare))
        return index + 2
    }

    /// How a character is written inside the given quoting so systemd reads it back as is.
    static func encode(_ text: String, _ quoting: ValueQuoting) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch quoting {
            case .bare: if "\\\"'".unicodeScalars.contains(character) { out += "\\" }
            case .double: if "\"\\`$".unicodeScalars.contains(character) { out += "\\" }
            case .single:
                // No escape inside '…': close, give the quote in "…", reopen.
                if character == "'" { out += "'\"'\"'"; continue }
            }
            out.unicodeScalars.append(character)
        }
        return out
    }
}
