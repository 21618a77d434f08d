// The JSONPath subset CRDs use in additionalPrinterColumns and selectableFields:
// `.status.appliedRevision`, `.spec.items[0].name`, `.metadata.labels['app.kubernetes.io/name']`.
import Foundation

struct SimpleJSONPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    var steps: [Step]

    /// Nil for paths outside the subset (filters, wildcards, recursion).
    init?(_ text: String) {
        var steps: [Step] = []
        var rest = Substring(text.hasPrefix("{") && text.hasSuffix("}") ? String(text.dropFirst().dropLast()) : text)
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let key = rest[..<end]
                if key.isEmpty || key == "*" { return nil }
                steps.append(.key(String(key)))
                rest = rest[end...]
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                if let index = Int(inner) {
                    steps.append(.index(index))
                } else if inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else {
                    return nil
                }
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    func value(in object: JSONValue) -> JSONValue? {
        var current: JSONValue? = object
        for step in steps {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?[index]
            }
            if current == nil { return nil }
        }
        return current
    }
}
