// The `env-flags` kind: command-line flags ensured in a variable such as
// KUBELET_EXTRA_ARGS, in a systemd EnvironmentFile (/etc/sysconfig/kubelet,
// /etc/default/kubelet, /var/lib/kubelet/kubeadm-flags.env) or a drop-in's `Environment=`.
// Files are read with systemd's rules (SystemdEnvironmentFile, SystemdUnitFile), since
// systemd is what hands the value to the kubelet; a rewrite touches only the flags the spec
// names. Flags the node has for itself (--node-labels, --node-ip) are kept.
public struct EnvironmentFlagsSpec: Sendable, Hashable, Codable {
    public var variable: String
    /// Flag → value; an empty value means a flag without a value (`--flag`).
    public var set: [String: String]
    /// Flags that must not be there, with whatever value.
    public var remove: [String]

    public init(variable: String = "KUBELET_EXTRA_ARGS", set: [String: String] = [:], remove: [String] = []) {
        self.variable = variable
        self.set = set
        self.remove = remove
    }
}

public enum EnvironmentFlags {
    /// How systemd reads the file at `path`: a unit file or drop-in, or an EnvironmentFile.
    static func syntax(forPath path: String, content: String) -> AssignmentSyntax {
        if path.hasSuffix(".service") || (path.contains(".service.d/") && path.hasSuffix(".conf")) { return .unitFile }
        return content.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "[Service]" } ? .unitFile : .environmentFile
    }

    /// The assignment of `variable` systemd keeps: the last one (after the last empty
    /// `Environment=` of a unit file).
    static func effectiveAssignment(of variable: String, in content: String, syntax: AssignmentSyntax) -> SpelledAssignment? {
        switch syntax {
        case .environmentFile:
            return SystemdEnvironmentFile.assignments(in: content).last { $0.name == variable }
        case .unitFile:
            var found: SpelledAssignment?
            for directive in SystemdUnitFile.directives(in: content) {
                switch directive {
                case .environment(let assignment) where assignment.name == variable: found = assignment
                case .resetEnvironment: found = nil
                default: break
                }
            }
            return found
        }
    }

    /// The value systemd gives `variable` from this file alone, or nil when it assigns none.
    public static func value(of variable: String, in content: String, path: String) -> String? {
        effectiveAssignment(of: variable, in: content, syntax: syntax(forPath: path, content: content))?.value
    }

    /// The flags (name → value) the file gives the daemon through `variable`; the last
    /// occurrence of a flag wins, as for Go's flag parsing.
    public static func flags(in content: String, variable: String, path: String) -> [String: String] {
        flags(of: value(of: variable, in: content, path: path) ?? "")
    }

    /// The flags of a value such as `--a=1 --b 2 --c`.
    public static func flags(of value: String) -> [String: String] {
        var result: [String: String] = [:]
        for flag in parseFlags(value.split(whereSeparator: \.isWhitespace).map(String.init)) { result[flag.name] = flag.value }
        return result
    }

    /// The file with the spec applied to the assignment systemd keeps. Each flag stays in the
    /// form it is written in (`--flag=value` or `--flag value`); missing flags are appended
    /// as `--flag=value`. When the variable is not assigned, an assignment is added in the
    /// file's own syntax (`Environment="…"` in a unit file).
    public static func render(_ content: String, _ spec: EnvironmentFlagsSpec, path: String) -> String {
        let syntax = syntax(forPath: path, content: content)
        guard let assignment = effectiveAssignment(of: spec.variable, in: content, syntax: syntax) else {
            let flags = spec.set.keys.sorted().map { flagText($0, spec.set[$0]!) }.joined(separator: " ")
            if flags.isEmpty { return content }
            var text = content
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            // A last line ending in a backslash would continue onto the added one: an empty
            // line ends the continuation first.
            if text.dropLast().reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 { text += "\n" }
            switch syntax {
            case .unitFile:
                let lastSection = text.split(separator: "\n").last { $0.hasPrefix("[") }
                if lastSection?.trimmingCharacters(in: .whitespaces) != "[Service]" { text += "[Service]\n" }
                text += "Environment=\"" + SystemdUnitFile.encode(spec.variable + "=" + flags, .double) + "\"\n"
            case .environmentFile:
                text += spec.variable + "=\"" + SystemdEnvironmentFile.encode(flags, .double) + "\"\n"
            }
            return text
        }
        let words = assignment.words.map(\.text)
        var edits: [ValueEditor.Edit] = []
        var placed = Set<String>()
        for flag in parseFlags(words) {
            if spec.remove.contains(flag.name) {
                edits.append(.remove(word: flag.nameWord))
                if let valueWord = flag.valueWord { edits.append(.remove(word: valueWord)) }
                continue
            }
            guard let wanted = spec.set[flag.name] else { continue }
            // A later duplicate would override the value set here: it goes.
            guard placed.insert(flag.name).inserted else {
                edits.append(.remove(word: flag.nameWord))
                if let valueWord = flag.valueWord { edits.append(.remove(word: valueWord)) }
                continue
            }
            if flag.value == wanted, flag.hasValue == !wanted.isEmpty { continue }
            if let valueWord = flag.valueWord {
                if wanted.isEmpty { edits.append(.remove(word: valueWord)) } else { edits.append(.replace(word: valueWord, with: wanted)) }
            } else {
                edits.append(.replace(word: flag.nameWord, with: flagText(flag.name, wanted)))
            }
        }
        let missing = spec.set.keys.sorted().filter { !placed.contains($0) }.map { flagText($0, spec.set[$0]!) }
        if edits.isEmpty && missing.isEmpty { return content }
        return ValueEditor.apply(edits, appending: missing, to: assignment, in: content)
    }

    /// Flags whose value differs from the spec, flags missing, and flags that must go.
    public static func unmet(_ flags: [String: String], _ spec: EnvironmentFlagsSpec) -> [String] {
        var problems: [String] = []
        for name in spec.set.keys.sorted() {
            switch flags[name] {
            case nil: problems.append("\(name) missing")
            case let value? where value != spec.set[name]!: problems.append("\(name)=\(value), want \(spec.set[name]!)")
            default: break
            }
        }
        for name in spec.remove.sorted() where flags[name] != nil {
            problems.append("\(name) must be removed")
        }
        return problems
    }

    struct Flag {
        var name: String
        var value: String
        var hasValue: Bool
        var nameWord: Int
        var valueWord: Int?
    }

    /// Splits `--a=1 --b 2 --c` into flags; a word after a flag without `=` is its value
    /// unless it is itself a flag. Words that are not flags are left out.
    static func parseFlags(_ words: [String]) -> [Flag] {
        var flags: [Flag] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            defer { index += 1 }
            guard word.hasPrefix("-") else { continue }
            if let equals = word.firstIndex(of: "=") {
                flags.append(Flag(name: String(word[..<equals]), value: String(word[word.index(after: equals)...]), hasValue: true, nameWord: index))
            } else if index + 1 < words.count, !words[index + 1].hasPrefix("-") {
                flags.append(Flag(name: word, value: words[index + 1], hasValue: true, nameWord: index, valueWord: index + 1))
                index += 1
            } else {
                flags.append(Flag(name: word, value: "", hasValue: false, nameWord: index))
            }
        }
        return flags
    }

    private static func flagText(_ name: String, _ value: String) -> String {
        value.isEmpty ? name : "\(name)=\(value)"
    }
}
