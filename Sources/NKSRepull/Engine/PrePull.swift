// `--image` and `--defaults`: which of the wanted images each selected node lacks, read
// from the runtime itself (`crictl images`, one round trip per node), and the pulls that put
// them back — only on the nodes that lack them, one image after another per node.
import Foundation
import NKSCore

/// Per node: what it lacked and what was (or would be) done about it.
public struct PrePullReport: Codable, Sendable, Hashable {
    public var nodes: [PrePullNode]
    public init(nodes: [PrePullNode]) { self.nodes = nodes }
}

public struct PrePullNode: Codable, Sendable, Hashable {
    public var node: String
    public var runtime: String
    /// Canonical references of the wanted images the node does not hold.
    public var missing: [String]
    /// Why the node could not be read, when it could not.
    public var error: String?
    public var actions: [RepullAction]
}

public struct PrePullPlanner: Sendable {
    /// Per node the images it lacks and the script for each; nodes that could not be read
    /// get no pulls.
    public static func plan(wanted: [ImageReference], nodes: [(node: Node, held: Result<Set<String>, RepairFailure>)],
                            settings: RepairSettings, planned: RepullAction.Status) throws -> (PrePullReport, [String: [(image: ImageReference, script: String)]]) {
        var report: [PrePullNode] = []
        var scripts: [String: [(image: ImageReference, script: String)]] = [:]
        for (node, held) in nodes {
            let name = node.metadata.name
            let runtime = RuntimeKind(node: node)
            switch held {
            case .failure(let failure):
                report.append(PrePullNode(node: name, runtime: runtime.rawValue, missing: [], error: failure.message, actions: []))
            case .success(let images):
                let missing = wanted.filter { !images.contains($0.canonical) }
                var actions: [RepullAction] = []
                for image in missing {
                    if settings.mirror != nil, let refusal = settings.mirrorAllowList.refusal(for: image) {
                        actions.append(RepullAction(.mirrorPull, "\(image.canonical): " + refusal, status: .skipped, origin: ImageOrigin(image)))
                        continue
                    }
                    if settings.mirror != nil, let limitation = ImageCommands.mirrorLimitation(target: image, runtime: runtime) {
                        actions.append(RepullAction(.mirrorPull, limitation, status: .skipped))
                        continue
                    }
                    let source = try settings.mirror.map { try settings.layout.mirrorReference(for: image, prefix: $0) } ?? image
                    let pin = runtime == .containerd && BaseImages.isPause(image)
                    guard let script = ImageCommands.pullScript(source: source, target: image, runtime: runtime, pin: pin) else {
                        actions.append(RepullAction(source == image ? .prePull : .mirrorPull, "\(image.canonical): no image commands for \(runtime.rawValue) nodes", status: .skipped))
                        continue
                    }
                    scripts[name, default: []].append((image, script))
                    var summary = ImageCommands.summary(source: source, target: image, runtime: runtime) + (pin ? " && pin it" : "")
                    if source != image { summary += " (\(settings.mirrorAllowList.permission(for: image)))" }
                    actions.append(RepullAction(source == image ? .prePull : .mirrorPull, summary, status: planned, origin: source == image ? nil : ImageOrigin(image)))
                }
                report.append(PrePullNode(node: name, runtime: runtime.rawValue, missing: missing.map(\.canonical), error: nil, actions: actions))
            }
        }
        return (PrePullReport(nodes: report.sorted { $0.node < $1.node }), scripts)
    }
}

public struct PrePullRunner: Sendable {
    public var transport: any NodeTransport
    public var fanOut: FanOut

    public init(transport: any NodeTransport, fanOut: FanOut) {
        self.transport = transport
        self.fanOut = fanOut
    }

    /// `crictl images` on every node, parsed into canonical references.
    public func inventory(_ targets: [NodeTarget]) async -> [String: Result<Set<String>, RepairFailure>] {
        let transport = self.transport
        let timeout = fanOut.nodeTimeout
        var result: [String: Result<Set<String>, RepairFailure>] = [:]
        for await item in fanOut.run(over: targets, { target in
            try await transport.execute("crictl images\n", standardInput: Data(), on: target, timeout: timeout)
        }) {
            switch item.outcome {
            case .ok(let output) where output.exitCode == 0:
                result[item.node.name] = .success(ImageCommands.parseImageList(String(decoding: output.standardOutput, as: UTF8.self)))
            case .ok(let output):
                let line = output.standardErrorText.split(separator: "\n").last.map(String.init) ?? "exit code \(output.exitCode)"
                result[item.node.name] = .failure(RepairFailure("crictl images failed: " + TerminalText.escaped(line)))
            case .failed(let reason), .unreachable(let reason):
                result[item.node.name] = .failure(RepairFailure(TerminalText.escaped(reason)))
            case .timedOut(let after):
                result[item.node.name] = .failure(RepairFailure("no answer within \(after)"))
            }
        }
        return result
    }

    /// Runs each node's pulls in order (one pull at a time per node, nodes side by side)
    /// and marks the report's actions done or failed.
    public func run(_ report: PrePullReport, scripts: [String: [(image: ImageReference, script: String)]], targets: [String: NodeTarget]) async -> PrePullReport {
        let transport = self.transport
        let perPull = fanOut.nodeTimeout
        let work = scripts.mapValues { $0.map(\.script) }
        let nodes = work.keys.sorted().compactMap { targets[$0] }
        var outcomes: [String: [Result<Void, RepairFailure>]] = [:]
        let wide = FanOut(concurrency: fanOut.concurrency, nodeTimeout: perPull * max(1, work.values.map(\.count).max() ?? 1))
        for await item in wide.run(over: nodes, { target in
            var results: [Result<Void, RepairFailure>] = []
            for script in work[target.name] ?? [] {
                do {
                    let output = try await transport.execute(script, standardInput: Data(), on: target, timeout: perPull)
                    if output.exitCode == 0 { results.append(.success(())) } else {
                        let line = output.standardErrorText.split(separator: "\n").last.map(String.init) ?? "exit code \(output.exitCode)"
                        results.append(.failure(RepairFailure(TerminalText.escaped(line))))
                    }
                } catch {
                    results.append(.failure(RepairFailure(TerminalText.escaped("\(error)"))))
                }
            }
            return results
        }) {
            if case .ok(let results) = item.outcome { outcomes[item.node.name] = results } else {
                outcomes[item.node.name] = (work[item.node.name] ?? []).map { _ in .failure(RepairFailure("the node did not answer")) }
            }
        }
        var result = report
        for index in result.nodes.indices {
            let name = result.nodes[index].node
            var results = (outcomes[name] ?? [])[...]
            for actionIndex in result.nodes[index].actions.indices where result.nodes[index].actions[actionIndex].status == .planned {
                switch results.popFirst() {
                case .success?: result.nodes[index].actions[actionIndex].status = .done
                case .failure(let failure)?:
                    result.nodes[index].actions[actionIndex].status = .failed
                    result.nodes[index].actions[actionIndex].detail += " — " + failure.message
                case nil:
                    result.nodes[index].actions[actionIndex].status = .failed
                    result.nodes[index].actions[actionIndex].detail += " — node \(name) has no address to connect to"
                }
            }
        }
        return result
    }
}
