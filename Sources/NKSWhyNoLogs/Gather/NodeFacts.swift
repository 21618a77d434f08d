// What one node contributes to the evidence — the node object, its events, the kubelet's
// log for a window, configz and the runtime's view — gathered concurrently, once per node.
import Foundation
import NKSCore

public struct NodeFacts: Sendable {
    public var node: Node?
    public var missing = false
    public var events: [Event] = []
    public var kubeletLines: [KubeletLogLine] = []
    public var kubeletLogSource: KubeletLogSource = .unavailable("not asked")
    public var kubeletConfig: KubeletConfigSummary?
    /// Where kubeletConfig came from: the running kubelet's configz, or its config file.
    public var kubeletConfigSource = KubeletConfigSummary.configzSource
    /// `crictl inspect` results by container id: (found, text).
    public var runtime: [String: (found: Bool, text: String)] = [:]
    /// Each container's log directory by container id (absent: not found or not read).
    public var logFiles: [String: ContainerLogFiles] = [:]
    public var notes: [String] = []
}

/// Reads journal and runtime state over a node transport; injected so tests need no sshd.
public protocol NodeShell: Sendable {
    /// Runs named commands on the node in one round trip; output by name.
    func run(_ commands: [NamedCommand], on node: Node) async throws -> [String: ShellOutput]
}

/// One command's exit code and output.
public struct ShellOutput: Sendable, Hashable {
    public var exitCode: Int32
    public var outputText: String
    public init(exitCode: Int32, outputText: String) {
        self.exitCode = exitCode
        self.outputText = outputText
    }
}

/// The real NodeShell: NodeReader over the configured transport.
public struct TransportNodeShell: NodeShell {
    public var transport: any NodeTransport
    public var addressType: NodeAddressType
    public var timeout: Duration

    public init(transport: any NodeTransport, addressType: NodeAddressType, timeout: Duration) {
        self.transport = transport
        self.addressType = addressType
        self.timeout = timeout
    }

    public func run(_ commands: [NamedCommand], on node: Node) async throws -> [String: ShellOutput] {
        guard let target = NodeTarget(node, addressType: addressType) else {
            throw NodeShellError(message: "node \(node.metadata.name) has no \(addressType.rawValue) address to connect to")
        }
        let results = try await NodeReader(transport: transport).read(NodeReadRequest(files: [], commands: commands), from: target, timeout: timeout).commands
        return results.mapValues { ShellOutput(exitCode: $0.exitCode, outputText: $0.outputText) }
    }
}

struct NodeShellError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

enum NodeFactsReader {
    /// `since` bounds the kubelet log window; `containerIDs` are inspected in the runtime and
    /// the `logDirectories` listed, in one round trip.
    static func read(name: String, since: Date, now: Date, containerIDs: [String], logDirectories: [LogDirectoryProbe] = [], api: any KubernetesAPI, shell: (any NodeShell)?) async -> NodeFacts {
        var facts = NodeFacts()
        async let nodeResult: Result<Node, any Error> = capture { try await api.get(Node.self, name: name, namespace: nil) }
        // The kubelet and the node controller record node events in the default namespace;
        // asking there (not across all namespaces) keeps the query small on big clusters.
        async let eventsResult: Result<[Event], any Error> = capture {
            try await api.list(Event.self, namespace: .named("default"), labelSelector: nil, fieldSelector: "involvedObject.kind=Node,involvedObject.name=\(name)")
        }
        async let logQuery: Result<Data, any Error> = capture { try await api.raw("/api/v1/nodes/\(name)/proxy/logs/?query=kubelet&sinceTime=\(ReportTime.format(since))") }
        async let configz: Result<Data, any Error> = capture { try await api.raw("/api/v1/nodes/\(name)/proxy/configz") }

        switch await nodeResult {
        case .success(let node): facts.node = node
        case .failure(let error):
            if case .notFound? = error as? KubectlError { facts.missing = true } else { facts.notes.append("node \(name): \(error)") }
        }
        // The runtime's view goes over the node transport as soon as the node's address is
        // known, while the API answers the rest.
        let inspects = containerIDs.map { NamedCommand(name: "inspect-\($0)", command: "crictl inspect \(ShellQuoting.quote($0))") }
            + logDirectories.map(\.command)
        let node = facts.node
        async let runtime: Result<[String: ShellOutput], any Error>? = {
            guard let shell, let node, !inspects.isEmpty else { return nil }
            return await capture { try await shell.run(inspects, on: node) }
        }()

        switch await eventsResult {
        case .success(let events): facts.events = events
        case .failure(let error): facts.notes.append("events of node \(name): \(error)")
        }
        // Without nodes/proxy (a read-only role) neither the node log query nor configz can be
        // asked through the API server: both are read on the node instead, said once.
        var proxyForbidden: KubectlError.Forbidden?
        switch await configz {
        case .success(let data): facts.kubeletConfig = KubeletConfigSummary.parse(data)
        case .failure(let error): proxyForbidden = NodeProxyDenial.forbidden(error)
        }

        var journalNeeded = true
        switch await logQuery {
        case .success(let data):
            let text = String(decoding: data, as: UTF8.self)
            if KubeletLogQuery.isDirectoryListing(text) {
                facts.notes.append("node log query is disabled on \(name) (the kubelet answered /logs/ with a directory listing); read the kubelet journal over the node transport")
            } else {
                facts.kubeletLines = KubeletLogQuery.recognise(text, since: since, now: now)
                facts.kubeletLogSource = .nodeLogQuery
                journalNeeded = false
            }
        case .failure(let error):
            if let denial = NodeProxyDenial.forbidden(error) {
                proxyForbidden = denial
            } else {
                facts.notes.append("node log query on \(name) failed: \(error)")
            }
        }
        if let proxyForbidden {
            facts.notes.append(NodeProxyDenial.note(proxyForbidden, node: name, nodeAccess: shell != nil && facts.node != nil))
        }

        switch await runtime {
        case .success(let results)?:
            for id in containerIDs {
                guard let result = results["inspect-\(id)"] else { continue }
                let text = result.outputText.split(separator: "\n").prefix(2).joined(separator: " ")
                facts.runtime[id] = (result.exitCode == 0, result.exitCode == 0 ? "crictl inspect \(id.prefix(13)): container present" : "crictl inspect \(id.prefix(13)): \(text.isEmpty ? "not found" : text)")
            }
            for probe in logDirectories {
                if let result = results[probe.commandName], let files = LogDirectoryProbe.parse(result.outputText) {
                    facts.logFiles[probe.containerID] = files
                }
            }
        case .failure(let error)?:
            facts.notes.append("node \(name) over the node transport: \(error)")
        case nil:
            break
        }

        let configFileNeeded = facts.kubeletConfig == nil && proxyForbidden != nil
        guard journalNeeded || configFileNeeded else { return facts }
        guard !facts.missing, let node, let shell else {
            if journalNeeded {
                facts.kubeletLogSource = .unavailable(facts.missing ? "the node no longer exists" : "node log query unavailable and no node access")
            }
            return facts
        }
        let epoch = Int(since.timeIntervalSince1970)
        var commands: [NamedCommand] = []
        if journalNeeded {
            commands.append(NamedCommand(name: "journal", command: "journalctl -u kubelet --no-pager --utc -o short-iso-precise --since @\(epoch)"))
        }
        if configFileNeeded {
            commands.append(NamedCommand(name: "kubelet-config", command: "cat \(ShellQuoting.quote(KubeletConfigSummary.configFile))"))
        }
        do {
            let results = try await shell.run(commands, on: node)
            if let result = results["journal"] {
                facts.kubeletLines = KubeletLogQuery.recognise(result.outputText, since: since, now: now)
                facts.kubeletLogSource = .journal
            }
            if let result = results["kubelet-config"], result.exitCode == 0, let config = KubeletConfigSummary.parseFile(result.outputText) {
                facts.kubeletConfig = config
                facts.kubeletConfigSource = KubeletConfigSummary.configFileSource
            }
        } catch {
            facts.notes.append("kubelet \(journalNeeded ? "journal" : "config file") on \(name) over the node transport: \(error)")
            if journalNeeded { facts.kubeletLogSource = .unavailable("\(error)") }
        }
        return facts
    }

    private static func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }
}

enum KubeletLogQuery {
    /// A kubelet without NodeLogQuery answers /logs/ with 200 and an HTML listing of /var/log.
    static func isDirectoryListing(_ text: String) -> Bool {
        let head = text.prefix(512).lowercased()
        return head.contains("<pre>") && head.contains("<a href=")
    }

    /// Recognised lines inside the window (undated lines are kept: they cannot be placed).
    static func recognise(_ text: String, since: Date, now: Date) -> [KubeletLogLine] {
        text.split(separator: "\n").compactMap { KubeletLogLine.recognise(String($0), reference: since) }
            .filter { ($0.time ?? since) >= since }
    }
}
