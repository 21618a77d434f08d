// nks-sync.kubectl-nks.io/v1alpha1 NodeConfigState: one small object per node, named after
// it and owned by its Node, through which in-cluster agents and the rollout driver talk.
// The driver writes only `spec`, the node's agent only `status` (through the status
// subresource). Its schema is deploy/crds/nodeconfigstates.yaml; keep the two in step.
import Foundation

public struct NodeConfigState: KubernetesObject, Hashable {
    public static let group = "nks-sync.kubectl-nks.io"
    public static let version = "v1alpha1"
    public static let apiVersion = "\(group)/\(version)"
    public static let kind = "NodeConfigState"
    public static let resource = "nodeconfigstates.\(group)"
    public static let collectionPath: String? = "/apis/\(group)/\(version)/nodeconfigstates"
    public static let isNamespaced = false

    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        apiVersion = Self.apiVersion
        kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The object for a node: named after it and owned by it, so it goes away with the node.
    public static func forNode(name: String, uid: String, spec: Spec? = nil) -> NodeConfigState {
        let owner = OwnerReference(apiVersion: "v1", kind: "Node", name: name, uid: uid)
        return NodeConfigState(metadata: ObjectMeta(name: name, ownerReferences: [owner]), spec: spec)
    }

    /// Written only by the side that drives rollouts.
    public struct Spec: Codable, Sendable, Hashable {
        /// The store revision (commit) the node should have.
        public var desiredRevision: String?
        /// Echoes `status.drainRequest` once the driver has cordoned and drained the node
        /// (the handshake of machine-config-operator's desiredDrain/lastAppliedDrain).
        public var drainAcknowledged: String?

        public init(desiredRevision: String? = nil, drainAcknowledged: String? = nil) {
            self.desiredRevision = desiredRevision
            self.drainAcknowledged = drainAcknowledged
        }
    }

    /// Written only by the node's agent.
    public struct Status: Codable, Sendable, Hashable {
        public var agentVersion: String?
        /// The last `spec.desiredRevision` the agent has seen.
        public var observedRevision: String?
        /// The last revision whose entries were all written on the node.
        public var appliedRevision: String?
        public var phase: Phase?
        /// "drain-REVISION" while an entry waits for the node to be drained.
        public var drainRequest: String?
        public var entries: [Entry]?
        /// One short line (the CRD allows 256 characters).
        public var message: String?
        public var lastCheckTime: Date?

        public init(
            agentVersion: String? = nil, observedRevision: String? = nil, appliedRevision: String? = nil, phase: Phase? = nil,
            drainRequest: String? = nil, entries: [Entry]? = nil, message: String? = nil, lastCheckTime: Date? = nil
        ) {
            self.agentVersion = agentVersion
            self.observedRevision = observedRevision
            self.appliedRevision = appliedRevision
            self.phase = phase
            self.drainRequest = drainRequest
            self.entries = entries
            self.message = message
            self.lastCheckTime = lastCheckTime
        }
    }

    public enum Phase: String, Codable, Sendable, Hashable, CaseIterable {
        case pending = "Pending"
        case applying = "Applying"
        case awaitingDrain = "AwaitingDrain"
        case rebooting = "Rebooting"
        case applied = "Applied"
        case degraded = "Degraded"
    }

    /// One managed file as the agent last found it: no content, only its digest.
    public struct Entry: Codable, Sendable, Hashable {
        public var path: String
        /// One of `states`: the vocabulary of `kubectl nks-sync status` (NKSStore's
        /// EntryState raw values), kept as text because NKSCore cannot see NKSStore.
        public var state: String
        /// Lowercase hex SHA-256 of the node's file, only when it differs from the applied
        /// revision's manifest (an in-sync file has the manifest's digest; a missing or
        /// unreadable one has none): this keeps 20 in-sync entries near 1 KiB.
        public var sha256: String?

        public init(path: String, state: String, sha256: String? = nil) {
            self.path = path
            self.state = state
            self.sha256 = sha256
        }
    }

    /// The entry states the CRD's enum allows, equal to EntryState's raw values.
    public static let states = [
        "in-sync", "drifted", "missing", "unreadable", "pending-restart", "pending-reboot", "not-applicable", "unreachable",
    ]
}
