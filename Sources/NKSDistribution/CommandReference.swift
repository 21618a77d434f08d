// The README's command reference: every command and every flag of the three plugins,
// written from their definitions so the table cannot fall behind the code.
import NKSCompletion

public enum CommandReference {
    /// Markdown for all plugins: one table per command.
    public static func markdown(_ plugins: [DistributedPlugin]) throws -> String {
        var sections: [String] = []
        for plugin in plugins {
            let root = try plugin.tree()
            sections += commands(root, path: ["kubectl", plugin.name]).map(section)
        }
        return sections.joined(separator: "\n")
    }

    /// The root and its subcommands, depth first; the library's `help` is left out.
    private static func commands(_ command: CommandNode, path: [String]) -> [(path: [String], command: CommandNode)] {
        [(path, command)] + command.subcommands
            .filter { $0.shouldDisplay && $0.commandName != "help" }
            .flatMap { commands($0, path: path + [$0.commandName]) }
    }

    private static func section(_ entry: (path: [String], command: CommandNode)) -> String {
        let (path, command) = entry
        var lines = ["#### `\(path.joined(separator: " "))`", ""]
        if let abstract = command.abstract { lines += [abstract, ""] }
        let rows = command.arguments.filter { $0.shouldDisplay && !["help", "version"].contains($0.key) }
        if !command.subcommands.isEmpty {
            let names = command.subcommands.filter { $0.shouldDisplay && $0.commandName != "help" }.map { "`\($0.commandName)`" }
            lines += ["Subcommands: " + names.joined(separator: ", ") + ".", ""]
        }
        guard !rows.isEmpty else { return lines.dropLast().joined(separator: "\n") + "\n" }
        lines += ["| argument or flag | value | meaning |", "|---|---|---|"]
        for argument in rows {
            lines.append("| \(cell(spelling(argument))) | \(cell(value(argument))) | \(cell(meaning(argument))) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func spelling(_ argument: ArgumentNode) -> String {
        if argument.kind == .positional {
            let name = (argument.valueName ?? "value").uppercased()
            return "`\(name)\(argument.isRepeating ? "…" : "")`"
        }
        return argument.spellings.map { "`\($0)`" }.joined(separator: ", ")
    }

    private static func value(_ argument: ArgumentNode) -> String {
        guard argument.kind == .option else { return "" }
        if let values = argument.allValues, !values.isEmpty { return "`" + values.joined(separator: "|") + "`" }
        return "`<\(argument.valueName ?? "value")>`"
    }

    private static func meaning(_ argument: ArgumentNode) -> String {
        var text = argument.abstract ?? ""
        if let defaultValue = argument.defaultValue, argument.kind == .option { text += " (default: \(defaultValue))" }
        if argument.isRepeating, argument.kind == .option, !text.contains("repeat") { text += " Repeatable." }
        return text
    }

    /// One table cell: no line breaks, and `|` cannot end the cell early.
    private static func cell(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
