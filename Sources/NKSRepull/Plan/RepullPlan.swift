// The plan (and, after a run, the report): per failing container its cause, the text the
// cause was read from and the actions; the `-o json` shape of the issue.
import Foundation

public struct RepullReport: Codable, Sendable, Hashable {
    public var items: [RepullItem]
    public init(items: [RepullItem]) { self.items = items }
}

public struct RepullItem: Codable, Sendable, Hashable {
    public var namespace: String
    public var pod: String
    public var container: String
    public var image: String
    public var node: String?
    public var runtime: String?
    public var cause: PullCause
    public var message: String
    public var actions: [RepullAction]
}

public struct RepullAction: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// Pull from the mirror, tag as the original reference, remove the mirror tag.
        case mirrorPull = "mirror-pull"
        /// Pull the original reference with the runtime's own CLI (no kubelet deadline).
        case prePull = "pre-pull"
        /// containerd's io.cri-containerd.pinned=pinned label: kubelet image GC skips it.
        case pin
        case deletePod = "delete-pod"
        case rewriteImage = "rewrite-image"
        case patchTemplate = "patch-template"
        case kubeletSetting = "kubelet-setting"
        case pullSecrets = "pull-secrets"
        case advice
    }

    public enum Status: String, Codable, Sendable, Hashable {
        /// Will be carried out (without --dry-run, once confirmed).
        case planned
        /// Advice for a person; nks-repull does not carry it out.
        case proposed
        case done
        case failed
        case skipped
    }

    public var kind: Kind
    public var detail: String
    public var status: Status
    /// For mirror pulls: the registry and namespace of the image the pod asked for, so a
    /// reader sees whose image the node's mirror credentials would stand in for.
    public var origin: ImageOrigin?

    public init(_ kind: Kind, _ detail: String, status: Status, origin: ImageOrigin? = nil) {
        self.kind = kind
        self.detail = detail
        self.status = status
        self.origin = origin
    }
}
