// The `kernel-args` kind: boot arguments that must be present in, or absent from,
// GRUB_CMDLINE_LINUX of /etc/default/grub, compared with /proc/cmdline for what the
// running kernel actually booted with.
public struct KernelArgumentsSpec: Sendable, Hashable, Codable {
    /// Tokens that must be there, e.g. `cgroup.memory=nokmem`. A token with the same key
    /// and another value is replaced.
    public var present: [String]
    /// Tokens that must not be there: `key=value` removes exactly that, a bare `key`
    /// removes the key with any value.
    public var absent: [String]
    /// The variable holding the arguments (GRUB_CMDLINE_LINUX; some images use
    /// GRUB_CMDLINE_LINUX_DEFAULT).
    public var variable: String

    public init(present: [String] = [], absent: [String] = [], variable: String = "GRUB_CMDLINE_LINUX") {
        self.present = present
        self.absent = absent
        self.variable = variable
    }
}

public enum KernelArguments {
    /// /etc/default/grub with the spec applied; every other line is kept as it was.
    public static func render(_ grub: String, _ spec: KernelArgumentsSpec) -> String {
        var lines = splitLines(grub)
        let assignments = ShellAssignment.find(spec.variable, in: lines.text)
        guard let last = assignments.last else {
            let value = ShellAssignment(lineIndex: 0, prefix: spec.variable + "=", value: "", quote: .double, suffix: "")
            lines.text.append(value.line(with: spec.present.joined(separator: " ")))
            return lines.joined()
        }
        var rewritten: [Int: [String]] = [:]
        for assignment in assignments {
            rewritten[assignment.lineIndex] = edit(words(assignment.value), spec)
        }
        let effective = effectiveTokens(assignments.map { rewritten[$0.lineIndex]! }, variable: spec.variable)
        let missing = spec.present.filter { !effective.contains($0) }
        rewritten[last.lineIndex]! += missing
        for assignment in assignments {
            let newValue = rewritten[assignment.lineIndex]!.joined(separator: " ")
            if newValue != words(assignment.value).joined(separator: " ") {
                lines.text[assignment.lineIndex] = assignment.line(with: newValue)
            }
        }
        return lines.joined()
    }

    /// The arguments the file gives the kernel, after `$GRUB_CMDLINE_LINUX` self-references.
    public static func configuredTokens(_ grub: String, variable: String = "GRUB_CMDLINE_LINUX") -> [String] {
        effectiveTokens(ShellAssignment.find(variable, in: splitLines(grub).text).map { words($0.value) }, variable: variable)
    }

    /// What `tokens` (from the file, or from /proc/cmdline) lacks or has too much.
    public static func unmet(_ tokens: [String], _ spec: KernelArgumentsSpec) -> (missing: [String], unwanted: [String]) {
        let missing = spec.present.filter { !tokens.contains($0) }
        let unwanted = tokens.filter { token in spec.absent.contains { matchesAbsent(token, $0) } }
        return (missing, unwanted)
    }

    /// /proc/cmdline split into arguments.
    public static func cmdlineTokens(_ cmdline: String) -> [String] {
        words(cmdline)
    }

    private static func edit(_ tokens: [String], _ spec: KernelArgumentsSpec) -> [String] {
        var result: [String] = []
        for token in tokens {
            if spec.absent.contains(where: { matchesAbsent(token, $0) }) { continue }
            if let replacement = spec.present.first(where: { key($0) == key(token) && !isReference(token) }) {
                if !result.contains(replacement) { result.append(replacement) }
                continue
            }
            result.append(token)
        }
        return result
    }

    private static func effectiveTokens(_ values: [[String]], variable: String) -> [String] {
        var current: [String] = []
        for tokens in values {
            current = tokens.flatMap { token in
                token == "$\(variable)" || token == "${\(variable)}" ? current : [token]
            }
        }
        return current
    }

    private static func matchesAbsent(_ token: String, _ absent: String) -> Bool {
        absent.contains("=") ? token == absent : key(token) == absent
    }

    private static func isReference(_ token: String) -> Bool { token.hasPrefix("$") }

    private static func key(_ token: String) -> Substring {
        token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }
}

/// A text file as lines, remembering whether it ended with a newline so a rewrite changes
/// nothing but the edited lines.
struct TextLines {
    var text: [String]
    var endsWithNewline: Bool

    func joined() -> String {
        text.joined(separator: "\n") + (endsWithNewline || text.isEmpty ? "\n" : "")
    }
}

func splitLines(_ content: String) -> TextLines {
    if content.isEmpty { return TextLines(text: [], endsWithNewline: true) }
    var lines = content.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let endsWithNewline = content.hasSuffix("\n")
    if endsWithNewline { lines.removeLast() }
    return TextLines(text: lines, endsWithNewline: endsWithNewline)
}
