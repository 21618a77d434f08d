// A plugin's commands, flags and arguments as swift-argument-parser itself describes them
// (`--experimental-dump-help`), so completion and the generated reference follow the
// definitions instead of a copy kept by hand.
import ArgumentParser
import Foundation

/// One command of the tree. The fields mirror the library's ToolInfoV0 JSON; its own
/// types live in a module the package does not export as a product, so they cannot be
/// imported, and only what completion and the reference need is decoded here.
public struct CommandNode: Decodable, Sendable, Hashable {
    public var commandName: String
    public var aliases: [String]?
    public var abstract: String?
    public var discussion: String?
    public var shouldDisplay: Bool
    public var subcommands: [CommandNode]
    public var arguments: [ArgumentNode]

    enum CodingKeys: String, CodingKey {
        case commandName, aliases, abstract, discussion, shouldDisplay, subcommands, arguments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commandName = try container.decode(String.self, forKey: .commandName)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
        abstract = try container.decodeIfPresent(String.self, forKey: .abstract)
        discussion = try container.decodeIfPresent(String.self, forKey: .discussion)
        shouldDisplay = try container.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        subcommands = try container.decodeIfPresent([CommandNode].self, forKey: .subcommands) ?? []
        arguments = try container.decodeIfPresent([ArgumentNode].self, forKey: .arguments) ?? []
    }

    /// The subcommand called `name` (or one of its aliases).
    public func subcommand(named name: String) -> CommandNode? {
        subcommands.first { $0.commandName == name || ($0.aliases ?? []).contains(name) }
    }

    public var positionals: [ArgumentNode] { arguments.filter { $0.kind == .positional } }
    public var named: [ArgumentNode] { arguments.filter { $0.kind != .positional } }

    /// The named argument that `spelling` (`--context`, `-n`) stands for.
    public func argument(spelled spelling: String) -> ArgumentNode? {
        named.first { $0.spellings.contains(spelling) }
    }
}

public struct ArgumentNode: Decodable, Sendable, Hashable {
    public enum Kind: String, Decodable, Sendable { case positional, option, flag }

    public struct Name: Decodable, Sendable, Hashable {
        public enum Kind: String, Decodable, Sendable { case long, short, longWithSingleDash }
        public var kind: Kind
        public var name: String

        /// As typed on the command line: `--context`, `-n`, `-context`.
        public var spelling: String {
            switch kind {
            case .long: "--" + name
            case .short, .longWithSingleDash: "-" + name
            }
        }
    }

    /// Only the two kinds that change what a shell should offer; the rest is nil.
    public enum PathKind: Sendable, Hashable { case file, directory }

    public var kind: Kind
    public var shouldDisplay: Bool
    public var isOptional: Bool
    public var isRepeating: Bool
    public var names: [Name]
    public var preferredName: Name?
    public var valueName: String?
    public var defaultValue: String?
    public var allValues: [String]?
    public var abstract: String?
    public var pathKind: PathKind?

    enum CodingKeys: String, CodingKey {
        case kind, shouldDisplay, isOptional, isRepeating, names, preferredName, valueName, defaultValue, allValues, abstract, completionKind
    }

    /// The library encodes its completion kinds as a single-key object, e.g. `{"file": {…}}`.
    private struct CompletionKindKeys: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        shouldDisplay = try container.decodeIfPresent(Bool.self, forKey: .shouldDisplay) ?? true
        isOptional = try container.decodeIfPresent(Bool.self, forKey: .isOptional) ?? false
        isRepeating = try container.decodeIfPresent(Bool.self, forKey: .isRepeating) ?? false
        names = try container.decodeIfPresent([Name].self, forKey: .names) ?? []
        preferredName = try container.decodeIfPresent(Name.self, forKey: .preferredName)
        valueName = try container.decodeIfPresent(String.self, forKey: .valueName)
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        allValues = try container.decodeIfPresent([String].self, forKey: .allValues)
        abstract = try container.decodeIfPresent(String.self, forKey: .abstract)
        if container.contains(.completionKind) {
            let completion = try container.nestedContainer(keyedBy: CompletionKindKeys.self, forKey: .completionKind)
            let keys = Set(completion.allKeys.map(\.stringValue))
            pathKind = keys.contains("file") ? .file : keys.contains("directory") ? .directory : nil
        }
    }

    public var spellings: [String] { names.map(\.spelling) }

    /// How the argument is known in value catalogues: its long name for a named argument
    /// (`context`), its value name for a positional one (`nodes`).
    public var key: String {
        if kind == .positional { return valueName ?? "" }
        return (names.first { $0.kind == .long } ?? preferredName ?? names.first)?.name ?? ""
    }

    public var takesValue: Bool { kind != .flag }
}

public enum CommandTreeError: Error, CustomStringConvertible {
    case noDescription(String)

    public var description: String {
        switch self {
        case .noDescription(let command): "\(command) did not describe its arguments"
        }
    }
}

extension CommandNode {
    /// The tree of `command`, from the description swift-argument-parser prints for
    /// `--experimental-dump-help` — asked in-process, without starting the executable.
    public static func describing(_ command: any ParsableCommand.Type) throws -> CommandNode {
        do {
            _ = try command.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let json = command.fullMessage(for: error)
            if let tree = try? JSONDecoder().decode(ToolDescription.self, from: Data(json.utf8)) { return tree.command }
        }
        throw CommandTreeError.noDescription(String(describing: command))
    }

    private struct ToolDescription: Decodable {
        var command: CommandNode
    }
}
