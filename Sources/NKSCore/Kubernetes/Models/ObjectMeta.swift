// metav1.ObjectMeta and OwnerReference: the fields the plugins read to name, relate and
// date objects.
import Foundation

public struct ObjectMeta: Codable, Sendable, Hashable {
    /// Always set on objects the apiserver returns; empty only for hand-made values.
    public var name: String
    public var namespace: String?
    public var uid: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var creationTimestamp: Date?
    public var deletionTimestamp: Date?
    public var ownerReferences: [OwnerReference]?
    public var resourceVersion: String?

    public init(
        name: String,
        namespace: String? = nil,
        uid: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        creationTimestamp: Date? = nil,
        deletionTimestamp: Date? = nil,
        ownerReferences: [OwnerReference]? = nil,
        resourceVersion: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.labels = labels
        self.annotations = annotations
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.ownerReferences = ownerReferences
        self.resourceVersion = resourceVersion
    }

    private enum CodingKeys: String, CodingKey {
        case name, namespace, uid, labels, annotations, creationTimestamp, deletionTimestamp
        case ownerReferences, resourceVersion
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        uid = try c.decodeIfPresent(String.self, forKey: .uid)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations)
        creationTimestamp = try c.decodeIfPresent(Date.self, forKey: .creationTimestamp)
        deletionTimestamp = try c.decodeIfPresent(Date.self, forKey: .deletionTimestamp)
        ownerReferences = try c.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences)
        resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
    }

    /// The controlling owner (a Job for its pods, a CronJob for its jobs), if any.
    public var controller: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }
}

public struct OwnerReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// A pointer to another object (an event's subject, a CronJob's running jobs).
public struct ObjectReference: Codable, Sendable, Hashable {
    public var kind: String?
    public var name: String?
    public var namespace: String?
    public var uid: String?
    /// e.g. "spec.containers{app}": which container of a pod the event is about.
    public var fieldPath: String?

    public init(kind: String? = nil, name: String? = nil, namespace: String? = nil, uid: String? = nil, fieldPath: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.fieldPath = fieldPath
    }
}
