// Carries out a plan: node scripts first (fanned out over nodes, in order on each), then
// API calls whose prerequisites succeeded; every outcome is written back into the report.
import Foundation
import NKSCore

public struct RepullExecutor: Sendable {
    public var api: any KubernetesAPI
    public var transport: any NodeTransport
    /// Node name → where to connect.
    public var targets: [String: NodeTarget]
    public var timeout: Duration

    public init(api: any KubernetesAPI, transport: any NodeTransport, targets: [String: NodeTarget], timeout: Duration) {
        self.api = api
        self.transport = transport
        self.targets = targets
        self.timeout = timeout
    }

    public func run(_ plan: RepullPlan) async -> RepullReport {
        var report = plan.report
        var outcome: [Int: Result<Void, RepairFailure>] = [:]
        // Nodes are independent of each other and run concurrently; one node's scripts run
        // in plan order, because a later one may need an earlier one's result (the pin of
        // an image the mirror pull has just tagged).
        var scriptsByNode: [String: [(index: Int, script: String)]] = [:]
        for (index, planned) in plan.steps.enumerated() {
            guard case .nodeScript(let node, let script) = planned.step else { continue }
            scriptsByNode[node, default: []].append((index, script))
        }
        await withTaskGroup(of: [(Int, Result<Void, RepairFailure>)].self) { group in
            for (node, scripts) in scriptsByNode {
                group.addTask {
                    var results: [(Int, Result<Void, RepairFailure>)] = []
                    for (index, script) in scripts { results.append((index, await self.runScript(script, on: node))) }
                    return results
                }
            }
            for await results in group {
                for (index, result) in results { outcome[index] = result }
            }
        }
        for (index, planned) in plan.steps.enumerated() {
            if case .nodeScript = planned.step { continue }
            if let failed = planned.after.first(where: { if case .success? = outcome[$0] { return false } else { return true } }) {
                outcome[index] = .failure(RepairFailure("not done: step \(failed + 1) before it failed"))
                continue
            }
            outcome[index] = await runAPI(planned.step)
        }
        for (index, planned) in plan.steps.enumerated() {
            for ref in [ActionRef(item: planned.item, action: planned.action)] + planned.alsoReports {
                switch outcome[index] {
                case .success?: report.items[ref.item].actions[ref.action].status = .done
                case .failure(let failure)?:
                    report.items[ref.item].actions[ref.action].status = .failed
                    report.items[ref.item].actions[ref.action].detail += " — " + failure.message
                case nil: break
                }
            }
        }
        return report
    }

    func runScript(_ script: String, on node: String) async -> Result<Void, RepairFailure> {
        guard let target = targets[node] else { return .failure(RepairFailure("node \(node) has no address to connect to")) }
        do {
            let result = try await transport.execute(script, standardInput: Data(), on: target, timeout: timeout)
            if result.exitCode == 0 { return .success(()) }
            let text = result.standardErrorText.split(separator: "\n").last.map(String.init) ?? "exit code \(result.exitCode)"
            return .failure(RepairFailure(TerminalText.escaped(text)))
        } catch {
            return .failure(RepairFailure(TerminalText.escaped("\(error)")))
        }
    }

    func runAPI(_ step: RepairStep) async -> Result<Void, RepairFailure> {
        do {
            switch step {
            case .deletePod(let namespace, let name):
                try await api.delete(resource: "pods", name: name, namespace: namespace)
            case .patch(let resource, let name, let namespace, let body):
                _ = try await api.patch(resource: resource, name: name, namespace: namespace, patch: body, type: .json)
            case .nodeScript:
                break
            }
            return .success(())
        } catch {
            return .failure(RepairFailure("\(error)"))
        }
    }
}

public struct RepairFailure: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
