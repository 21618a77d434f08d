// What the user has typed so far, read against the command tree the way
// swift-argument-parser will read it: which (sub)command, which named arguments with
// which values, how many positional values — and what the last word is.
public struct TypedWords: Sendable {
    /// The command the words lead to, and the path of command names from the root.
    public var command: CommandNode
    public var commandPath: [String]
    /// Named arguments given before the word being completed, with their values
    /// (`[""]` for a flag); keyed by `ArgumentNode.key`.
    public var given: [String: [String]]
    /// Positional values given at the command's level.
    public var positionals: [String]
    /// What the word being completed is.
    public var target: Target

    public enum Target: Sendable {
        /// A value of `argument`; `prefix` is already typed before the value (`--context=`).
        case value(ArgumentNode, prefix: String, word: String)
        /// A flag or option name.
        case name(word: String)
        /// A subcommand or a positional value.
        case positionalOrSubcommand(word: String)
    }

    /// `words` are what kubectl passes: the words after the plugin name, the last one being
    /// completed (possibly empty).
    public init(_ words: [String], root: CommandNode) {
        var command = root
        var path: [String] = []
        var given: [String: [String]] = [:]
        var positionals: [String] = []
        var pendingOption: ArgumentNode?
        var afterTerminator = false
        let current = words.last ?? ""

        for word in words.dropLast() {
            if let option = pendingOption {
                given[option.key, default: []].append(word)
                pendingOption = nil
                continue
            }
            if afterTerminator {
                positionals.append(word)
                continue
            }
            if word == "--" {
                afterTerminator = true
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                let (spelling, inlineValue) = Self.split(word)
                guard let argument = command.argument(spelled: spelling) else { continue }
                if argument.takesValue {
                    if let inlineValue { given[argument.key, default: []].append(inlineValue) } else { pendingOption = argument }
                } else {
                    given[argument.key, default: []].append("")
                }
                continue
            }
            if positionals.isEmpty, let subcommand = command.subcommand(named: word) {
                command = subcommand
                path.append(subcommand.commandName)
                continue
            }
            positionals.append(word)
        }

        self.command = command
        self.commandPath = path
        self.given = given
        self.positionals = positionals
        if let option = pendingOption {
            target = .value(option, prefix: "", word: current)
        } else if !afterTerminator, current.hasPrefix("-") {
            let (spelling, inlineValue) = Self.split(current)
            if let inlineValue, let argument = command.argument(spelled: spelling), argument.takesValue {
                target = .value(argument, prefix: spelling + "=", word: inlineValue)
            } else {
                target = .name(word: current)
            }
        } else {
            target = .positionalOrSubcommand(word: current)
        }
    }

    /// `--context=prod` → (`--context`, `prod`); `--context` → (`--context`, nil).
    static func split(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    /// The positional argument the next positional value fills, if any.
    public var nextPositional: ArgumentNode? {
        let arguments = command.positionals
        if positionals.count < arguments.count { return arguments[positionals.count] }
        return arguments.last.flatMap { $0.isRepeating ? $0 : nil }
    }

    /// The last value given for a named argument (`--context`, `-n`).
    public func value(of key: String) -> String? {
        given[key]?.last
    }
}
