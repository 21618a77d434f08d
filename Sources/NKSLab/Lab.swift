// A running simulated cluster: the fake API server plus one real sshd per worker node, each
// in its own mount namespace; what integration tests and `nks-lab serve` drive in-process.
import Foundation
import NKSCore

public actor Lab {
    public nonisolated let paths: LabPaths
    public nonisolated let scenario: Scenario
    public nonisolated let state: ClusterState
    public nonisolated let serverURL: URL
    /// Nodes get 127.<block>.x.y.
    public nonisolated let addressBlock: UInt8
    private let server: FakeAPIServer
    private let process: NodeProcess
    private let provisioner = NodeProvisioner()
    private var nodesByName: [String: LabNode] = [:]
    private var order: [String] = []
    private var pinnedKeys: [String: String] = [:]
    private var kubeletRestarts: [String: Int] = [:]
    private var restartWatcher: Task<Void, Never>?

    private init(paths: LabPaths, scenario: Scenario, state: ClusterState, server: FakeAPIServer, serverURL: URL, addressBlock: UInt8) {
        self.paths = paths
        self.scenario = scenario
        self.state = state
        self.server = server
        self.serverURL = serverURL
        self.addressBlock = addressBlock
        self.process = NodeProcess(shimDirectory: paths.shims, profile: paths.nodeProfile)
    }

    /// Starts the API server and every node, then writes kubeconfig, ssh files and env.
    /// Needs root (mount namespaces, overlay mounts, sshd on port 22).
    public static func start(scenario: Scenario, nodeCount: Int? = nil, directory: URL, addressBlock: UInt8? = nil, apiPort: Int = 0) async throws -> Lab {
        guard getuid() == 0 else { throw LabError.notRoot }
        let paths = LabPaths(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let block = try addressBlock ?? freeAddressBlock()
        let state = ClusterState()
        let server = FakeAPIServer(state: state, port: apiPort)
        let url = try await server.start()
        let lab = Lab(paths: paths, scenario: scenario, state: state, server: server, serverURL: url, addressBlock: block)
        do {
            try await lab.populate(nodeCount: nodeCount ?? scenario.nodeCount ?? Scenario.defaultNodeCount)
        } catch {
            await lab.stop()
            throw error
        }
        await lab.watchKubeletRestarts()
        return lab
    }

    private func populate(nodeCount: Int) async throws {
        try FakeAPIServer.writeKubeconfig(serverURL: serverURL, to: paths.kubeconfig.path)
        try NodeShims.install(into: paths.shims)
        try Data(NodeProcess.stockProfile.utf8).write(to: paths.nodeProfile)
        if !FileManager.default.fileExists(atPath: paths.identity.path) {
            try await SSHKeys.generate(at: paths.identity, comment: "nks-lab client", runner: SubprocessRunner())
        }
        for object in scenario.objects ?? [] { try await state.upsert(object.json) }
        for log in scenario.podLogs ?? [] {
            let answer: LogAnswer
            if let text = log.text { answer = .text(text) }
            else if let status = log.status { answer = .status(code: status.code, reason: status.reason, message: status.message) }
            else { answer = .bodyWithSuccess(log.bodyWithSuccess ?? "") }
            await state.setPodLogs(namespace: log.namespace, pod: log.pod, container: log.container, previous: log.previous ?? false, answer: answer)
        }
        let resolved: [ResolvedNode]
        do { resolved = try scenario.resolveNodes(count: nodeCount) } catch {
            throw ScenarioError(file: scenario.name, problem: error.message)
        }
        try await startNodes(resolved)
        try writeClientFiles()
    }

    /// Provisions and starts nodes a few dozen at a time; each node's key is pinned before
    /// a `host-key-changed` node swaps it.
    private func startNodes(_ resolved: [ResolvedNode]) async throws {
        let provisioner = self.provisioner, process = self.process, paths = self.paths, block = addressBlock
        let started = try await withThrowingTaskGroup(of: (LabNode, String).self) { group in
            var results: [(LabNode, String)] = []
            var pending = resolved[...]
            func launch(_ node: ResolvedNode) {
                group.addTask {
                    let layout = NodeLayout(name: node.name, address: NodeLayout.address(block: block, index: node.index), labDirectory: paths.directory)
                    try await provisioner.provision(layout, spec: node.spec, clientPublicKey: paths.identity.appendingPathExtension("pub"))
                    let pinned = try SSHKeys.publicKey(layout.hostKey)
                    if node.state == .hostKeyChanged { try await provisioner.generateHostKey(layout) }
                    var pid: Int32?
                    if node.state != .unreachable {
                        pid = try await process.start(layout, withoutReadOverride: node.state == .unreadable)
                    }
                    return (LabNode(name: node.name, index: node.index, address: layout.address, state: node.state, pid: pid, layout: layout), pinned)
                }
            }
            for _ in 0..<32 { if let next = pending.popFirst() { launch(next) } }
            while let result = try await group.next() {
                results.append(result)
                if let next = pending.popFirst() { launch(next) }
            }
            return results
        }
        for (node, key) in started.sorted(by: { $0.0.index < $1.0.index }) {
            if nodesByName[node.name] == nil { order.append(node.name) }
            nodesByName[node.name] = node
            pinnedKeys[node.name] = key
        }
        for node in resolved {
            guard let started = nodesByName[node.name] else { continue }
            try await state.upsert(LabClusterObjects.node(node, address: started.address).json)
            if let configz = LabClusterObjects.configz(node) {
                await state.setNodeProxy(node: node.name, path: "configz", answer: .json(configz.json))
            }
            for (path, answer) in node.spec.proxy ?? [:] {
                await state.setNodeProxy(node: node.name, path: path, answer: Self.proxyAnswer(answer))
            }
        }
    }

    private static func proxyAnswer(_ spec: ProxySpec) -> ProxyAnswer {
        if let json = spec.json { return .json(json.json) }
        if let text = spec.text { return .text(text, contentType: spec.contentType ?? "text/plain") }
        if let code = spec.status { return .status(code: code, message: spec.message ?? "") }
        return .directoryListing
    }

    private func writeClientFiles() throws {
        let nodes = self.nodes
        try LabClientFiles.sshConfig(nodes: nodes, paths: paths).write(to: paths.sshConfig, atomically: true, encoding: .utf8)
        let keys = nodes.map { (name: $0.name, address: $0.address, key: pinnedKeys[$0.name] ?? "") }
        try LabClientFiles.knownHosts(keys).write(to: paths.knownHosts, atomically: true, encoding: .utf8)
        try LabClientFiles.env(paths: paths).write(to: paths.env, atomically: true, encoding: .utf8)
        try nodes.map { "\($0.name) \($0.address) \($0.state.rawValue)\n" }.joined().write(to: paths.nodesFile, atomically: true, encoding: .utf8)
    }

    /// Stops every node and the API server; leaves no process behind.
    public func stop() async {
        restartWatcher?.cancel()
        defer { AddressBlocks.release(addressBlock) }
        await NodeProcess.stop(nodesByName.values.map(\.layout))
        for name in order { nodesByName[name]?.pid = nil }
        await server.stop()
    }

    public var nodes: [LabNode] { order.compactMap { nodesByName[$0] } }

    func restartCount(of node: String) -> Int { kubeletRestarts[node, default: 0] }
    func setRestartCount(_ count: Int, of node: String) { kubeletRestarts[node] = count }
    func setRestartWatcher(_ task: Task<Void, Never>) { restartWatcher = task }

    public func node(named name: String) -> LabNode? { nodesByName[name] }

    private func requireNode(_ name: String) throws -> LabNode {
        guard let node = nodesByName[name] else { throw LabError.unknownNode(name) }
        return node
    }

    /// The node's shim call log: one shell-quoted command line per call.
    public func calls(on name: String) async throws -> [String] {
        try await readFile(NodeShims.callLog, on: name).split(separator: "\n").map(String.init)
    }

    /// A node file as the node sees it (through its namespace while it runs).
    public func readFile(_ path: String, on name: String) async throws -> String {
        let node = try requireNode(name)
        guard let pid = node.pid else {
            guard let host = node.layout.hostPath(forNodePath: path) else { throw LabError.nodeNotRunning(name) }
            return try String(contentsOf: host, encoding: .utf8)
        }
        let output = try await process.run(in: pid, ["cat", path])
        guard output.succeeded else {
            throw LabError.commandFailed(what: "reading \(path) on \(name)", command: "nsenter -t \(pid) -m cat \(path)", detail: output.standardErrorText)
        }
        return output.standardOutputText
    }

    /// Writes a node file as the node would see it written.
    public func writeFile(_ content: String, to path: String, on name: String, mode: UInt16 = 0o644) async throws {
        let node = try requireNode(name)
        guard let pid = node.pid else {
            try provisioner.write(content, to: node.layout, path: path, mode: mode)
            return
        }
        let script = "mkdir -p \"$(dirname \"$1\")\" && cat > \"$1\" && chmod \"$2\" \"$1\""
        let output = try await process.run(in: pid, ["sh", "-c", script, "sh", path, String(mode, radix: 8)], input: Data(content.utf8))
        guard output.succeeded else {
            throw LabError.commandFailed(what: "writing \(path) on \(name)", command: "nsenter -t \(pid) -m sh -c …", detail: output.standardErrorText)
        }
    }

    /// Runs a command on a running node (in its namespace, as root with full capabilities).
    public func run(_ arguments: [String], on name: String) async throws -> ProcessOutput {
        let node = try requireNode(name)
        guard let pid = node.pid else { throw LabError.nodeNotRunning(name) }
        return try await process.run(in: pid, arguments)
    }

    public func stopNode(_ name: String) async throws {
        let node = try requireNode(name)
        await NodeProcess.stop([node.layout])
        nodesByName[name]?.pid = nil
    }

    public func startNode(_ name: String) async throws {
        let node = try requireNode(name)
        guard node.pid == nil else { return }
        let pid = try await process.start(node.layout, withoutReadOverride: node.state == .unreadable)
        nodesByName[name]?.pid = pid
        if node.state == .unreachable { nodesByName[name]?.state = .ready }
    }

    /// Gives the node a new host key (as a reinstalled node has); known_hosts keeps the old one.
    public func rotateHostKey(node name: String) async throws {
        let node = try requireNode(name)
        let wasRunning = node.pid != nil
        if wasRunning { try await stopNode(name) }
        try await provisioner.generateHostKey(node.layout)
        nodesByName[name]?.state = .hostKeyChanged
        if wasRunning { try await startNode(name) }
    }

    /// A new node joins (as an autoscaled one does): the next number, from the scenario.
    @discardableResult
    public func addNode() async throws -> LabNode {
        let index = (nodesByName.values.map(\.index).max() ?? 0) + 1
        let resolved: ResolvedNode
        do { resolved = try scenario.resolveNode(index: index) } catch { throw ScenarioError(file: scenario.name, problem: error.message) }
        try await startNodes([resolved])
        try writeClientFiles()
        return nodesByName[resolved.name]!
    }

    /// A 127.N block (N in 100..<250) where nothing answers on 127.N.0.1:22; the search
    /// starts at a place derived from our pid so labs started at once by different
    /// processes rarely probe the same block first.
    static func freeAddressBlock() throws -> UInt8 {
        let start = Int(getpid()) % 150
        return try AddressBlocks.reserve { taken in
            for step in 0..<150 {
                let block = UInt8(100 + (start + step) % 150)
                if taken.contains(block) { continue }
                if !LoopbackProbe.isListening(address: "127.\(block).0.1", port: 22) { return block }
            }
            throw LabError.noFreeAddressBlock
        }
    }
}
