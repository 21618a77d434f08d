// Reads every selected node once (one round trip: the managed files, the boot arguments,
// the applied-revision marker), asks the API server for the kubelet's running config
// where keys are managed, and evaluates every entry.
import Foundation
import NKSCore
import NKSStore

public struct ScannedNode: Sendable {
    public var inventory: InventoryNode
    /// Why the node could not be read, when it could not.
    public var error: String?
    public var appliedRevision: String?
    /// A push replaced a file but was stopped before its activation commands ran.
    public var activationPending = false
    public var statuses: [EntryStatus]
    /// Why the kubelet's running config (configz) could not be read, when kubelet keys are
    /// managed and it could not: pending-restart is then not told apart from in-sync.
    public var configzUnavailable: String?

    public var name: String { inventory.name }
}

extension [ScannedNode] {
    /// One line for the operator when configz was refused on some nodes, nil otherwise.
    public var configzWarning: String? {
        let refused = filter { $0.configzUnavailable != nil }
        guard let first = refused.first?.configzUnavailable else { return nil }
        return "the kubelet's running config (configz) could not be read on \(refused.count) node\(refused.count == 1 ? "" : "s") (\(first)), "
            + "so a kubelet not yet restarted shows as in-sync; grant the nks-sync-configz role of deploy/rbac/nks-sync.yaml (nodes/proxy get)"
    }
}

public struct DriftScanner: Sendable {
    public var kubernetes: any KubernetesAPI
    public var transport: any NodeTransport
    public var fanOut: FanOut
    public var progress: ProgressLine?

    public init(kubernetes: any KubernetesAPI, transport: any NodeTransport, fanOut: FanOut, progress: ProgressLine?) {
        self.kubernetes = kubernetes
        self.transport = transport
        self.fanOut = fanOut
        self.progress = progress
    }

    static let cmdline = "/proc/cmdline"

    /// The managed files, nks-sync's own state on the node, and the running kernel's boot
    /// arguments where kernel arguments are managed: all read as files, in one batch.
    static func request(for revision: StoreRevision) -> NodeReadRequest {
        var files = Set(revision.manifest.entries.map(\.path))
        files.formUnion([NodeStatePaths.appliedRevision, NodeStatePaths.pendingActivation])
        if revision.manifest.entries.contains(where: { if case .kernelArgs = $0.kind { return true } else { return false } }) {
            files.insert(cmdline)
        }
        guard revision.manifest.entries.contains(where: { if case .envFlags = $0.kind { return true } else { return false } }) else {
            return NodeReadRequest(files: files.sorted())
        }
        // Which file really gives the kubelet a variable: its unit and drop-ins, and the
        // environment files kubelet units name (kubeadm, Debian/Ubuntu, RHEL/EKS).
        files.formUnion(kubeletEnvironmentFiles)
        return NodeReadRequest(files: files.sorted(), commands: [NamedCommand(name: kubeletUnitCommand, command: "systemctl cat kubelet.service")])
    }

    static let kubeletUnitCommand = "kubelet-unit"
    static let kubeletEnvironmentFiles = ["/etc/default/kubelet", "/etc/sysconfig/kubelet", "/var/lib/kubelet/kubeadm-flags.env"]

    /// kubelet.service as systemd has it, when the node could show it.
    static func kubeletUnit(_ snapshot: NodeSnapshot) -> ServiceUnitListing? {
        guard let result = snapshot.commands[kubeletUnitCommand], result.exitCode == 0, !result.truncated else { return nil }
        return ServiceUnitListing(unit: "kubelet.service", systemctlCat: String(decoding: result.output, as: UTF8.self))
    }

    public func scan(_ nodes: [InventoryNode], revision: StoreRevision) async -> [ScannedNode] {
        let request = Self.request(for: revision)
        let reachable = nodes.filter { $0.target != nil }
        let byName = Dictionary(nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let reader = NodeReader(transport: transport)
        let kubernetes = self.kubernetes
        let timeout = fanOut.nodeTimeout
        let needsConfigz = revision.manifest.entries.contains { if case .keys = $0.kind { return true } else { return false } }

        var scanned: [String: ScannedNode] = [:]
        for node in nodes where node.target == nil {
            scanned[node.name] = Self.unreachable(node, reason: "the node reports no address of the chosen --address-type", revision: revision)
        }
        var done = 0, failed = 0
        let stream = fanOut.run(over: reachable.map { $0.target! }) { target in
            async let configz: RunningConfig? = needsConfigz ? Self.runningConfig(of: target.name, from: kubernetes) : nil
            let snapshot = try await reader.read(request, from: target, timeout: timeout)
            return (snapshot, await configz)
        }
        for await result in stream {
            guard let node = byName[result.node.name] else { continue }
            done += 1
            switch result.outcome {
            case .ok(let (snapshot, configz)):
                var evaluated = Self.evaluate(node, snapshot: snapshot, kubeletConfig: configz?.value, revision: revision)
                evaluated.configzUnavailable = configz?.refused
                scanned[node.name] = evaluated
            case .failed(let reason), .unreachable(let reason):
                failed += 1
                scanned[node.name] = Self.unreachable(node, reason: reason, revision: revision)
            case .timedOut(let after):
                failed += 1
                scanned[node.name] = Self.unreachable(node, reason: "no answer within \(after.formattedSeconds) (--node-timeout)", revision: revision)
            }
            progress?.update(done: done, total: reachable.count, failed: failed)
        }
        progress?.finish()
        return nodes.compactMap { scanned[$0.name] }
    }

    /// The kubelet's running config, or why RBAC refused it.
    struct RunningConfig: Sendable {
        var value: ConfigValue?
        var refused: String?
    }

    /// configz through the API server's node proxy; no value when it cannot be read, which
    /// leaves pending-restart undecided rather than failing the node. A refusal is kept,
    /// so the operator is told once instead of seeing in-sync where it is not known.
    static func runningConfig(of node: String, from kubernetes: any KubernetesAPI) async -> RunningConfig {
        do {
            let data = try await kubernetes.raw("/api/v1/nodes/\(node)/proxy/configz")
            let value = try? JSONDecoder().decode(ConfigValue.self, from: data)
            return RunningConfig(value: value?.value(at: ["kubeletconfig"]))
        } catch KubectlError.forbidden(let forbidden) {
            return RunningConfig(refused: forbidden.summary)
        } catch {
            return RunningConfig()
        }
    }

    static func evaluate(_ node: InventoryNode, snapshot: NodeSnapshot, kubeletConfig: ConfigValue?, revision: StoreRevision) -> ScannedNode {
        var files: [String: ObservedFile] = [:]
        for (path, file) in snapshot.files { files[path] = ObservedFile(file) }
        let cmdline = snapshot.files[Self.cmdline]?.content.map { String(decoding: $0, as: UTF8.self) }
        let marker = snapshot.files[NodeStatePaths.appliedRevision]?.content
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        let observation = NodeObservation(files: files, cmdline: cmdline, kubeletConfig: kubeletConfig, appliedRevision: marker?.isEmpty == false ? marker : nil, kubeletUnit: kubeletUnit(snapshot))
        let statuses = revision.manifest.entries.map { entry in
            DriftEvaluator.evaluate(entry, canonical: revision.canonicalFiles[entry.path], facts: node.facts, groups: node.groups, observation: observation)
        }
        return ScannedNode(inventory: node, error: nil, appliedRevision: observation.appliedRevision,
                           activationPending: snapshot.files[NodeStatePaths.pendingActivation].map { $0.state != .missing } ?? false, statuses: statuses)
    }

    static func unreachable(_ node: InventoryNode, reason: String, revision: StoreRevision) -> ScannedNode {
        let statuses = revision.manifest.entries.map { EntryStatus(path: $0.path, kind: $0.kind.name, state: .unreachable, detail: reason) }
        return ScannedNode(inventory: node, error: reason, appliedRevision: nil, statuses: statuses)
    }
}

extension ObservedFile {
    init(_ file: RemoteFile) {
        let state: State
        switch file.state {
        case .present: state = .present
        case .missing: state = .missing
        case .unreadable: state = .unreadable
        case .notARegularFile: state = .notRegular
        case .tooLarge: state = .tooLarge
        }
        let mode = file.mode.map { String(repeating: "0", count: max(0, 4 - $0.count)) + $0 }
        self.init(state: state, content: file.content, mode: mode, owner: file.user, group: file.group)
    }
}
