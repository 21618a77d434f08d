// One simulated worker node as the lab's users see it.
import Foundation

public struct LabNode: Sendable, Hashable {
    public var name: String
    public var index: Int
    /// Loopback address; its sshd listens on port 22 there.
    public var address: String
    public var state: NodeState
    /// The sshd listener's pid while the node runs.
    public var pid: Int32?
    public var layout: NodeLayout
}

extension ScenarioValue {
    /// The same tree in the fake API server's value type.
    var json: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .array(let items): return .array(items.map(\.json))
        case .object(let fields): return .object(fields.mapValues(\.json))
        }
    }
}
