// Kubernetes label selectors (`a=b,c!=d,e in (x,y),!f`), parsed once so groups can be
// matched locally against nodes already listed.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    let requirements: [Requirement]
    public let description: String

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws {
        description = text
        var requirements: [Requirement] = []
        for part in Self.splitTopLevel(text) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { throw ParseError(description: "empty requirement in selector '\(text)'") }
            requirements.append(try Self.parseRequirement(item, in: text))
        }
        self.requirements = requirements
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 { parts.append(current); current = ""; continue }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    private static func parseRequirement(_ item: String, in text: String) throws -> Requirement {
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        if words.count >= 2, ["in", "notin"].contains(words[1]) {
            let key = String(words[0])
            let rest = item.drop(while: { $0 != "(" })
            guard rest.hasPrefix("("), rest.hasSuffix(")") else {
                throw ParseError(description: "'\(item)' in selector '\(text)': values must be in parentheses, e.g. \(key) in (a,b)")
            }
            let values = Set(rest.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            try validateKey(key, in: text)
            return words[1] == "in" ? .isIn(key, values) : .notIn(key, values)
        }
        if let range = item.range(of: "!=") {
            let key = item[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            try validateKey(key, in: text)
            return .notEquals(key, item[range.upperBound...].trimmingCharacters(in: .whitespaces))
        }
        if let range = item.range(of: "==") ?? item.range(of: "=") {
            let key = item[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            try validateKey(key, in: text)
            let value = item[range.upperBound...].trimmingCharacters(in: .whitespaces)
            try validateValue(value, in: text)
            return .equals(key, value)
        }
        if item.hasPrefix("!") {
            let key = item.dropFirst().trimmingCharacters(in: .whitespaces)
            try validateKey(key, in: text)
            return .doesNotExist(key)
        }
        try validateKey(item, in: text)
        return .exists(item)
    }

    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    private static func validateKey(_ key: String, in text: String) throws {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let name = parts.last, !name.isEmpty, name.count <= 63,
              name.allSatisfy(nameCharacters.contains), name.first!.isLetter || name.first!.isNumber,
              parts.count == 1 || (!parts[0].isEmpty && parts[0].allSatisfy { nameCharacters.contains($0) })
        else {
            throw ParseError(description: "'\(key)' in selector '\(text)' is not a valid label key")
        }
    }

    private static func validateValue(_ value: String, in text: String) throws {
        guard value.count <= 63, value.allSatisfy(nameCharacters.contains) else {
            throw ParseError(description: "'\(value)' in selector '\(text)' is not a valid label value")
        }
    }
}
