// Test suites run in parallel in one process; two labs at once on a 2-core CI machine
// starve each other's sshd nodes until the plugins' node timeouts fire. Every test that
// starts a lab therefore takes the one lab slot first, while unit tests keep running
// beside it.
import Foundation
import NKSLab

public actor LabGate {
    public static let shared = LabGate()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while this process holds the only lab slot.
    public nonisolated func exclusively<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            // The slot passes straight to the next test; `busy` stays true.
            waiting.removeFirst().resume()
        }
    }
}

/// Starts a lab for one test, holding the lab slot, and always stops it and removes its folder.
public func withLab(_ scenario: Scenario, nodes: Int, _ body: (Lab) async throws -> Void) async throws {
    try await LabGate.shared.exclusively {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-lab-test-\(UUID().uuidString)")
        let lab = try await Lab.start(scenario: scenario, nodeCount: nodes, directory: directory)
        do {
            try await body(lab)
        } catch {
            await lab.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        await lab.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
