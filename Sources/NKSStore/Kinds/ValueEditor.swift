// Replaces, removes and appends words of one assignment's value by rewriting only the bytes
// that spell those words, so the rest of the file — other flags, quotes, continuation lines,
// comments — stays byte for byte.
enum ValueEditor {
    enum Edit: Hashable {
        case replace(word: Int, with: String)
        case remove(word: Int)
    }

    static func apply(_ edits: [Edit], appending: [String], to assignment: SpelledAssignment, in text: String) -> String {
        let words = assignment.words
        var replacements: [Int: String] = [:]
        var removed = Set<Int>()
        for edit in edits {
            switch edit {
            case .replace(let word, let new): replacements[word] = new
            case .remove(let word): removed.insert(word)
            }
        }
        var newWords: [String] = []
        for (index, word) in words.enumerated() where !removed.contains(index) { newWords.append(replacements[index] ?? word.text) }
        newWords += appending

        // A bare `Environment=NAME=value` word cannot take whitespace: quote the whole word.
        if assignment.syntax == .unitFile, newWords.count > 1 || newWords.contains(where: { $0.contains(where: \.isWhitespace) }),
           assignment.characters.allSatisfy({ $0.quoting == .bare }) {
            let quoted = "\"" + SystemdUnitFile.encode(assignment.name + "=" + newWords.joined(separator: " "), .double) + "\""
            return splice(text, [(assignment.whole, quoted)])
        }

        func encode(_ word: String, _ quoting: ValueQuoting) -> String {
            assignment.syntax == .unitFile ? SystemdUnitFile.encode(word, quoting) : SystemdEnvironmentFile.encode(word, quoting)
        }
        var changes: [(Range<Int>, String)] = []
        for (index, new) in replacements where !removed.contains(index) && new != words[index].text {
            changes.append((words[index].raw, encode(new, words[index].quoting)))
        }
        // Each run of removed words goes with the space before it (after it, for the first).
        var index = 0
        while index < words.count {
            guard removed.contains(index) else { index += 1; continue }
            var end = index
            while end + 1 < words.count, removed.contains(end + 1) { end += 1 }
            if index > 0 {
                changes.append((words[index - 1].raw.upperBound..<words[end].raw.upperBound, ""))
            } else if end + 1 < words.count {
                changes.append((words[index].raw.lowerBound..<words[end + 1].raw.lowerBound, ""))
            } else {
                changes.append((words[index].raw.lowerBound..<words[end].raw.upperBound, ""))
            }
            index = end + 1
        }
        if !appending.isEmpty {
            let kept = words.indices.filter { !removed.contains($0) }
            if let last = kept.last {
                let point = words[last].raw.upperBound
                changes.append((point..<point, appending.map { " " + encode($0, words[last].quoting) }.joined()))
            } else {
                // Nothing left before: the new words start where the value starts.
                let point = words.first.map(\.raw.lowerBound) ?? assignment.insertionPoint
                let quoting = words.first?.quoting ?? assignment.insertionQuoting
                changes.append((point..<point, appending.map { encode($0, quoting) }.joined(separator: " ")))
            }
        }
        return splice(text, changes)
    }

    /// `text` with each scalar range replaced; ranges do not overlap, except insertions at
    /// the end of a removed range.
    static func splice(_ text: String, _ changes: [(Range<Int>, String)]) -> String {
        var scalars = Array(text.unicodeScalars)
        for (range, replacement) in changes.sorted(by: { ($0.0.lowerBound, $0.0.upperBound) > ($1.0.lowerBound, $1.0.upperBound) }) {
            scalars.replaceSubrange(range, with: Array(replacement.unicodeScalars))
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
