// `kubectl nks-repull`: finds containers whose image pull fails, explains each with a
// stable cause id, shows the repair plan and (confirmed, or with --yes) carries it out.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

public struct RepullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-repull",
        abstract: "Explain and repair ErrImagePull / ImagePullBackOff.",
        discussion: """
        Finds every container (init containers included) waiting in ErrImagePull, \
        ImagePullBackOff, ImageInspectError or ErrImageNeverPull, reads the pull errors from \
        container statuses and events, and names the cause: rate-limited, image-not-found, \
        auth-required, registry-unreachable, registry-deprecated, pull-progress-timeout, \
        tls-untrusted, platform-mismatch, disk-full or unknown. Then it shows a plan: \
        pull from --mirror on the pod's node and re-tag (docker, nerdctl or ctr), only for \
        images whose registry is on the mirror allow-list (--mirror-registries); pin the \
        pause image; delete the pod when a controller owns it; patch the owner's template \
        for a retired registry whose successor is known (--fix-manifests); advice for the \
        rest.

        With --image IMAGE (repeatable) or --defaults it works on nodes instead of pods: it \
        reads each node's images (crictl images) and pulls what a node lacks, only there, \
        from --mirror when given; --defaults means the base images the operator lists in the \
        nks-sync store (repull.defaultImages, and the sandbox image its kubelet and runtime \
        entries set), never what the nodes report. Choose nodes with --nodes a,b or \
        -l NODE-SELECTOR. -o json prints \
        {"nodes": [{"node", "runtime", "missing", "error", "actions"}]}.

        It acts only after you confirm on a terminal, or with --yes; without a terminal and \
        without --yes it prints the plan and changes nothing.

        Exit status: 0 no failing pulls, or every planned action done; 1 failing pulls \
        found and left as they are (--dry-run, not confirmed, or nothing it can repair); \
        2 an action failed or the command failed; 64 bad flags.

        Examples:
          kubectl nks-repull -A --dry-run
          kubectl nks-repull -n shop --mirror harbor.example.com/container_service --yes
          kubectl nks-repull web-7d9c -n shop --fix-manifests -o json
          kubectl nks-repull --defaults --mirror harbor.example.com/container_service --yes
          kubectl nks-repull --image k8s.gcr.io/pause:3.2 --nodes worker-3,worker-10

        See also: kubectl nks-sync, kubectl nks-why-nologs
        """,
        version: NKSVersion.current
    )

    @Argument(help: "Pods to look at (default: every pod in the namespace).")
    var pods: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector for the pods, e.g. app=web (for the nodes with --image/--defaults).")
    var selector: String?

    @Option(name: .customLong("image"), help: "Pre-pull this image on the nodes that lack it (repeatable).")
    var images: [String] = []

    @Flag(name: .customLong("defaults"), help: "Restore the cluster's base images (pause, kube-proxy, CNI, CSI, …) on the nodes that lack them.")
    var defaults = false

    @Option(name: .customLong("nodes"), help: "With --image/--defaults: comma-separated node names (default: every node, or -l).")
    var nodes: String?

    @Flag(name: .customLong("dry-run"), help: "Show the plan only.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .customLong("yes")], help: "Carry out the plan without asking.")
    var yes = false

    @Option(name: .customLong("mirror"), help: "Internal registry prefix to pull from, e.g. harbor.example.com/container_service.")
    var mirror: String?

    @Option(name: .customLong("mirror-layout"), help: "How an image maps to the mirror: basename (PREFIX/pause:3.2) or path (PREFIX/coredns/coredns:1.8.0).")
    var mirrorLayout: MirrorLayout = .basename

    @Flag(name: .customLong("fix-manifests"), help: "Patch the owning workload's template for registry-deprecated images whose successor is known (docker.pkg.github.com → ghcr.io, k8s.gcr.io → registry.k8s.io).")
    var fixManifests = false

    @Option(name: .customLong("mirror-registries"), help: "Registries (host or host/namespace, comma-separated) whose images may come from --mirror. Default: $NKS_REPULL_MIRROR_REGISTRIES, else repull.mirrorRegistries in the store, else docker.io, registry.k8s.io, k8s.gcr.io, quay.io/coreos, gcr.io/google_containers.")
    var mirrorRegistries: String?

    @Option(name: .customLong("repo"), help: "The nks-sync store whose nks-sync.yaml holds the repull: settings (a missing store is fine). Default: $NKS_REPO, else ~/.config/nks/sync.")
    var repo: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions

    public init() {}

    public func validate() throws {
        if dryRun && yes { throw ValidationError("--dry-run and --yes contradict each other; give one") }
        if let mirror {
            guard !mirror.isEmpty, !mirror.hasPrefix("-"), (try? ImageReference(parsing: mirror + "/x")) != nil else {
                throw ValidationError("--mirror must be a registry prefix such as harbor.example.com/project, not \(mirror.debugDescription)")
            }
        }
        if !pods.isEmpty && selector != nil { throw ValidationError("give pod names or -l/--selector, not both") }
        if !pods.isEmpty && kubectl.allNamespaces { throw ValidationError("pod names need one namespace; drop -A") }
        if imageMode {
            if !pods.isEmpty { throw ValidationError("--image/--defaults pull onto nodes; give no pod names") }
            if fixManifests { throw ValidationError("--fix-manifests applies to failing pods, not to --image/--defaults") }
            if nodes != nil && selector != nil { throw ValidationError("give --nodes or -l/--selector, not both") }
            for image in images {
                do { _ = try ImageReference(parsing: image) } catch { throw ValidationError("--image: \(error)") }
            }
        } else if nodes != nil {
            throw ValidationError("--nodes goes with --image or --defaults")
        }
        if let mirrorRegistries {
            do { _ = try OperatorPolicy.allowList(commaSeparated: mirrorRegistries, where: "--mirror-registries") } catch { throw ValidationError("\(error)") }
        }
    }

    private var imageMode: Bool { !images.isEmpty || defaults }

    public func run() async throws {
        if imageMode { return try await runPrePull() }
        let terminal = Terminal()
        let api = KubectlClient(options: kubectl)
        let policy = try await CommandFailure.reporting { try operatorPolicy() }
        let settings = RepairSettings(mirror: mirror, layout: mirrorLayout, fixManifests: fixManifests, mirrorAllowList: policy.mirrorAllowList)
        let (plan, nodes) = try await CommandFailure.reporting {
            try await RepullSession(api: api, settings: settings).plan(podNames: pods, selector: selector, scope: scope)
        }
        let mayAct = plan.hasWork && !dryRun
        var confirmed = yes
        if mayAct && !yes {
            if terminal.standardOutputIsTTY && isatty(STDIN_FILENO) == 1 {
                StandardOutput.write(render(plan.report))
                FileHandle.standardError.write(Data("Carry out the planned actions? [y/N] ".utf8))
                confirmed = ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
                if !confirmed { throw ExitStatus.differencesFound }
            } else {
                StandardOutput.write(render(plan.report))
                FileHandle.standardError.write(Data("nothing changed: no terminal to confirm on; rerun with --yes to carry out the planned actions\n".utf8))
                throw plan.report.items.isEmpty ? ExitStatus.success : ExitStatus.differencesFound
            }
        }
        guard mayAct && confirmed else {
            StandardOutput.write(render(plan.report))
            throw plan.report.items.isEmpty ? ExitStatus.success : ExitStatus.differencesFound
        }
        let report = try await CommandFailure.reporting {
            let resolved = try NodeAccessSettings.resolve(access)
            let transport = try resolved.makeTransport(kubectlArguments: kubectl.globalArguments)
            var targets: [String: NodeTarget] = [:]
            for node in nodes { if let target = NodeTarget(node, addressType: resolved.addressType) { targets[node.metadata.name] = target } }
            let report = await RepullExecutor(api: api, transport: transport, targets: targets, timeout: resolved.nodeTimeout).run(plan)
            await transport.shutdown()
            return report
        }
        StandardOutput.write(render(report))
        let statuses = report.items.flatMap(\.actions).map(\.status)
        if statuses.contains(.failed) { throw ExitStatus.failure }
    }

    /// `--image` / `--defaults`: read each node's images, pull what it lacks.
    private func runPrePull() async throws {
        let api = KubectlClient(options: kubectl)
        let policy = try await CommandFailure.reporting { try operatorPolicy() }
        if defaults && policy.defaultImages.isEmpty {
            try await CommandFailure.reporting { throw RepairFailure(OperatorPolicy.noDefaultImages) }
        }
        let settings = RepairSettings(mirror: mirror, layout: mirrorLayout, mirrorAllowList: policy.mirrorAllowList)
        let resolved = try await CommandFailure.reporting { try NodeAccessSettings.resolve(access) }
        let (selected, targets) = try await CommandFailure.reporting { () async throws -> ([Node], [String: NodeTarget]) in
            var selected = try await api.list(Node.self, namespace: .all, labelSelector: selector, fieldSelector: nil)
            if let nodes {
                let names = nodes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if let unknown = names.first(where: { name in !selected.contains { $0.metadata.name == name } }) {
                    throw RepairFailure("node \(unknown.debugDescription) not found (kubectl get nodes lists the names)")
                }
                selected = selected.filter { names.contains($0.metadata.name) }
            }
            var targets: [String: NodeTarget] = [:]
            for node in selected { if let target = NodeTarget(node, addressType: resolved.addressType) { targets[node.metadata.name] = target } }
            return (selected, targets)
        }
        let transport = try await CommandFailure.reporting { try resolved.makeTransport(kubectlArguments: kubectl.globalArguments) }
        let runner = PrePullRunner(transport: transport, fanOut: FanOut(concurrency: resolved.parallel, nodeTimeout: resolved.nodeTimeout))
        let held = await runner.inventory(Array(targets.values))
        let readable = selected.map { node in (node: node, held: held[node.metadata.name] ?? .failure(RepairFailure("node \(node.metadata.name) has no address to connect to"))) }
        var wanted = images.compactMap { try? ImageReference(parsing: $0) }
        if defaults {
            for image in policy.defaultImages where !wanted.contains(where: { $0.sameImage(as: image) }) { wanted.append(image) }
        }
        let planned = try await CommandFailure.reporting {
            try PrePullPlanner.plan(wanted: wanted, nodes: readable, settings: settings, planned: .planned)
        }
        var report = planned.0
        let scripts = planned.1
        let hasWork = !scripts.isEmpty
        var act = hasWork && !dryRun && yes
        if hasWork && !dryRun && !yes {
            StandardOutput.write(renderPrePull(report))
            if Terminal().standardOutputIsTTY && isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("Pull the missing images? [y/N] ".utf8))
                act = ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
            } else {
                FileHandle.standardError.write(Data("nothing changed: no terminal to confirm on; rerun with --yes to pull the missing images\n".utf8))
            }
            if !act { await transport.shutdown(); throw ExitStatus.differencesFound }
        }
        if act { report = await runner.run(report, scripts: scripts, targets: targets) }
        await transport.shutdown()
        StandardOutput.write(renderPrePull(report))
        let statuses = report.nodes.flatMap(\.actions).map(\.status)
        if statuses.contains(.failed) || report.nodes.contains(where: { $0.error != nil }) { throw ExitStatus.failure }
        if hasWork && !act { throw ExitStatus.differencesFound }
    }

    private func renderPrePull(_ report: PrePullReport) -> String {
        switch output.format {
        case .json, .yaml:
            return (try? StructuredOutput.render(report, as: output.format)) ?? ""
        case .name:
            return report.nodes.filter { !$0.missing.isEmpty }.map { "node/\($0.node)\n" }.joined()
        case .table, .wide:
            return PrePullTable.render(report, headers: !output.noHeaders)
        }
    }

    /// The operator's settings; the store is read only when no flag or variable already decides.
    private func operatorPolicy() throws -> OperatorPolicy {
        let environment = ProcessInfo.processInfo.environment
        let decided = mirrorRegistries != nil || !(environment[OperatorPolicy.environmentVariable] ?? "").isEmpty
        let store = decided && !defaults ? nil : try OperatorPolicy.loadStore(at: StoreLocation.resolve(flag: repo, environment: environment))
        return try OperatorPolicy.resolve(flag: mirrorRegistries, environment: environment, store: store)
    }

    private var scope: NamespaceScope {
        if kubectl.allNamespaces { return .all }
        if let namespace = kubectl.namespace { return .named(namespace) }
        return .current
    }

    private func render(_ report: RepullReport) -> String {
        switch output.format {
        case .json, .yaml:
            return (try? StructuredOutput.render(report, as: output.format)) ?? ""
        case .name:
            return Set(report.items.map { "pod/\($0.pod)" }).sorted().map { $0 + "\n" }.joined()
        case .table, .wide:
            return RepullTable.render(report, wide: output.format == .wide, headers: !output.noHeaders)
        }
    }
}
