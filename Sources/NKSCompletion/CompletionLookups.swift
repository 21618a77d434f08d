// The dynamic values completion offers: from the cluster through the user's kubectl
// (with the connection flags typed so far), and from the nks-sync store.
import Foundation
import NKSCore
import NKSStore

public protocol CompletionLookups: Sendable {
    /// The candidates of `source` for what has been typed. Label selectors answer
    /// `key=value` pairs; the engine derives the keys from them.
    func values(_ source: ValueSource, typed: TypedWords) async throws -> [Candidate]
}

public struct LiveLookups: CompletionLookups {
    /// A completion must answer while the user waits at the prompt; a cluster that does
    /// not answer within this time gets no candidates rather than a hung shell.
    public var timeout: Duration
    public var environment: [String: String]

    public init(timeout: Duration = .seconds(2), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout
        self.environment = environment
    }

    public func values(_ source: ValueSource, typed: TypedWords) async throws -> [Candidate] {
        let api = KubectlClient(options: kubectlOptions(typed), environment: environment, deadlineGrace: .zero, defaultDeadline: timeout)
        switch source {
        case .nodes, .nodeList:
            return try await api.list(Node.self).map { Candidate($0.metadata.name) }
        case .pods:
            return try await api.list(Pod.self).map { Candidate($0.metadata.name, $0.status?.phase) }
        case .namespaces:
            return try await api.list(Namespace.self).map { Candidate($0.metadata.name) }
        case .jobs:
            return try await api.list(Job.self).map { Candidate($0.metadata.name) }
        case .cronJobs:
            return try await api.list(CronJob.self).map { Candidate($0.metadata.name) }
        case .labels(let objects):
            let labels: [[String: String]] = switch objects {
            case .nodes: try await api.list(Node.self).map { $0.metadata.labels ?? [:] }
            case .pods: try await api.list(Pod.self).map { $0.metadata.labels ?? [:] }
            }
            return Set(labels.flatMap { $0.map { "\($0.key)=\($0.value)" } }).sorted().map { Candidate($0) }
        case .contexts:
            return try await api.contexts().map { Candidate($0.name, [$0.cluster, $0.namespace.map { "namespace \($0)" }].compactMap { $0 }.joined(separator: ", ")) }
        case .clusters:
            return Set(try await api.contexts().compactMap(\.cluster)).sorted().map { Candidate($0) }
        case .users:
            return Set(try await api.contexts().compactMap(\.user)).sorted().map { Candidate($0) }
        case .nodeGroups:
            return try store(typed).load().manifest.groups.map { Candidate($0.name) }
        case .managedPaths:
            return try store(typed).load().manifest.entries.map { Candidate($0.path, $0.kind.name) }
        case .revisions:
            return try store(typed).history(limit: 30).map { Candidate(String($0.id.hex.prefix(12)), $0.summary) }
        case .snapshots:
            return try store(typed).snapshots().reversed().map { Candidate($0.name, $0.summary) }
        case .presets:
            return Preset.all.map { Candidate($0.name, $0.summary) }
        case .files, .directories, .freeText, .choices:
            return []
        }
    }

    /// The flags that choose cluster, identity and namespace, as typed; a mistyped value
    /// makes kubectl fail, which yields no candidates.
    func kubectlOptions(_ typed: TypedWords) -> KubectlOptions {
        let groups = typed.given["as-group"] ?? []
        return KubectlOptions(
            kubeconfig: typed.value(of: "kubeconfig").map(expandingHome),
            context: typed.value(of: "context"),
            cluster: typed.value(of: "cluster"),
            user: typed.value(of: "user"),
            namespace: typed.value(of: "namespace"),
            allNamespaces: typed.given["all-namespaces"] != nil,
            impersonateUser: typed.value(of: "as"),
            impersonateGroups: typed.value(of: "as") == nil ? [] : groups
        )
    }

    func store(_ typed: TypedWords) throws -> ConfigStore {
        try ConfigStore.open(at: StoreLocation.resolve(flag: typed.value(of: "repo").map(expandingHome), environment: environment))
    }

    /// The shell has not expanded `~` in a word that is still being typed.
    func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
