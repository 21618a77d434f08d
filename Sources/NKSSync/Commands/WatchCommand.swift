// `kubectl nks-sync watch`: keeps running and pushes the store's revision to every node
// that joins or becomes Ready (the cluster autoscaler case), re-checks the rest
// periodically, and stops cleanly on SIGINT/SIGTERM.
import ArgumentParser
import Dispatch
import Foundation
import NKSCore
import NKSStore

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Push the store's revision to nodes as they join or become Ready; report drift periodically.",
        discussion: """
        Lists nodes every --interval; a node seen for the first time, or Ready again after \
        being NotReady, gets the current revision pushed (kubelet restarts wait for Ready; \
        reboots follow --reboot/--reboot-via-kured). Every --recheck, all nodes are \
        checked and drift is logged (pushed too with --push-drift). One line per action on \
        stdout. SIGINT or SIGTERM finish the node in progress and exit 0.

        In a cluster, run it as a Deployment with one replica whose service account may \
        list, patch and evict as push needs, with the store cloned into an emptyDir by an \
        init container and the SSH key and known_hosts from Secrets.
        """
    )

    @OptionGroup var selection: NodeSelectionOptions
    @Option(name: .customLong("interval"), help: "How often to list nodes.")
    var interval = "10s"
    @Option(name: .customLong("recheck"), help: "How often to check every node for drift.")
    var recheck = "10m"
    @Flag(name: .customLong("push-drift"), help: "Also push drift found by the periodic re-check (default: only report it).")
    var pushDrift = false
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions

    func validate() throws {
        for (flag, text) in [("--interval", interval), ("--recheck", recheck)] {
            do { _ = try NodeAccessSettings.duration(text, source: flag) } catch { throw ValidationError("\(error)") }
        }
    }

    func run() async throws {
        let loop = Task { try await CommandFailure.reporting { try await watch() } }
        let stop = SignalTrap(signals: [SIGINT, SIGTERM]) { _ in
            log("stopping: finishing the node in progress")
            loop.cancel()
        }
        defer { stop.remove() }
        do {
            try await loop.value
        } catch is CancellationError {
            log("stopped")
        }
    }

    private func watch() async throws {
        let every = try NodeAccessSettings.duration(interval, source: "--interval")
        let recheckEvery = try NodeAccessSettings.duration(recheck, source: "--recheck")
        var readySeen: [String: Bool] = [:]
        var lastRecheck = ContinuousClock.now
        var first = true
        while !Task.isCancelled {
            let session = try SyncSession.open(store: store, kubectl: kubectl, access: access)
            let nodes = try await session.inventory(selection)
            var arrivals: [InventoryNode] = []
            for node in nodes {
                let ready = node.node.isReady
                let before = readySeen[node.name]
                readySeen[node.name] = ready
                guard ready, !first else { continue }
                if before == nil { log("\(node.name) joined") ; arrivals.append(node) }
                else if before == false { log("\(node.name) is Ready again"); arrivals.append(node) }
            }
            let dueRecheck = first || ContinuousClock.now - lastRecheck >= recheckEvery
            if dueRecheck { lastRecheck = ContinuousClock.now }
            let checked = dueRecheck ? nodes : arrivals
            if !checked.isEmpty {
                try await reconcile(checked, pushing: dueRecheck && pushDrift ? nil : Set(arrivals.map(\.name)), session: session)
            }
            try await session.finish()
            if first { log("watching \(nodes.count) nodes at revision \(session.revision.shortID)") }
            first = false
            try await Task.sleep(for: every)
        }
    }

    /// Scans `nodes`; pushes those named in `pushing` (nil: every drifted node), logs the
    /// drift of the others.
    private func reconcile(_ nodes: [InventoryNode], pushing: Set<String>?, session: SyncSession) async throws {
        let scanned = await session.scanner(noProgress: true).scan(nodes, revision: session.revision)
        let (plans, skipped) = PushPlanner.plan(scanned, revision: session.revision)
        for node in skipped { log("\(node.node) \(node.outcome.rawValue): \(node.reason)") }
        let toPush = plans.filter { pushing?.contains($0.node.name) ?? true }
        for plan in plans where !(pushing?.contains(plan.node.name) ?? true) {
            log("\(plan.node.name) drifted: \(plan.writes.map(\.path).joined(separator: ", "))\(plan.needsRestart ? " (kubelet restart pending)" : "")\(plan.needsReboot ? " (reboot pending)" : "")")
        }
        guard !toPush.isEmpty else { return }
        let lock = try PushLock.acquire(store: session.storePath, holder: "watch")
        defer { lock.release() }
        let client = session.kubernetes
        let pusher = NodePusher(
            transport: session.transport, kubernetes: client, revision: session.revision.id,
            commandTimeout: session.settings.nodeTimeout, waitTimeout: try rollout.waitTimeoutDuration(),
            reboot: rollout.rebootMode, drain: { node in try await client.drain(node: node, timeout: .seconds(300)) }
        )
        let run = Rollout(settings: try rollout.settings(parallel: session.settings.parallel), pusher: pusher) { result in
            log("\(result.node) \(result.outcome.rawValue)" + (result.error.map { ": \($0)" } ?? ": \(result.steps.joined(separator: ", "))"))
        }
        // Detached from the watch loop: a stop signal cancels the loop, never a node half
        // way through its push.
        let result = await Task.detached { await run.run(toPush) }.value
        if let reason = result.stoppedBecause { log("push stopped: \(reason)") }
    }
}

/// One timestamped line on stdout per action, as a long-running process logs.
private func log(_ text: String) {
    let stamp = ISO8601DateFormatter().string(from: Date())
    FileHandle.standardOutput.write(Data("\(stamp) \(TerminalText.escaped(text))\n".utf8))
}
