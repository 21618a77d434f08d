// Renders rows the way kubectl prints them: upper-case headers, left-aligned columns
// separated by three spaces, no borders, so output reads like `kubectl get`.
public struct Table: Sendable, Hashable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as text, each line ending in a newline; `style` may colour cells after
    /// their width has been measured, so escape codes never skew the alignment.
    public func render(headers showHeaders: Bool = true, style: (@Sendable (_ column: Int, _ cell: String) -> String)? = nil) -> String {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        var lines: [[String]] = showHeaders ? [headers.map { $0.uppercased() }] : []
        // Cells come from nodes and the API server: shown escaped, one line each.
        lines += rows.map { $0.map(TerminalText.escaped) }
        var widths = [Int](repeating: 0, count: columnCount)
        for line in lines {
            for (index, cell) in line.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var output = ""
        for (lineIndex, line) in lines.enumerated() {
            let isHeader = showHeaders && lineIndex == 0
            var text = ""
            for index in 0..<columnCount {
                let cell = index < line.count ? line[index] : ""
                let shown = isHeader ? cell : (style?(index, cell) ?? cell)
                let isLast = index == columnCount - 1
                text += isLast ? shown : shown + String(repeating: " ", count: widths[index] - cell.count + 3)
            }
            while text.hasSuffix(" ") { text.removeLast() }
            output += text + "\n"
        }
        return output
    }
}
