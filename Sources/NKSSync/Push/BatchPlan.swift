// The ramp of a rollout: `--batches 1,5,25%` is a canary of one node, then five, then a
// quarter of the nodes at a time until all are done.
public struct BatchPlan: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case count(Int)
        case percent(Int)
    }

    let steps: [Step]

    public init(_ text: String) throws {
        var steps: [Step] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.hasSuffix("%"), let percent = Int(item.dropLast()), (1...100).contains(percent) {
                steps.append(.percent(percent))
            } else if let count = Int(item), count > 0 {
                steps.append(.count(count))
            } else {
                throw BatchPlanError(description: "'\(item)' in '\(text)' is neither a node count (5) nor a percentage (25%)")
            }
        }
        self.steps = steps
    }

    /// Batch sizes for `total` nodes; the last step repeats until every node is covered.
    public func sizes(total: Int) -> [Int] {
        guard total > 0 else { return [] }
        var sizes: [Int] = []
        var remaining = total
        var index = 0
        while remaining > 0 {
            let step = steps[min(index, steps.count - 1)]
            let size: Int
            switch step {
            case .count(let count): size = count
            case .percent(let percent): size = max(1, (total * percent + 99) / 100)
            }
            sizes.append(min(size, remaining))
            remaining -= min(size, remaining)
            index += 1
        }
        return sizes
    }
}

public struct BatchPlanError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// `N` or `P%` of a total, for --max-unavailable and --max-failures.
public struct Threshold: Sendable, Hashable {
    let value: Int
    let isPercent: Bool

    public init(_ text: String) throws {
        if text.hasSuffix("%"), let percent = Int(text.dropLast()), (0...100).contains(percent) {
            value = percent
            isPercent = true
        } else if let count = Int(text), count >= 0 {
            value = count
            isPercent = false
        } else {
            throw BatchPlanError(description: "'\(text)' is neither a count (2) nor a percentage (10%)")
        }
    }

    public func count(of total: Int) -> Int {
        isPercent ? total * value / 100 : value
    }
}
