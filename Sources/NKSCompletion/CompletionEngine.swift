// Turns the words typed after `kubectl nks-…` into candidates: subcommands and flags from
// the command tree, fixed values from the tree, everything else from a ValueSource.
public struct CompletionEngine: Sendable {
    public var root: CommandNode
    public var catalog: ValueCatalog
    public var lookups: any CompletionLookups

    public init(root: CommandNode, catalog: ValueCatalog, lookups: any CompletionLookups) {
        self.root = root
        self.catalog = catalog
        self.lookups = lookups
    }

    public func complete(_ words: [String]) async -> Completion {
        let typed = TypedWords(words.isEmpty ? [""] : words, root: root)
        switch typed.target {
        case .name(let word):
            return Completion(names(typed, word: word))
        case .value(let argument, let prefix, let word):
            return await values(of: argument, typed: typed, prefix: prefix, word: word)
        case .positionalOrSubcommand(let word):
            var candidates: [Candidate] = []
            if typed.positionals.isEmpty {
                // The library adds `help` to every root; `--help` is how kubectl users ask.
                candidates = typed.command.subcommands
                    .filter { $0.shouldDisplay && $0.commandName != "help" && $0.commandName.hasPrefix(word) }
                    .map { Candidate($0.commandName, $0.abstract) }
            }
            guard let positional = typed.nextPositional else { return Completion(candidates) }
            var completion = await values(of: positional, typed: typed, prefix: "", word: word)
            completion.candidates = candidates + completion.candidates
            return completion
        }
    }

    /// Flag and option names of the command, without the ones already given once.
    private func names(_ typed: TypedWords, word: String) -> [Candidate] {
        typed.command.named
            .filter { $0.shouldDisplay && ($0.isRepeating || typed.given[$0.key] == nil) }
            .flatMap { argument in
                argument.names
                    // Shorthands (`-n`) until a second dash makes the word a long name.
                    .filter { $0.kind == .long || !word.hasPrefix("--") }
                    .map { Candidate($0.spelling, argument.abstract) }
            }
            .filter { $0.value.hasPrefix(word) }
    }

    private func values(of argument: ArgumentNode, typed: TypedWords, prefix: String, word: String) async -> Completion {
        if let fixed = argument.allValues, !fixed.isEmpty {
            return Completion(fixed.filter { $0.hasPrefix(word) }.map { Candidate(prefix + $0) })
        }
        let source = catalog.source(for: argument) ?? argument.pathKind.map { $0 == .file ? .files : .directories } ?? .freeText
        switch source {
        case .files: return Completion([], .fileNames)
        case .directories: return Completion([], .filterDirectories)
        case .freeText: return .nothing
        case .choices(let values): return Completion(values.filter { $0.hasPrefix(word) }.map { Candidate(prefix + $0) })
        default: break
        }
        let found: [Candidate]
        do {
            found = try await lookups.values(source, typed: typed)
        } catch {
            return .nothing
        }
        let taken = Set(argument.kind == .positional ? typed.positionals : typed.given[argument.key] ?? [])
        switch source {
        case .labels:
            return selectorValues(found, prefix: prefix, word: word)
        case .nodeList:
            let (listPrefix, last) = Self.splitList(word)
            let named = Set(listPrefix.split(separator: ",").map(String.init))
            return Completion(found.filter { $0.value.hasPrefix(last) && !named.contains($0.value) }.map { Candidate(prefix + listPrefix + $0.value, $0.description) })
        case .revisions, .snapshots:
            return Completion(found.filter { $0.value.hasPrefix(word) }.map { Candidate(prefix + $0.value, $0.description) }, [.noFileCompletion, .keepOrder])
        default:
            return Completion(found.filter { $0.value.hasPrefix(word) && !taken.contains($0.value) }.map { Candidate(prefix + $0.value, $0.description) })
        }
    }

    /// `-l app=web,tier=` : the keys first (`tier=`, no space after), then the values of
    /// the key being typed; earlier requirements of the selector are kept.
    private func selectorValues(_ pairs: [Candidate], prefix: String, word: String) -> Completion {
        let (listPrefix, last) = Self.splitList(word)
        if last.contains("=") {
            return Completion(pairs.filter { $0.value.hasPrefix(last) }.map { Candidate(prefix + listPrefix + $0.value) })
        }
        var keys: [String] = []
        for pair in pairs {
            let key = String(pair.value.prefix { $0 != "=" }) + "="
            if key.hasPrefix(last), !keys.contains(key) { keys.append(key) }
        }
        return Completion(keys.map { Candidate(prefix + listPrefix + $0) }, [.noFileCompletion, .noSpace])
    }

    /// `a,b,c` → (`a,b,`, `c`).
    static func splitList(_ word: String) -> (String, String) {
        guard let comma = word.lastIndex(of: ",") else { return ("", word) }
        return (String(word[...comma]), String(word[word.index(after: comma)...]))
    }
}
