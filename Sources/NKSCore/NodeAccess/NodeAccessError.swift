// Every way reaching or changing a node can fail, each with a one-line message that says
// what failed on which node and what to do about it.
import Foundation

public enum NodeAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    case hostKeyChanged(node: String)
    case hostKeyUnknown(node: String)
    case unreachable(node: String, reason: String)
    case authenticationFailed(node: String, detail: String)
    case sudoPasswordRequired(node: String)
    case connectionFailed(node: String, detail: String)
    case timedOut(node: String, after: Duration)
    case remoteScriptFailed(node: String, exitCode: Int32, detail: String)
    case malformedOutput(node: String, reason: String)
    case writeRejected(node: String, path: String, reason: String)
    case writeNotConfirmed(node: String, path: String, reason: String)
    case invalidPath(path: String, reason: String)
    case invalidWrite(path: String, reason: String)
    case scriptTooLarge(node: String, bytes: Int, limit: Int)
    case debugPodNotCreated(node: String, detail: String)
    case debugImagePullStuck(node: String, pod: String, image: String, reason: String)
    case debugPodFailed(node: String, pod: String, reason: String)
    case localSetupFailed(reason: String)

    /// Failures that mean "we never got to talk to the node", as opposed to "the node said no".
    public var isUnreachable: Bool {
        switch self {
        case .unreachable, .connectionFailed: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .hostKeyChanged(let node):
            return "\(node): the SSH host key has CHANGED since it was pinned; refusing to connect. If the node was rebuilt on purpose, remove its line from the known_hosts file (ssh-keygen -R \(node) -f <known_hosts>) and connect once with --accept-new-host-keys"
        case .hostKeyUnknown(let node):
            return "\(node): no SSH host key is pinned for this node; check the node and rerun with --accept-new-host-keys to pin it"
        case .unreachable(let node, let reason):
            return "\(node): unreachable over SSH (\(reason)); check the address, port, firewall or --ssh-jump"
        case .authenticationFailed(let node, let detail):
            return "\(node): SSH authentication failed (\(detail)); check --ssh-user and -i/--ssh-identity or your ssh-agent"
        case .sudoPasswordRequired(let node):
            return "\(node): sudo asks for a password; allow passwordless sudo for this user, connect as root, or pass --no-sudo"
        case .connectionFailed(let node, let detail):
            return "\(node): SSH failed: \(detail)"
        case .timedOut(let node, let after):
            return "\(node): no answer within \(after.formattedSeconds); it was stopped (raise --node-timeout if the node is just slow)"
        case .remoteScriptFailed(let node, let exitCode, let detail):
            return "\(node): the remote script failed with exit code \(exitCode)\(detail.isEmpty ? "" : ": \(detail)")"
        case .malformedOutput(let node, let reason):
            return "\(node): the node's answer could not be understood (\(reason)); nothing was trusted from it"
        case .writeRejected(let node, let path, let reason):
            return "\(node): \(path) was not written (\(reason)); the old file is unchanged"
        case .writeNotConfirmed(let node, let path, let reason):
            return "\(node): \(path) was replaced but could not be confirmed (\(reason)); inspect the file on the node"
        case .invalidPath(let path, let reason):
            return "\(path.debugDescription): not a usable node path (\(reason)); give an absolute path without . or .. components"
        case .invalidWrite(let path, let reason):
            return "\(path): refusing to write (\(reason))"
        case .scriptTooLarge(let node, let bytes, let limit):
            return "\(node): the remote script is \(bytes) bytes, more than the \(limit) bytes one command may carry; use --node-access ssh for files this large"
        case .debugPodNotCreated(let node, let detail):
            return "\(node): kubectl debug could not create a helper pod: \(detail)"
        case .debugImagePullStuck(let node, let pod, let image, let reason):
            return "\(node): helper pod \(pod) is stuck pulling image \(image) (\(reason)); make the image pullable from the node or pass --debug-image with a mirrored image"
        case .debugPodFailed(let node, let pod, let reason):
            return "\(node): helper pod \(pod) failed: \(reason)"
        case .localSetupFailed(let reason):
            return "node access could not be prepared: \(reason)"
        }
    }
}
