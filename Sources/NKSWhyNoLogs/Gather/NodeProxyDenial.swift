// A read-only identity may not use the API server's node proxy (nodes/proxy also reaches the
// kubelet's exec and attach endpoints, so the read-only role leaves it out). The node log
// query and configz go through that proxy; without it both are read on the node, and the
// report says so once.
import Foundation
import NKSCore

enum NodeProxyDenial {
    /// The denial, when `error` is the API server refusing nodes/proxy.
    static func forbidden(_ error: any Error) -> KubectlError.Forbidden? {
        guard case .forbidden(let denial)? = error as? KubectlError else { return nil }
        if denial.resource == "nodes/proxy" || denial.message.contains("\"nodes/proxy\"") { return denial }
        return nil
    }

    /// One line for the report: what was refused, to whom, and what was read instead.
    static func note(_ denial: KubectlError.Forbidden, node: String, nodeAccess: Bool) -> String {
        let who = denial.user.map { "User \"\($0)\"" } ?? "this identity"
        let instead = nodeAccess
            ? "read the kubelet journal (journalctl -u kubelet) and \(KubeletConfigSummary.configFile) over the node transport instead; the file may differ from the running kubelet's configuration until it restarts"
            : "and the node transport is unavailable, so the kubelet's log and configuration are missing from this report"
        return "the API server forbids nodes/proxy on \(node) to \(who) (the read-only nks-why-nologs role leaves it out), so the node log query and configz cannot be asked: \(instead)"
    }
}
