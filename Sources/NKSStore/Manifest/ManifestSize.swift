// A bound on how many YAML values the manifest reader may walk. Yams resolves an alias to
// the anchored node itself, so a small file of nested anchors and aliases stays small in
// memory but is walked once per reference: nine levels of nine aliases are 387 million
// values, a reader that never returns.
import Yams

enum ManifestSize {
    static let maxValues = 100_000

    /// Whether walking `root` would visit more than `limit` values; stops counting there.
    static func exceeds(_ root: Node, limit: Int = maxValues) -> Bool {
        var visited = 0
        var pending = [root]
        while let node = pending.popLast() {
            visited += 1
            if visited > limit { return true }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping { pending += [key, value] }
            case .sequence(let sequence):
                pending += Array(sequence)
            case .scalar, .alias:
                break
            }
        }
        return false
    }
}
