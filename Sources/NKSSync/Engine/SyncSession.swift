// Everything one nks-sync run needs, built from its flags: the store revision, the
// Kubernetes client, the node-access settings (flags > NKS_* > manifest > defaults) and
// the transport. Commands build one and hand it to the engine.
import Foundation
import NKSCore
import NKSStore

public struct SyncSession: Sendable {
    public var storePath: String
    public var revision: StoreRevision
    public var kubernetes: KubectlClient
    public var settings: NodeAccessSettings
    public var transport: any NodeTransport

    /// Opens the store (refusing a dirty one unless allowed), loads `revision` and prepares
    /// node access with the store's pinned host keys. `onePassPerNode` is for commands that
    /// contact each node once (status, diff, snapshot, import): no SSH control masters then,
    /// unless --ssh-persist keeps them for the next command.
    public static func open(
        store storeOptions: StoreOptions,
        revision: String? = nil,
        kubectl: KubectlOptions,
        access: NodeAccessOptions,
        onePassPerNode: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> SyncSession {
        let store = try ConfigStore.open(at: storeOptions.path)
        try store.ensureClean(allowDirty: storeOptions.allowDirty)
        let loaded = try store.load(revision: revision)
        var settings = try NodeAccessSettings.resolve(access, environment: environment, defaults: defaults(from: loaded.manifest.access, knownHosts: store.knownHostsPath))
        settings.ssh.multiplexes = !onePassPerNode
        // Per-node API calls (configz, the revision annotation) share one kubectl proxy.
        let kubernetes = KubectlClient(options: kubectl).withProxy()
        let transport = try settings.makeTransport(kubectlArguments: kubectl.globalArguments)
        return SyncSession(storePath: store.path, revision: loaded, kubernetes: kubernetes, settings: settings, transport: transport)
    }

    /// The manifest's access section as the lowest-priority node-access defaults.
    static func defaults(from access: AccessDefaults, knownHosts: String) -> NodeAccessDefaults {
        NodeAccessDefaults(
            method: access.transport.flatMap(NodeAccessMethod.init(rawValue:)),
            sshUser: access.user,
            sshIdentity: access.identity,
            sshPort: access.port,
            sshJump: access.jump,
            knownHostsFile: knownHosts,
            sudo: access.sudo,
            addressType: access.addressType.flatMap(NodeAddressType.init(rawValue:))
        )
    }

    /// Lists nodes and narrows them as the operator asked.
    public func inventory(_ selection: NodeSelectionOptions) async throws -> [InventoryNode] {
        let nodes = try await kubernetes.list(Node.self, namespace: .all, labelSelector: selection.selector, fieldSelector: nil)
        return try NodeInventory.select(nodes, names: selection.nodes, groups: selection.groups, manifest: revision.manifest, addressType: settings.addressType)
    }

    /// Host keys accepted on first contact (--accept-new-host-keys) are pinned in the
    /// store's known_hosts; they are committed so the team's store records every key it
    /// trusts, and who accepted it.
    public func finish() async throws {
        await close()
        guard settings.ssh.acceptNewHostKeys,
              settings.ssh.knownHostsFile == storePath + "/known_hosts" else { return }
        let store = try ConfigStore.open(at: storePath)
        try store.commitKnownHosts(signature: Identity.current(in: store))
    }

    /// Releases the transport and the proxy when a command fails or is interrupted; in a
    /// task of its own, because a cancelled caller's programs (ssh -O exit) would not start.
    public func close() async {
        let (transport, proxy) = (self.transport, kubernetes.proxy)
        await Task {
            await transport.shutdown()
            await proxy?.stop()
        }.value
    }

    public func scanner(noProgress: Bool) -> DriftScanner {
        DriftScanner(
            kubernetes: kubernetes,
            transport: transport,
            fanOut: FanOut(concurrency: settings.parallel, nodeTimeout: settings.nodeTimeout),
            progress: ProgressLine.forStandardError(noProgress: noProgress)
        )
    }
}
