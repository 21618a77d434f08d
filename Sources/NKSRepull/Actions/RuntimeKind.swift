// The node's container runtime as far as image commands go, from the Node's
// containerRuntimeVersion ("docker://20.10.7", "containerd://1.7.13", "cri-o://1.29.1").
import NKSCore

public enum RuntimeKind: String, Sendable, Hashable, Codable {
    case docker
    case containerd
    case crio = "cri-o"
    case other

    public init(node: Node?) {
        switch node?.containerRuntime {
        case "docker": self = .docker
        case "containerd": self = .containerd
        case "cri-o": self = .crio
        default: self = .other
        }
    }
}

/// "1.7.13" → (1, 7); "v1.23.17-eks" → (1, 23).
func majorMinor(_ version: String?) -> (Int, Int)? {
    guard var text = version else { return nil }
    if text.hasPrefix("v") { text.removeFirst() }
    let parts = text.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}
