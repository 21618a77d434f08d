// The kubelet's config file as a KubeletConfigSummary, for when configz cannot be asked
// (the identity lacks nodes/proxy) and the file is read on the node instead.
import Foundation
import Yams

extension KubeletConfigSummary {
    /// A KubeletConfiguration file, YAML or JSON; nil when it is neither or says nothing we use.
    public static func parseFile(_ text: String) -> KubeletConfigSummary? {
        guard let summary = try? YAMLDecoder().decode(KubeletConfigSummary.self, from: text) else { return nil }
        return summary == KubeletConfigSummary() ? nil : summary
    }
}
