// KubernetesAPI over the user's kubectl: builds each command line from the shared flags,
// runs it through ProcessRunning with a deadline, and decodes kubectl's JSON. A value type,
// so independent calls run concurrently (`async let`) without sharing state.
import Foundation

public struct KubectlClient: KubernetesAPI {
    public var options: KubectlOptions
    public var runner: any ProcessRunning
    /// The kubectl to run: NKS_KUBECTL if set, else `kubectl` on PATH.
    public var executable: String
    /// Added to twice --request-timeout for the deadline after which kubectl is killed:
    /// discovery and the request itself may each take the full request timeout.
    public var deadlineGrace: Duration
    /// kubectl's deadline when no --request-timeout is given; bounds a hung credential
    /// plugin or a server that accepts connections but never answers.
    public var defaultDeadline: Duration
    /// Set on top of the inherited environment for kubectl only (e.g. KUBECONFIG for a lab
    /// cluster); empty by default, so the user's KUBECONFIG reaches kubectl untouched.
    public var childEnvironment: [String: String]
    /// When set, raw reads and node patches go through this run's `kubectl proxy` instead
    /// of a kubectl process each (see KubectlProxy); nil for plugins that make few calls.
    public var proxy: KubectlProxy?
    /// How reads and value-setting patches are repeated after a 429 or 5xx (see APIRetry).
    public var retry: APIRetry = .standard
    /// Items per page when a list goes through the proxy (kubectl's --chunk-size default).
    public var listPageSize = 500

    /// `environment` is only read for NKS_KUBECTL; kubectl itself inherits the process's.
    public init(
        options: KubectlOptions = .defaults,
        runner: any ProcessRunning = SubprocessRunner(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        childEnvironment: [String: String] = [:],
        deadlineGrace: Duration = .seconds(5),
        defaultDeadline: Duration = .seconds(300)
    ) {
        self.options = options
        self.runner = runner
        self.executable = Self.executable(in: environment)
        self.childEnvironment = childEnvironment
        self.deadlineGrace = deadlineGrace
        self.defaultDeadline = defaultDeadline
    }

    public static func executable(in environment: [String: String]) -> String {
        if let chosen = environment["NKS_KUBECTL"], !chosen.isEmpty { return chosen }
        return "kubectl"
    }

    /// How long kubectl may run before it is killed.
    public var deadline: Duration {
        guard let timeout = options.requestTimeoutDuration else { return defaultDeadline }
        return timeout * 2 + deadlineGrace
    }

    // MARK: Reading objects

    public func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope, labelSelector: String?, fieldSelector: String?) async throws -> [T] {
        var arguments = ["get", T.resource, "--output=json"]
        if T.isNamespaced { arguments += namespaceArguments(for: namespace) }
        if let labelSelector { arguments.append("--selector=\(labelSelector)") }
        if let fieldSelector { arguments.append("--field-selector=\(fieldSelector)") }
        let invocation = invocation(arguments)
        // Errors from the proxied pages name the kubectl command that would list the same.
        if let proxy, let path = T.collectionPath, !T.isNamespaced,
           let items = try await proxiedList(T.self, path: path, labelSelector: labelSelector, fieldSelector: fieldSelector,
                                             command: invocation.commandLine, through: proxy) {
            return items
        }
        let output = try await retry.run { try await runChecked(invocation) }
        return try decode(KubernetesList<T>.self, from: output.standardOutput, command: invocation.commandLine).items
    }

    public func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String?) async throws -> T {
        var arguments = ["get", T.resource, name, "--output=json"]
        if T.isNamespaced { arguments += namespaceArguments(for: namespace.map(NamespaceScope.named) ?? .current, allowAll: false) }
        let invocation = invocation(arguments)
        let output = try await retry.run { try await runChecked(invocation) }
        return try decode(T.self, from: output.standardOutput, command: invocation.commandLine)
    }

    public func raw(_ path: String) async throws -> Data {
        try await retry.run {
            if let proxy, let data = try await proxiedRaw(path, through: proxy) { return data }
            return try await runChecked(invocation(["get", "--raw", path])).standardOutput
        }
    }

    public func logs(pod: String, namespace: String?, container: String?, previous: Bool, tailLines: Int?) async throws -> PodLogs {
        var arguments = ["logs", pod]
        arguments += namespaceArguments(for: namespace.map(NamespaceScope.named) ?? .current, allowAll: false)
        if let container { arguments.append("--container=\(container)") }
        if previous { arguments.append("--previous") }
        if let tailLines { arguments.append("--tail=\(tailLines)") }
        let invocation = invocation(arguments)
        let output = try await run(invocation)
        return PodLogs(command: invocation.commandLine, exitCode: output.exitCode, output: output.standardOutput, standardError: output.standardErrorText)
    }

    // MARK: Changing objects

    public func delete(resource: String, name: String, namespace: String?) async throws {
        try await delete(resource: resource, name: name, namespace: namespace, wait: false)
    }

    /// `wait` makes kubectl block until finalizers ran and the object is gone.
    public func delete(resource: String, name: String, namespace: String?, wait: Bool) async throws {
        var arguments = ["delete", resource, name, "--wait=\(wait)"]
        arguments += namespaceArguments(for: namespace.map(NamespaceScope.named) ?? .current, allowAll: false)
        _ = try await runChecked(invocation(arguments))
    }

    public func create(_ object: Data, namespace: String?) async throws -> Data {
        // The object goes through stdin, never argv: it may be large, and argv is public.
        // Objects made by the plugins need no client-side schema check, which would first
        // download the cluster's whole OpenAPI document; the API server validates them.
        var arguments = ["create", "--filename=-", "--validate=false", "--output=json"]
        if let namespace { arguments.append("--namespace=\(namespace)") }
        var invocation = invocation(arguments)
        invocation.standardInput = object
        let output = try await runChecked(invocation)
        guard (try? JSONSerialization.jsonObject(with: output.standardOutput)) != nil else {
            throw KubectlError.malformedOutput(command: invocation.commandLine, reason: "the created object is not JSON")
        }
        return output.standardOutput
    }

    public func patch(resource: String, name: String, namespace: String?, patch: Data, type: PatchType) async throws -> Data {
        // A merge patch sets values, so a repeat lands the same; a JSON patch may add twice.
        let retry = type == .json ? APIRetry.never : self.retry
        return try await retry.run { try await send(patch, to: resource, name: name, namespace: namespace, type: type) }
    }

    private func send(_ patch: Data, to resource: String, name: String, namespace: String?, type: PatchType) async throws -> Data {
        if let proxy, ["node", "nodes"].contains(resource),
           let data = try await proxiedPatch(nodeNamed: name, patch: patch, type: type, through: proxy) {
            return data
        }
        var arguments = ["patch", resource, name, "--type=\(type.rawValue)", "--patch=\(String(decoding: patch, as: UTF8.self))", "--output=json"]
        arguments += namespaceArguments(for: namespace.map(NamespaceScope.named) ?? .current, allowAll: false)
        let invocation = invocation(arguments)
        let output = try await runChecked(invocation)
        guard (try? JSONSerialization.jsonObject(with: output.standardOutput)) != nil else {
            throw KubectlError.malformedOutput(command: invocation.commandLine, reason: "the patched object is not JSON")
        }
        return output.standardOutput
    }

    // MARK: kubeconfig

    public func contexts() async throws -> [KubeContext] {
        let invocation = configInvocation(["config", "view", "--output=json"])
        let output = try await runChecked(invocation)
        let config = try decode(KubeconfigView.self, from: output.standardOutput, command: invocation.commandLine)
        // --context overrides the file's current-context for everything this run does.
        let current = options.context ?? config.currentContext
        return (config.contexts ?? []).map { entry in
            KubeContext(
                name: entry.name,
                cluster: entry.context?.cluster,
                user: entry.context?.user,
                namespace: entry.context?.namespace,
                isCurrent: entry.name == current
            )
        }
    }

    public func currentContext() async throws -> String? {
        if let context = options.context { return context }
        let invocation = configInvocation(["config", "current-context"])
        let output = try await run(invocation)
        if output.succeeded {
            let name = output.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
            return name.isEmpty ? nil : name
        }
        if output.standardErrorText.contains("current-context is not set") { return nil }
        throw KubectlError.classify(standardError: output.standardErrorText, exitCode: output.exitCode, command: invocation.commandLine)
    }

    // MARK: Running kubectl

    /// The full command for `arguments`: global flags first, as kubectl documents them.
    public func invocation(_ arguments: [String]) -> ProcessInvocation {
        ProcessInvocation(executable, options.globalArguments + arguments, environment: childEnvironment, timeout: deadline)
    }

    /// `kubectl config` reads the kubeconfig only; connection flags mean nothing to it.
    private func configInvocation(_ arguments: [String]) -> ProcessInvocation {
        let kubeconfig = options.kubeconfig.map { ["--kubeconfig=\($0)"] } ?? []
        return ProcessInvocation(executable, kubeconfig + arguments, environment: childEnvironment, timeout: deadline)
    }

    func namespaceArguments(for scope: NamespaceScope, allowAll: Bool = true) -> [String] {
        switch scope {
        case .named(let namespace): return ["--namespace=\(namespace)"]
        case .all: return ["--all-namespaces"]
        case .current:
            if options.allNamespaces && !allowAll { return [] }
            return options.namespaceArguments
        }
    }

    private func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        do {
            return try await runner.run(invocation)
        } catch let error as ProcessRunnerError {
            switch error {
            case .executableNotFound(let name):
                throw KubectlError.kubectlNotFound(executable: name)
            case .timedOut(let command, let after):
                throw KubectlError.timedOut(command: command, message: "stopped after \(after.formattedSeconds)")
            case .launchFailed(let command, let reason):
                throw KubectlError.failed(command: command, exitCode: -1, message: "could not start: \(reason)")
            case .outputTooLarge(let command, let limit):
                throw KubectlError.malformedOutput(command: command, reason: "more than \(limit) bytes of output")
            }
        }
    }

    func runChecked(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        let output = try await run(invocation)
        guard output.succeeded else {
            throw KubectlError.classify(standardError: output.standardErrorText, exitCode: output.exitCode, command: invocation.commandLine)
        }
        return output
    }

    func decode<T: Decodable>(_ type: T.Type, from data: Data, command: String) throws -> T {
        do {
            return try KubernetesJSON.decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw KubectlError.malformedOutput(command: command, reason: error.shortDescription)
        }
    }
}

/// The part of `kubectl config view -o json` that names contexts. Users' credentials are
/// not decoded (kubectl redacts them anyway).
private struct KubeconfigView: Decodable {
    struct Entry: Decodable {
        struct Context: Decodable {
            var cluster: String?
            var user: String?
            var namespace: String?
        }
        var name: String
        var context: Context?
    }
    var contexts: [Entry]?
    var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case contexts
        case currentContext = "current-context"
    }
}

extension DecodingError {
    /// "items[3].metadata.name: expected String" rather than Foundation's multi-line dump.
    var shortDescription: String {
        func path(_ context: Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "top level" : String(path.drop { $0 == "." })
        }
        switch self {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing key \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "\(path(context)): \(context.debugDescription)\(underlying)"
        @unknown default: return "\(self)"
        }
    }
}
