// The `repull:` section of nks-sync.yaml: what the operator lets `kubectl nks-repull` do —
// the registries whose images may be pulled from the internal mirror, and the base images
// `--defaults` restores. Kept with the node configuration because the same operator owns
// both; nks-repull checks the values themselves (image grammar), so each keeps its line.
import Foundation
import Yams

public struct RepullSection: Sendable, Hashable {
    /// A value with the manifest line it came from, for messages.
    public struct Located: Sendable, Hashable {
        public var value: String
        public var line: Int?
        public init(_ value: String, line: Int?) {
            self.value = value
            self.line = line
        }
    }

    /// Registry hosts, or host/namespace prefixes ("gcr.io/google_containers"); nil when
    /// the manifest does not say (nks-repull then uses its own default list).
    public var mirrorRegistries: [Located]?
    /// Image references with tags, e.g. "registry.k8s.io/pause:3.10".
    public var defaultImages: [Located]

    public init(mirrorRegistries: [Located]? = nil, defaultImages: [Located] = []) {
        self.mirrorRegistries = mirrorRegistries
        self.defaultImages = defaultImages
    }
}

extension ManifestParser.Reader {
    mutating func repull(_ node: Node) -> RepullSection {
        var section = RepullSection()
        guard let pairs = mapping(node, "repull", allowed: ["mirrorRegistries", "defaultImages"]) else { return section }
        for (key, value) in pairs {
            switch key {
            case "mirrorRegistries": section.mirrorRegistries = located(value, "repull.mirrorRegistries")
            case "defaultImages": section.defaultImages = located(value, "repull.defaultImages")
            default: break
            }
        }
        return section
    }

    private mutating func located(_ node: Node, _ what: String) -> [RepullSection.Located] {
        guard case .sequence(let items) = node else {
            fail(node, "\(what) must be a list of strings")
            return []
        }
        return items.compactMap { item in
            guard let text = string(item, what) else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.contains(where: \.isWhitespace) {
                fail(item, "\(what): \(text.debugDescription) is not a single name")
                return nil
            }
            return RepullSection.Located(trimmed, line: item.mark?.line)
        }
    }
}
