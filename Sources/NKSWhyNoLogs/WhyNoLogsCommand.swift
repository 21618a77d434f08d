// `kubectl nks-why-nologs`: explains why a pod's logs cannot be read — reproduces the read,
// gathers evidence, names the cause and prints the fix.
import ArgumentParser
import Foundation
import NKSCore

public struct WhyNoLogsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-why-nologs",
        abstract: "Explain why a pod's logs cannot be read, from evidence, and how to prevent it.",
        discussion: """
        Explains `unable to retrieve container logs` and its cousins from events, node \
        conditions, kubelet logs (node log query API, else journalctl over the node \
        transport), the runtime's state and the kubelet config. Works when the pod is gone:
        name its Job or CronJob.

        Causes (stable ids of -o json): container-gc-disk-pressure, pod-evicted, node-gone, \
        node-unreachable, container-gc-policy, log-rotated, container-not-started, \
        pod-deleted, forbidden, no-output, ok, unknown.

        Exit status: 0 the logs are readable (ok), 1 they are not (a cause, or unknown), \
        2 the command failed, 64 bad flags.

        Examples:
          kubectl nks-why-nologs hello-26fmz -n batch
          kubectl nks-why-nologs --job hello -n batch
          kubectl nks-why-nologs --cronjob nightly -o json

        See also: kubectl nks-sync, kubectl nks-repull
        """,
        version: NKSVersion.current
    )

    @Argument(help: "The pod whose logs are missing.")
    var pod: String?

    @Option(name: [.customShort("c"), .customLong("container")], help: "The container (default: the pod's first).")
    var container: String?

    @Flag(name: .customLong("previous"), help: "Explain the previous instance of the container, as kubectl logs --previous.")
    var previous = false

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Explain every pod matching this label selector, grouped by cause.")
    var selector: String?

    @Option(name: .customLong("job"), help: "Explain the pods of this Job (also when they are gone, from the Job's events).")
    var job: String?

    @Option(name: .customLong("cronjob"), help: "Explain the pods of this CronJob's Jobs, including Jobs its history limits deleted.")
    var cronJob: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions

    public init() {}

    public func validate() throws {
        let modes = [pod != nil, selector != nil, job != nil, cronJob != nil].filter { $0 }.count
        if modes != 1 { throw ValidationError("give exactly one of POD, -l/--selector, --job or --cronjob") }
        if kubectl.allNamespaces && pod != nil { throw ValidationError("-A/--all-namespaces applies to -l/--selector; give -n NAMESPACE with a pod name") }
    }

    public func run() async throws {
        let diagnoses = try await CommandFailure.reporting {
            let api = KubectlClient(options: kubectl)
            let settings = try NodeAccessSettings.resolve(access)
            let transport = try settings.makeTransport(kubectlArguments: kubectl.globalArguments)
            let shell = TransportNodeShell(transport: transport, addressType: settings.addressType, timeout: settings.nodeTimeout)
            do {
                let namespace = try await Self.namespace(kubectl, api: api)
                let resolver = TargetResolver(api: api, namespace: namespace, allNamespaces: kubectl.allNamespaces)
                let request = TargetRequest(pod: pod, container: container, previous: previous, selector: selector, job: job, cronJob: cronJob)
                let (targets, owner) = try await resolver.resolve(request)
                let gatherer = EvidenceGatherer(api: api, shell: shell)
                let evidence = try await gatherer.gather(targets, owner: owner, parallel: settings.parallel)
                await transport.shutdown()
                return evidence.map { Diagnosis($0) }
            } catch {
                await transport.shutdown()
                throw error
            }
        }
        let single = pod != nil && diagnoses.count == 1
        try StandardOutput.write(render(diagnoses, single: single))
        if diagnoses.contains(where: { $0.cause != .ok }) { throw ExitStatus.differencesFound }
    }

    private func render(_ diagnoses: [Diagnosis], single: Bool) throws -> String {
        switch output.format {
        case .json, .yaml:
            return single ? try StructuredOutput.render(diagnoses[0], as: output.format) : try StructuredOutput.render(DiagnosisList(items: diagnoses), as: output.format)
        case .name:
            return diagnoses.filter { $0.cause != .ok }.map { "pod/\($0.pod)\n" }.joined()
        case .table, .wide:
            return single ? ReportText.single(diagnoses[0]) : ReportText.table(diagnoses, headers: !output.noHeaders)
        }
    }

    /// -n, else the current context's namespace, else "default" — as kubectl chooses.
    static func namespace(_ options: KubectlOptions, api: KubectlClient) async throws -> String {
        if let namespace = options.namespace { return namespace }
        let contexts = (try? await api.contexts()) ?? []
        return contexts.first { $0.isCurrent }?.namespace ?? "default"
    }
}
