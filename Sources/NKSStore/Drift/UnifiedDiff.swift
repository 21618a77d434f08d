// Unified diffs (`diff -u` format) between two texts, built on the standard library's
// CollectionDifference so no diff engine is written by hand.
public enum UnifiedDiff {
    /// The diff from `old` to `new`, or "" when they are equal. Labels are the ---/+++ names.
    public static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        if old == new { return "" }
        let a = lines(old), b = lines(new)
        let difference = b.difference(from: a)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sides in step, producing a flat script of kept/removed/added lines.
        enum Line { case keep(Int, Int), remove(Int), add(Int) }
        var script: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, removed.contains(i) { script.append(.remove(i)); i += 1 }
            else if j < b.count, inserted.contains(j) { script.append(.add(j)); j += 1 }
            else { script.append(.keep(i, j)); i += 1; j += 1 }
        }
        let changed = script.indices.filter { if case .keep = script[$0] { return false } else { return true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks {
            var oldStart: Int, newStart: Int
            var oldCount = 0, newCount = 0
            var body = ""
            var firstOld: Int?, firstNew: Int?
            for line in script[hunk] {
                switch line {
                case .keep(let x, let y):
                    firstOld = firstOld ?? x; firstNew = firstNew ?? y
                    oldCount += 1; newCount += 1
                    body += " " + a[x].text + "\n" + a[x].noNewlineMarker
                case .remove(let x):
                    firstOld = firstOld ?? x
                    oldCount += 1
                    body += "-" + a[x].text + "\n" + a[x].noNewlineMarker
                case .add(let y):
                    firstNew = firstNew ?? y
                    newCount += 1
                    body += "+" + b[y].text + "\n" + b[y].noNewlineMarker
                }
            }
            // With context lines around every change, a side has no lines in a hunk only
            // when that whole file is empty, which diff -u numbers as 0,0.
            oldStart = oldCount == 0 ? 0 : (firstOld ?? 0) + 1
            newStart = newCount == 0 ? 0 : (firstNew ?? 0) + 1
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n" + body
        }
        return output
    }

    private struct TextLine: Equatable {
        var text: String
        var lacksNewline: Bool
        var noNewlineMarker: String { lacksNewline ? "\\ No newline at end of file\n" : "" }
    }

    private static func lines(_ text: String) -> [TextLine] {
        if text.isEmpty { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { parts.removeLast() }
        return parts.enumerated().map { index, line in
            let last = index == parts.count - 1
            return TextLine(text: line, lacksNewline: last && !endsWithNewline)
        }
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}
