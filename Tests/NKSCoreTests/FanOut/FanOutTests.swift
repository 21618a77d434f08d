// Fan-out: bounded concurrency, a hanging node cut off by its timeout (its process killed)
// while the others finish, failures classified, results streamed.
import Foundation
import Synchronization
import Testing
@testable import NKSCore

private final class Gauge: Sendable {
    private let state = Mutex((current: 0, peak: 0))
    func enter() { state.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) } }
    func leave() { state.withLock { $0.current -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}

@Suite struct FanOutTests {
    let nodes = (0..<40).map { NodeTarget(name: "node-\($0)", address: "10.0.0.\($0)") }

    @Test func neverRunsMoreThanTheLimitAtOnce() async {
        let gauge = Gauge()
        let results = await FanOut(concurrency: 4, nodeTimeout: .seconds(30)).collect(over: nodes) { node in
            gauge.enter()
            defer { gauge.leave() }
            try await Task.sleep(for: .milliseconds(20))
            return node.name
        }
        #expect(results.count == 40)
        #expect(Set(results.compactMap { if case .ok(let name) = $0.outcome { name } else { nil } }) == Set(nodes.map(\.name)))
        #expect(gauge.peak == 4)
    }

    @Test func aHangingNodeTimesOutAndItsProcessIsKilledWhileOthersFinish() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("nks-fanout-\(UUID().uuidString)").path
        let runner = SubprocessRunner()
        let targets = Array(nodes.prefix(6))
        let results = await FanOut(concurrency: 2, nodeTimeout: .milliseconds(500)).collect(over: targets) { node in
            if node.name == "node-0" {
                _ = try await runner.run(ProcessInvocation("sh", ["-c", "sleep 3; touch \(marker)"]))
            } else if node.name == "node-1" {
                throw NodeAccessError.remoteScriptFailed(node: node.name, exitCode: 2, detail: "boom")
            } else if node.name == "node-2" {
                throw NodeAccessError.unreachable(node: node.name, reason: "Connection refused")
            }
            return "ok"
        }
        var outcomes: [String: String] = [:]
        for result in results {
            switch result.outcome {
            case .ok: outcomes[result.node.name] = "ok"
            case .failed(let reason): outcomes[result.node.name] = "failed: " + reason
            case .unreachable: outcomes[result.node.name] = "unreachable"
            case .timedOut(let after): outcomes[result.node.name] = "timed out after \(after)"
            }
        }
        #expect(outcomes["node-0"] == "timed out after 0.5 seconds")
        #expect(outcomes["node-1"]?.hasPrefix("failed: node-1: the remote script failed") == true)
        #expect(outcomes["node-2"] == "unreachable")
        #expect(["node-3", "node-4", "node-5"].allSatisfy { outcomes[$0] == "ok" })
        try await Task.sleep(for: .seconds(3))
        #expect(!FileManager.default.fileExists(atPath: marker), "the timed-out node's process kept running")
    }

    @Test func streamsResultsAsTheyArrive() async {
        let slow = NodeTarget(name: "slow", address: "x"), fast = NodeTarget(name: "fast", address: "y")
        var order: [String] = []
        for await result in FanOut(concurrency: 2, nodeTimeout: .seconds(10)).run(over: [slow, fast], { node in
            try await Task.sleep(for: node == slow ? .milliseconds(300) : .milliseconds(1))
            return node.name
        }) {
            order.append(result.node.name)
        }
        #expect(order == ["fast", "slow"])
    }

    @Test func handlesAThousandNodes() async {
        let many = (0..<1000).map { NodeTarget(name: "n\($0)", address: "a") }
        var count = 0, okCount = 0
        for await result in FanOut(concurrency: 32, nodeTimeout: .seconds(30)).run(over: many, { $0.name }) {
            count += 1
            if result.outcome.isOK { okCount += 1 }
        }
        #expect(count == 1000 && okCount == 1000)
    }
}
