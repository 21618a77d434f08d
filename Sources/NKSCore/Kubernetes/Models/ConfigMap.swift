// core/v1 ConfigMap: the metadata and text data of an object the plugins publish and read
// back (revision bundles).
import Foundation

public struct ConfigMap: KubernetesObject, Hashable {
    public static let resource = "configmaps"
    public static let isNamespaced = true

    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var immutable: Bool?

    public init(metadata: ObjectMeta, data: [String: String]? = nil, immutable: Bool? = nil) {
        self.metadata = metadata
        self.data = data
        self.immutable = immutable
    }
}
