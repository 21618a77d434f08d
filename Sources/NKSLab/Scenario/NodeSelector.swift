// Which nodes of a scenario a group or override applies to; chosen by number so the same
// scenario scales from 3 test nodes to 1,000 demo nodes.
import Foundation


public struct NodeSelector: Codable, Sendable, Equatable {
    /// Every node.
    public var all: Bool?
    /// 1-based numbers and ranges: "1-3,7".
    public var indexes: String?
    /// With `offset`: the nodes whose number n satisfies n % every == offset % every.
    public var every: Int?
    public var offset: Int?
    /// A glob over node names ("worker-1*").
    public var names: String?

    public init(all: Bool? = nil, indexes: String? = nil, every: Int? = nil, offset: Int? = nil, names: String? = nil) {
        self.all = all
        self.indexes = indexes
        self.every = every
        self.offset = offset
        self.names = names
    }

    /// Whether node number `index` (1-based) named `name` is selected; any given criterion
    /// that matches selects it.
    public func selects(index: Int, name: String) throws(ScenarioError.Problem) -> Bool {
        if all == true { return true }
        if let indexes, try Self.parseIndexes(indexes).contains(where: { $0.contains(index) }) { return true }
        if let every {
            guard every > 0 else { throw .init("'every' must be a positive number, not \(every)") }
            if index % every == (offset ?? 0) % every { return true }
        }
        if let names, Glob(names).matches(name) { return true }
        return false
    }

    /// Checks the selector without applying it.
    func validate() throws(ScenarioError.Problem) {
        if all == nil, indexes == nil, every == nil, names == nil {
            throw .init("a node selector needs one of all, indexes, every or names")
        }
        _ = try selects(index: 1, name: "")
    }

    static func parseIndexes(_ text: String) throws(ScenarioError.Problem) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]), let high = Int(bounds.last!), low >= 1, low <= high else {
                throw .init("indexes '\(text)' must be numbers or ranges from 1, like \"1-3,7\"")
            }
            ranges.append(low...high)
        }
        return ranges
    }
}

/// Shell-style glob with `*` and `?`, enough for node names.
struct Glob {
    let pattern: [Character]
    init(_ pattern: String) { self.pattern = Array(pattern) }

    func matches(_ text: String) -> Bool { Self.match(pattern[...], Array(text)[...]) }

    private static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case "*":
            var rest = text
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        case "?": return !text.isEmpty && match(pattern.dropFirst(), text.dropFirst())
        default: return text.first == first && match(pattern.dropFirst(), text.dropFirst())
        }
    }
}
