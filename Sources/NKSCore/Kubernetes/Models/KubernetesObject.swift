// What every Kubernetes kind the plugins read shares: its kubectl resource name, whether it
// lives in a namespace, and its metadata; plus the List envelope `kubectl get -o json` prints.
import Foundation

public protocol KubernetesObject: Codable, Sendable {
    /// The name kubectl accepts for the kind, group-qualified where a bare name could be
    /// ambiguous with a CRD ("jobs.batch", not "jobs").
    static var resource: String { get }
    static var isNamespaced: Bool { get }
    var metadata: ObjectMeta { get }
    /// The API path of the whole collection of a cluster-scoped kind ("/api/v1/nodes"), for
    /// listing it page by page through the run's proxy; nil lists through kubectl.
    static var collectionPath: String? { get }
}

extension KubernetesObject {
    public static var collectionPath: String? { nil }
}

/// `{"kind": "List", "items": [...]}`, as `kubectl get RESOURCE -o json` prints it.
public struct KubernetesList<Item: KubernetesObject>: Decodable, Sendable {
    public var items: [Item]
    /// Set by the apiserver when a list asked with `limit` has more pages.
    public var continueToken: String?

    private enum CodingKeys: String, CodingKey { case items, metadata }
    private enum MetadataKeys: String, CodingKey { case `continue` }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // The apiserver sends `"items": null` for some empty lists.
        items = try container.decodeIfPresent([Item].self, forKey: .items) ?? []
        let metadata = try? container.nestedContainer(keyedBy: MetadataKeys.self, forKey: .metadata)
        continueToken = (try? metadata?.decodeIfPresent(String.self, forKey: .continue)).flatMap { $0?.isEmpty == false ? $0 : nil }
    }
}
