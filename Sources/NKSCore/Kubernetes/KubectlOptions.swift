// The connection flags every plugin shares, spelled exactly as kubectl spells them, and
// their translation back into kubectl's own global arguments. KUBECONFIG needs no flag:
// kubectl runs with the plugin's environment.
import ArgumentParser
import Foundation

public struct KubectlOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("kubeconfig"), help: "Path to the kubeconfig file to use for CLI requests.")
    public var kubeconfig: String?

    @Option(name: .customLong("context"), help: "The name of the kubeconfig context to use.")
    public var context: String?

    @Option(name: .customLong("cluster"), help: "The name of the kubeconfig cluster to use.")
    public var cluster: String?

    @Option(name: .customLong("user"), help: "The name of the kubeconfig user to use.")
    public var user: String?

    @Option(name: [.customShort("n"), .customLong("namespace")], help: "If present, the namespace scope for this CLI request.")
    public var namespace: String?

    @Flag(name: [.customShort("A"), .customLong("all-namespaces")], help: "If present, list the requested object(s) across all namespaces.")
    public var allNamespaces: Bool = false

    @Option(name: .customLong("as"), help: "Username to impersonate for the operation. User could be a regular user or a service account in a namespace.")
    public var impersonateUser: String?

    @Option(name: .customLong("as-group"), help: "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
    public var impersonateGroups: [String] = []

    @Option(
        name: .customLong("request-timeout"),
        help: "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests."
    )
    public var requestTimeout: String?

    /// The unparsed state ArgumentParser starts from; reading it traps. In code use
    /// `.defaults` or `init(kubeconfig:…)`.
    public init() {}

    /// No flags given: kubectl's own defaults (KUBECONFIG or ~/.kube/config, its current context).
    public static var defaults: KubectlOptions { KubectlOptions(kubeconfig: nil) }

    /// Options built in code (tests, the lab, plugins that pick a context themselves).
    public init(
        kubeconfig: String? = nil,
        context: String? = nil,
        cluster: String? = nil,
        user: String? = nil,
        namespace: String? = nil,
        allNamespaces: Bool = false,
        impersonateUser: String? = nil,
        impersonateGroups: [String] = [],
        requestTimeout: String? = nil
    ) {
        // Property wrappers hold values only once parsed; parsing no arguments cannot fail.
        self = try! Self.parse([])
        self.kubeconfig = kubeconfig
        self.context = context
        self.cluster = cluster
        self.user = user
        self.namespace = namespace
        self.allNamespaces = allNamespaces
        self.impersonateUser = impersonateUser
        self.impersonateGroups = impersonateGroups
        self.requestTimeout = requestTimeout
    }

    public mutating func validate() throws {
        if let kubeconfig {
            var isDirectory: ObjCBool = false
            guard !kubeconfig.isEmpty else {
                throw ValidationError("--kubeconfig: the path is empty; give the kubeconfig file's path or leave the flag out to use KUBECONFIG or ~/.kube/config")
            }
            guard FileManager.default.fileExists(atPath: kubeconfig, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw ValidationError("--kubeconfig: no file at \(kubeconfig); give the path of an existing kubeconfig file")
            }
        }
        for (flag, value) in [("--context", context), ("--cluster", cluster), ("--user", user), ("--as", impersonateUser)] {
            if let value, value.isEmpty {
                throw ValidationError("\(flag): the value is empty; give a name or leave the flag out")
            }
        }
        if let namespace {
            guard Self.isValidNamespace(namespace) else {
                throw ValidationError("-n/--namespace: \"\(namespace)\" is not a valid namespace name; use lowercase letters, digits and '-' (at most 63 characters)")
            }
            if allNamespaces {
                throw ValidationError("-n/--namespace and -A/--all-namespaces exclude each other; give one of them")
            }
        }
        if impersonateGroups.contains(where: \.isEmpty) {
            throw ValidationError("--as-group: a group name is empty; give a group name for every --as-group")
        }
        if !impersonateGroups.isEmpty && impersonateUser == nil {
            throw ValidationError("--as-group needs --as: kubectl can only impersonate groups together with a user")
        }
        if let requestTimeout, RequestTimeout.parse(requestTimeout) == nil {
            throw ValidationError("--request-timeout: \"\(requestTimeout)\" is not a duration; give seconds (30) or a value with a unit (500ms, 30s, 2m)")
        }
    }

    /// The flags that choose the cluster, identity and timeout, as `--flag=value` so a value
    /// that begins with "-" cannot be read as another flag. Namespace flags are separate
    /// because they depend on the request (see `namespaceArguments`).
    public var globalArguments: [String] {
        var arguments: [String] = []
        if let kubeconfig { arguments.append("--kubeconfig=\(kubeconfig)") }
        if let context { arguments.append("--context=\(context)") }
        if let cluster { arguments.append("--cluster=\(cluster)") }
        if let user { arguments.append("--user=\(user)") }
        if let impersonateUser { arguments.append("--as=\(impersonateUser)") }
        for group in impersonateGroups { arguments.append("--as-group=\(group)") }
        if let requestTimeout { arguments.append("--request-timeout=\(requestTimeout)") }
        return arguments
    }

    /// The namespace flags the user gave, for a request that follows them.
    public var namespaceArguments: [String] {
        if allNamespaces { return ["--all-namespaces"] }
        if let namespace { return ["--namespace=\(namespace)"] }
        return []
    }

    /// --request-timeout as a Duration; nil when not given or "0" (no limit).
    public var requestTimeoutDuration: Duration? {
        guard let requestTimeout, let duration = RequestTimeout.parse(requestTimeout), duration > .zero else { return nil }
        return duration
    }

    /// RFC 1123 label, as the apiserver checks namespace names.
    static func isValidNamespace(_ name: String) -> Bool {
        guard (1...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        return name.allSatisfy(allowed.contains) && first != "-" && last != "-"
    }
}
