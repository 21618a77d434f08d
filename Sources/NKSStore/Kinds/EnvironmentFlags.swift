// The `env-flags` kind: command-line flags ensured in a variable such as
// KUBELET_EXTRA_ARGS, in an env file (/etc/sysconfig/kubelet, /etc/default/kubelet) or a
// systemd drop-in (`Environment="KUBELET_EXTRA_ARGS=…"`). Flags the node has for itself
// (--node-labels, --node-ip) are kept.
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
    /// The file with the flags applied. When the variable is not assigned anywhere, an
    /// assignment is added in the file's own style (systemd drop-ins get `Environment=`).
    public static func render(_ content: String, _ spec: EnvironmentFlagsSpec) -> String {
        var lines = splitLines(content)
        let assignments = ShellAssignment.find(spec.variable, in: lines.text)
        guard let last = assignments.last else {
            let flags = spec.set.keys.sorted().map { flagText($0, spec.set[$0]!) }.joined(separator: " ")
            let isUnit = lines.text.contains { $0.hasPrefix("[Service]") || $0.hasPrefix("Environment=") }
            lines.text.append(isUnit ? "Environment=\"\(spec.variable)=\(flags)\"" : ShellAssignment(lineIndex: 0, prefix: spec.variable + "=", value: "", quote: .double, suffix: "").line(with: flags))
            return lines.joined()
        }
        var placed = Set<String>()
        for assignment in assignments {
            var tokens: [String] = []
            for flag in parseFlags(assignment.value) {
                if spec.remove.contains(flag.name) { continue }
                if let value = spec.set[flag.name] {
                    if placed.insert(flag.name).inserted { tokens.append(flagText(flag.name, value)) }
                    continue
                }
                tokens.append(flag.text)
            }
            if assignment.lineIndex == last.lineIndex {
                for name in spec.set.keys.sorted() where !placed.contains(name) {
                    tokens.append(flagText(name, spec.set[name]!))
                }
            }
            let newValue = tokens.joined(separator: " ")
            if newValue != parseFlags(assignment.value).map(\.text).joined(separator: " ") {
                lines.text[assignment.lineIndex] = assignment.line(with: newValue)
            }
        }
        return lines.joined()
    }

    /// The flags (name → value) the file gives the daemon; the last occurrence wins, as
    /// for Go's flag parsing.
    public static func flags(in content: String, variable: String) -> [String: String] {
        var result: [String: String] = [:]
        for assignment in ShellAssignment.find(variable, in: splitLines(content).text) {
            for flag in parseFlags(assignment.value) { result[flag.name] = flag.value }
        }
        return result
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

    struct Flag { var name: String; var value: String; var text: String }

    /// Splits `--a=1 --b 2 --c` into flags; a word after a flag without `=` is its value
    /// unless it is itself a flag.
    static func parseFlags(_ value: String) -> [Flag] {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var flags: [Flag] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("-") {
                if let equals = word.firstIndex(of: "=") {
                    flags.append(Flag(name: String(word[..<equals]), value: String(word[word.index(after: equals)...]), text: word))
                } else if index + 1 < words.count, !words[index + 1].hasPrefix("-") {
                    flags.append(Flag(name: word, value: words[index + 1], text: word + " " + words[index + 1]))
                    index += 1
                } else {
                    flags.append(Flag(name: word, value: "", text: word))
                }
            } else {
                flags.append(Flag(name: word, value: "", text: word))
            }
            index += 1
        }
        return flags
    }

    private static func flagText(_ name: String, _ value: String) -> String {
        value.isEmpty ? name : "\(name)=\(value)"
    }
}
