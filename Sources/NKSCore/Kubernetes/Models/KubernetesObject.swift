// What every Kubernetes kind the plugins read shares: its kubectl resource name, whether it
// lives in a namespace, and its metadata; plus the List envelope `kubectl get -o json` prints.
import Foundation

public protocol KubernetesObject: Codable, Sendable {
    /// The name kubectl accepts for the kind, group-qualified where a bare name could be
    /// ambiguous with a CRD ("jobs.batch", not "jobs").
    static var resource: String { get }
    static var isNamespaced: Bool { get }
    var metadata: ObjectMeta { get }
}

/// `{"kind": "List", "items": [...]}`, as `kubectl get RESOURCE -o json` prints it.
public struct KubernetesList<Item: KubernetesObject>: Decodable, Sendable {
    public var items: [Item]

    private enum CodingKeys: String, CodingKey { case items }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The apiserver sends `"items": null` for some empty lists.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
