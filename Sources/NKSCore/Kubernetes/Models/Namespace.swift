// core/v1 Namespace: enough to list namespaces and see whether one is going away.
import Foundation

public struct Namespace: KubernetesObject, Hashable {
    public static let resource = "namespaces"
    public static let isNamespaced = false

    public var metadata: ObjectMeta
    public var status: Status?

    public struct Status: Codable, Sendable, Hashable {
        /// "Active" or "Terminating".
        public var phase: String?
    }

    public init(metadata: ObjectMeta, status: Status? = nil) {
        self.metadata = metadata
        self.status = status
    }
}
