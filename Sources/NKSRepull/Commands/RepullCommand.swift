// `kubectl nks-repull`: finds containers whose image pull fails, explains each with a
// stable cause id, shows the repair plan and (confirmed, or with --yes) carries it out.
import ArgumentParser
import Foundation
import NKSCore

public struct RepullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-repull",
        abstract: "Explain and repair ErrImagePull / ImagePullBackOff.",
        discussion: """
        Finds every container (init containers included) waiting in ErrImagePull,
        ImagePullBackOff, ImageInspectError or ErrImageNeverPull, reads the pull errors from
        container statuses and events, and names the cause: rate-limited, image-not-found,
        auth-required, registry-unreachable, registry-deprecated, pull-progress-timeout,
        tls-untrusted, platform-mismatch, disk-full or unknown. Then it shows a plan:
        pull from --mirror on the pod's node and re-tag (docker, nerdctl or ctr), pin the
        pause image, delete the pod when a controller owns it, patch the owner's template
        for docker.pkg.github.com (--fix-manifests), and advice for the rest.

        It acts only after you confirm on a terminal, or with --yes; without a terminal and
        without --yes it prints the plan and changes nothing.

        Exit status: 0 no failing pulls, or every planned action done; 1 failing pulls
        found and left as they are (--dry-run, not confirmed, or nothing it can repair);
        2 an action failed or the command failed; 64 bad flags.

        Examples:
          kubectl nks-repull -A --dry-run
          kubectl nks-repull -n shop --mirror harbor.example.com/container_service --yes
          kubectl nks-repull web-7d9c -n shop --fix-manifests -o json

        See also: kubectl nks-sync, kubectl nks-why-nologs
        """,
        version: NKSVersion.current
    )

    @Argument(help: "Pods to look at (default: every pod in the namespace).")
    var pods: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector for the pods, e.g. app=web.")
    var selector: String?

    @Flag(name: .customLong("dry-run"), help: "Show the plan only.")
    var dryRun = false

    @Flag(name: [.customShort("y"), .customLong("yes")], help: "Carry out the plan without asking.")
    var yes = false

    @Option(name: .customLong("mirror"), help: "Internal registry prefix to pull from, e.g. harbor.example.com/container_service.")
    var mirror: String?

    @Option(name: .customLong("mirror-layout"), help: "How an image maps to the mirror: basename (PREFIX/pause:3.2) or path (PREFIX/coredns/coredns:1.8.0).")
    var mirrorLayout: MirrorLayout = .basename

    @Flag(name: .customLong("fix-manifests"), help: "Patch the owning workload's template for registry-deprecated images (docker.pkg.github.com → ghcr.io).")
    var fixManifests = false

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
    }

    public func run() async throws {
        let terminal = Terminal()
        let api = KubectlClient(options: kubectl)
        let settings = RepairSettings(mirror: mirror, layout: mirrorLayout, fixManifests: fixManifests)
        let (plan, nodes) = try await CommandFailure.reporting {
            try await RepullSession(api: api, settings: settings).plan(podNames: pods, selector: selector, scope: scope)
        }
        let mayAct = plan.hasWork && !dryRun
        var confirmed = yes
        if mayAct && !yes {
            if terminal.standardOutputIsTTY && isatty(STDIN_FILENO) == 1 {
                print(render(plan.report))
                FileHandle.standardError.write(Data("Carry out the planned actions? [y/N] ".utf8))
                confirmed = ["y", "yes"].contains(readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
                if !confirmed { throw ExitStatus.differencesFound }
            } else {
                print(render(plan.report))
                FileHandle.standardError.write(Data("nothing changed: no terminal to confirm on; rerun with --yes to carry out the planned actions\n".utf8))
                throw plan.report.items.isEmpty ? ExitStatus.success : ExitStatus.differencesFound
            }
        }
        guard mayAct && confirmed else {
            print(render(plan.report))
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
        print(render(report))
        let statuses = report.items.flatMap(\.actions).map(\.status)
        if statuses.contains(.failed) { throw ExitStatus.failure }
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

/// stdout without a second newline: renderers end their own lines.
func print(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
