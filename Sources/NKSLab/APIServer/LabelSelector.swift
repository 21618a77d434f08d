// Label selectors in the syntax kubectl sends (`a=b,c!=d,e in (f,g),h notin (i),j,!k`),
// parsed once per request and matched against metadata.labels.
import Foundation

struct LabelSelector: Sendable, Hashable {
    enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)

        func matches(_ labels: [String: JSONValue]) -> Bool {
            switch self {
            case .equals(let key, let value): return labels[key]?.stringValue == value
            case .notEquals(let key, let value): return labels[key]?.stringValue != value
            case .isIn(let key, let values): return labels[key]?.stringValue.map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key]?.stringValue.map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])

    /// Parses a selector; the error text is what the apiserver says for a bad one.
    init(parsing text: String) throws(APIStatus) {
        var requirements: [Requirement] = []
        for clause in Self.splitClauses(text) {
            let clause = clause.trimmingCharacters(in: .whitespaces)
            if clause.isEmpty { continue }
            requirements.append(try Self.parseRequirement(clause, in: text))
        }
        self.requirements = requirements
    }

    init(requirements: [Requirement]) { self.requirements = requirements }

    func matches(_ object: JSONValue) -> Bool {
        if requirements.isEmpty { return true }
        let labels = object[path: "metadata", "labels"]?.objectValue ?? [:]
        return requirements.allSatisfy { $0.matches(labels) }
    }

    /// Splits on commas that are not inside `( … )`.
    private static func splitClauses(_ text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: clauses.append(current); current = ""
            default: current.append(character)
            }
        }
        clauses.append(current)
        return clauses
    }

    private static func parseRequirement(_ clause: String, in selector: String) throws(APIStatus) -> Requirement {
        func invalid(_ why: String) -> APIStatus {
            APIStatus.badRequest("unable to parse requirement: \(why) in label selector \"\(selector)\"")
        }
        if clause.hasPrefix("!") {
            let key = clause.dropFirst().trimmingCharacters(in: .whitespaces)
            guard isValidKey(key) else { throw invalid("invalid label key \"\(key)\"") }
            return .doesNotExist(key)
        }
        for (symbol, build) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = clause.range(of: symbol) {
                let key = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard isValidKey(key) else { throw invalid("invalid label key \"\(key)\"") }
                return build(key, value)
            }
        }
        let words = clause.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let key = words[0]
            let rest = words[1].trimmingCharacters(in: .whitespaces)
            let isNotIn = rest.hasPrefix("notin")
            guard isNotIn || rest.hasPrefix("in") else { throw invalid("found '\(rest)', expected: in, notin, =, ==, !=") }
            let list = rest.dropFirst(isNotIn ? 5 : 2).trimmingCharacters(in: .whitespaces)
            guard list.hasPrefix("("), list.hasSuffix(")") else { throw invalid("expected a list of values in parentheses after '\(key)'") }
            let values = Set(list.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            guard isValidKey(key) else { throw invalid("invalid label key \"\(key)\"") }
            return isNotIn ? .notIn(key, values) : .isIn(key, values)
        }
        guard isValidKey(clause) else { throw invalid("invalid label key \"\(clause)\"") }
        return .exists(clause)
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    }
}
