// Why a kubectl call failed, in terms a plugin can act on (unreachable, forbidden, not
// found, …), each describing itself in one line that says what to do next.
import Foundation

public enum KubectlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Neither NKS_KUBECTL nor `kubectl` on PATH names a program.
    case kubectlNotFound(executable: String)
    /// The API server could not be reached (refused, unknown host, dial timeout).
    case unreachable(server: String?, message: String)
    case notFound(resource: String?, name: String?, message: String)
    /// A create found an object of that name (`Error from server (AlreadyExists)`).
    case alreadyExists(resource: String?, name: String?, message: String)
    case forbidden(Forbidden)
    /// The server, the client's --request-timeout, or our own deadline ran out.
    case timedOut(command: String, message: String)
    case unauthorized(message: String)
    /// The kubeconfig or the flags that pick from it are wrong.
    case badConfiguration(message: String)
    /// kubectl succeeded but printed something that is not what the command promises.
    case malformedOutput(command: String, reason: String)
    /// Anything else: kubectl's own first error line and its exit code.
    case failed(command: String, exitCode: Int32, message: String)

    /// An RBAC denial, with what the apiserver said about who was denied what and where.
    public struct Forbidden: Sendable, Hashable {
        public var user: String?
        public var verb: String?
        /// "pods", "nodes/proxy", or a non-resource path such as "/logs".
        public var resource: String?
        public var apiGroup: String?
        /// nil at the cluster scope.
        public var namespace: String?
        public var message: String

        public init(user: String? = nil, verb: String? = nil, resource: String? = nil, apiGroup: String? = nil, namespace: String? = nil, message: String) {
            self.user = user
            self.verb = verb
            self.resource = resource
            self.apiGroup = apiGroup
            self.namespace = namespace
            self.message = message
        }
    }

    public var description: String {
        switch self {
        case .kubectlNotFound(let executable):
            return "kubectl not found (looked for \"\(executable)\"); install kubectl, put it on PATH, or set NKS_KUBECTL to its path"
        case .unreachable(let server, let message):
            let target = server.map { "the Kubernetes API server \($0)" } ?? "the Kubernetes API server"
            return "cannot reach \(target) (\(message.oneLine)); check the server address in the kubeconfig, the network or VPN, and that --context names the cluster you mean"
        case .notFound(_, _, let message):
            return "\(message.oneLine); check the name, the namespace (-n) and the context (--context)"
        case .alreadyExists(_, _, let message):
            return "\(message.oneLine); delete it first if it should be replaced"
        case .forbidden(let forbidden):
            return "\(forbidden.summary); ask a cluster administrator for this RBAC permission, or use --context/--as with an identity that has it"
        case .timedOut(let command, let message):
            return "\(command) did not finish in time (\(message.oneLine)); the API server may be overloaded or unreachable: retry, or allow longer with --request-timeout"
        case .unauthorized(let message):
            return "the API server rejected the credentials (\(message.oneLine)); log in again or refresh the token or certificate in the kubeconfig"
        case .badConfiguration(let message):
            return "kubeconfig problem: \(message.oneLine); check --kubeconfig/KUBECONFIG and the names given to --context, --cluster and --user (see kubectl config get-contexts)"
        case .malformedOutput(let command, let reason):
            return "\(command) printed output that is not the expected JSON (\(reason.oneLine)); check that NKS_KUBECTL or PATH points at a real kubectl"
        case .failed(let command, let exitCode, let message):
            return "\(command) failed with exit code \(exitCode): \(message.oneLine); run it by hand to see kubectl's full output"
        }
    }
}

extension KubectlError.Forbidden {
    /// "User "alice" may not list pods in namespace "default"", or the apiserver's words when
    /// they did not follow the usual form.
    public var summary: String {
        guard let verb, let resource else { return message.oneLine }
        let who = user.map { "User \"\($0)\"" } ?? "this identity"
        let group = apiGroup.map { $0.isEmpty ? "" : " (API group \"\($0)\")" } ?? ""
        let scope = namespace.map { " in namespace \"\($0)\"" } ?? (resource.hasPrefix("/") ? "" : " at the cluster scope")
        return "\(who) may not \(verb) \(resource)\(group)\(scope)"
    }
}

extension String {
    /// Messages embed kubectl's text; keep each description to a single line.
    var oneLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
