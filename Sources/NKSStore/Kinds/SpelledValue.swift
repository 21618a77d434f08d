// A variable's value as its consumer reads it, character by character, each character
// tied to the bytes of the file that spell it. Editing words of the value then replaces
// only those bytes: every other flag keeps its spelling, the quotes and continuation lines
// stay where they were.

/// How a stretch of a value is quoted where it stands in the file.
enum ValueQuoting: Hashable { case bare, single, double }

/// The syntax the file is read with: a systemd EnvironmentFile (also /etc/default files
/// systemd reads), or `Environment=` in a unit file or drop-in.
enum AssignmentSyntax: Hashable { case environmentFile, unitFile }

struct SpelledCharacter: Hashable {
    /// What the consumer gets; nil for bytes that give it nothing (quote marks, an eaten
    /// backslash-newline).
    var scalar: Unicode.Scalar?
    /// Offsets (in scalars) into the file of the bytes that spell it.
    var raw: Range<Int>
    var quoting: ValueQuoting
}

/// One whitespace-separated word of a value and where it is spelled.
struct SpelledWord: Hashable {
    var text: String
    var raw: Range<Int>
    var quoting: ValueQuoting
}

/// One assignment `NAME=value` found in a file.
struct SpelledAssignment: Hashable {
    var name: String
    var characters: [SpelledCharacter]
    /// Where the value starts in the file (just after `=` and its quote, if any) and how the
    /// first character there would be quoted: where words go when the value has none.
    var insertionPoint: Int
    var insertionQuoting: ValueQuoting
    /// The whole assignment as written (for a unit file: the `NAME=value` word with its
    /// quotes), for the rare rewrite that cannot keep the quoting (see ValueEditor).
    var whole: Range<Int>
    var syntax: AssignmentSyntax

    var value: String {
        String(String.UnicodeScalarView(characters.compactMap(\.scalar)))
    }

    var words: [SpelledWord] {
        var words: [SpelledWord] = []
        var current: (text: String.UnicodeScalarView, start: Int, end: Int, quoting: ValueQuoting)?
        for character in characters {
            guard let scalar = character.scalar else { continue }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                if let word = current { words.append(SpelledWord(text: String(word.text), raw: word.start..<word.end, quoting: word.quoting)) }
                current = nil
                continue
            }
            if current == nil { current = (String.UnicodeScalarView(), character.raw.lowerBound, character.raw.upperBound, character.quoting) }
            current!.text.append(scalar)
            current!.end = character.raw.upperBound
        }
        if let word = current { words.append(SpelledWord(text: String(word.text), raw: word.start..<word.end, quoting: word.quoting)) }
        return words
    }
}
