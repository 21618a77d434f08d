// Sets and removes keys of a block-style YAML document by editing only the lines of those
// keys. Anything it does not understand (flow mappings, anchors) makes it give up, and
// ConfigKeys falls back to re-serialising the whole document.
import Yams

enum YAMLLineEditor {
    struct Unsupported: Error {}

    static func apply(_ spec: ConfigKeysSpec, to content: String) throws -> String {
        var text = content
        for leaf in spec.leaves { text = try set(leaf.path, leaf.value, in: text) }
        for path in spec.remove { text = try remove(path, in: text) }
        return text
    }

    private static func set(_ path: [String], _ value: ConfigValue, in content: String) throws -> String {
        var lines = splitLines(content)
        var mapping = try rootMapping(content)
        var parentKey: (line: Int, column: Int)? = nil
        for (depth, key) in path.enumerated() {
            if let pair = mapping?.first(where: { $0.key.string == key }) {
                guard let mark = pair.key.mark else { throw Unsupported() }
                let keyLine = mark.line - 1, keyColumn = mark.column - 1
                if depth == path.count - 1 {
                    let end = blockEnd(lines.text, keyLine: keyLine, column: keyColumn)
                    lines.text.replaceSubrange(keyLine..<end, with: [indent(keyColumn) + keyText(key) + ": " + value.yamlInline])
                    return lines.joined()
                }
                guard case .mapping(let child) = pair.value, child.style != .flow, let childMark = pair.value.mark, childMark.line > mark.line else {
                    throw Unsupported()
                }
                mapping = child
                parentKey = (keyLine, keyColumn)
                continue
            }
            // The key is missing: insert it, and the rest of the path, at the end of its mapping.
            let column: Int
            let insertAt: Int
            if let parentKey {
                guard let first = mapping?.first?.key.mark else { throw Unsupported() }
                column = first.column - 1
                insertAt = blockEnd(lines.text, keyLine: parentKey.line, column: parentKey.column)
            } else {
                column = mapping?.first?.key.mark.map { $0.column - 1 } ?? 0
                insertAt = lastContentLine(lines.text) + 1
            }
            var newLines: [String] = []
            for (offset, name) in path[depth...].enumerated() {
                let isLeaf = depth + offset == path.count - 1
                newLines.append(indent(column + 2 * offset) + keyText(name) + ":" + (isLeaf ? " " + value.yamlInline : ""))
            }
            lines.text.insert(contentsOf: newLines, at: insertAt)
            return lines.joined()
        }
        throw Unsupported()
    }

    private static func remove(_ path: [String], in content: String) throws -> String {
        var lines = splitLines(content)
        var mapping = try rootMapping(content)
        for (depth, key) in path.enumerated() {
            guard let pair = mapping?.first(where: { $0.key.string == key }) else { return content }
            guard let mark = pair.key.mark else { throw Unsupported() }
            if depth == path.count - 1 {
                lines.text.removeSubrange((mark.line - 1)..<blockEnd(lines.text, keyLine: mark.line - 1, column: mark.column - 1))
                return lines.joined()
            }
            guard case .mapping(let child) = pair.value else { return content }
            mapping = child
        }
        return content
    }

    private static func rootMapping(_ content: String) throws -> Node.Mapping? {
        guard let root = try Yams.compose(yaml: content) else { return nil }
        guard case .mapping(let mapping) = root, mapping.style != .flow else { throw Unsupported() }
        return mapping
    }

    /// The line after the last line that belongs to the key on `keyLine`: deeper-indented
    /// lines, and sequence items at the key's own indentation.
    private static func blockEnd(_ lines: [String], keyLine: Int, column: Int) -> Int {
        var end = keyLine + 1
        var index = keyLine + 1
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop(while: { $0 == " " })
            let lineIndent = line.count - trimmed.count
            if trimmed.isEmpty || trimmed.hasPrefix("#") { index += 1; continue }
            if lineIndent > column || (lineIndent == column && trimmed.hasPrefix("- ")) {
                index += 1
                end = index
                continue
            }
            break
        }
        return end
    }

    private static func lastContentLine(_ lines: [String]) -> Int {
        var index = lines.count - 1
        while index >= 0, lines[index].trimmingCharacters(in: .whitespaces).isEmpty { index -= 1 }
        return index
    }

    private static func indent(_ count: Int) -> String { String(repeating: " ", count: count) }

    private static func keyText(_ key: String) -> String {
        ConfigValue.string(key).yamlInline
    }
}
