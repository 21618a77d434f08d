// Pushes one node: writes its files atomically (compare-and-swap against what was read),
// runs their activation commands, records the revision on the node and on its Node object,
// then brings the running system in line: kubelet restart (waiting for Ready and configz),
// reboot (cordon, drain, reboot, wait for /proc/cmdline, uncordon) or kured's sentinel.
import Foundation
import NKSCore
import NKSStore

public enum RebootMode: String, Sendable {
    /// Leave kernel arguments pending-reboot.
    case none
    /// Cordon, drain, reboot, wait, uncordon.
    case now
    /// Write /var/run/reboot-required for kured to act on.
    case kured
}

public struct NodePushResult: Sendable, Encodable {
    public enum Outcome: String, Sendable, Encodable {
        case pushed
        case pendingReboot = "pending-reboot"
        case failed
        /// Stopped by the operator part way; `steps` says how far it got.
        case interrupted
        /// The writes it could do were done, but some entries could not be brought to the
        /// revision (`error` says which), so the revision was not recorded on the node.
        case incomplete
    }

    public var node: String
    public var outcome: Outcome
    /// What was done, in order, for the record and the summary.
    public var steps: [String]
    public var error: String?
}

public struct NodePusher: Sendable {
    public var transport: any NodeTransport
    public var kubernetes: any KubernetesAPI
    public var revision: String
    public var commandTimeout: Duration
    public var waitTimeout: Duration
    public var reboot: RebootMode
    public var drain: @Sendable (String) async throws -> Void

    /// The annotation that shows on `kubectl get node -o yaml` which revision a node has.
    public static let revisionAnnotation = "nks-sync.kubectl-nks.io/revision"

    public init(transport: any NodeTransport, kubernetes: any KubernetesAPI, revision: String, commandTimeout: Duration, waitTimeout: Duration, reboot: RebootMode, drain: @escaping @Sendable (String) async throws -> Void) {
        self.transport = transport
        self.kubernetes = kubernetes
        self.revision = revision
        self.commandTimeout = commandTimeout
        self.waitTimeout = waitTimeout
        self.reboot = reboot
        self.drain = drain
    }

    public func push(_ plan: NodePushPlan) async -> NodePushResult {
        var steps: [String] = []
        do {
            try await apply(plan, steps: &steps)
            if !plan.blocked.isEmpty {
                return NodePushResult(node: plan.node.name, outcome: .incomplete, steps: steps,
                                      error: "revision not recorded: " + plan.blocked.joined(separator: "; "))
            }
            let outcome: NodePushResult.Outcome = plan.disruption == .reboot && reboot != .now ? .pendingReboot : .pushed
            return NodePushResult(node: plan.node.name, outcome: outcome, steps: steps, error: nil)
        } catch {
            guard Task.isCancelled else {
                return NodePushResult(node: plan.node.name, outcome: .failed, steps: steps, error: "\(error)")
            }
            await undoCordon(plan, steps: &steps)
            let done = steps.isEmpty ? "before any step was confirmed" : "after: " + steps.joined(separator: ", ")
            return NodePushResult(node: plan.node.name, outcome: .interrupted, steps: steps, error: "interrupted (\(done)); a rerun of push finishes it")
        }
    }

    /// A node cordoned for its reboot is not left unschedulable by an interruption. Run in
    /// a task of its own, because the interrupted one is cancelled and would stop kubectl.
    private func undoCordon(_ plan: NodePushPlan, steps: inout [String]) async {
        guard steps.contains("cordoned"), !steps.contains("uncordoned") else { return }
        let kubernetes = self.kubernetes, name = plan.node.name
        let undone = await Task.detached {
            (try? await kubernetes.patch(resource: "node", name: name, namespace: nil, patch: Self.unschedulable(false), type: .merge)) != nil
        }.value
        steps.append(undone ? "uncordoned after the interruption" : "could not uncordon after the interruption: run kubectl uncordon \(name)")
    }

    private func apply(_ plan: NodePushPlan, steps: inout [String]) async throws {
        let activation = plan.writes.flatMap(\.activate) + plan.pendingActivation
        // Activation, then the revision marker (renamed into place, so a reader sees the old
        // revision or the new one), only after every write and the activation succeeded; the
        // marker also clears the flag the writes left for an activation that may not run.
        // They ride with the last write, in its round trip.
        let marker = NodeStatePaths.appliedRevision, q = ShellQuoting.quote
        // Tests before mkdir and rm spare a process on every node in the usual case.
        let directory = q(NodeStatePaths.directory), pending = q(NodeStatePaths.pendingActivation)
        // A node with entries this push cannot bring gets no marker: it is not at the revision.
        let recordsRevision = plan.blocked.isEmpty
        let markerWrite = recordsRevision ? ["printf '%s\\n' \(q(revision)) > \(q(marker + ".new"))", "mv -f \(q(marker + ".new")) \(q(marker))"] : []
        let followUp = ["[ -d \(directory) ] || mkdir -p \(directory)"] + activation + markerWrite
            + ["[ ! -e \(pending) ] || rm -f \(pending)"]
        let writer = NodeWriter(transport: transport)
        for (index, write) in plan.writes.enumerated() {
            let last = index == plan.writes.count - 1
            let receipt = try await writer.write(
                AtomicFileWrite(path: write.path, content: write.content, owner: write.owner, group: write.group, mode: write.mode,
                                validator: write.validator, expectedPrevious: write.expectedPrevious,
                                flagBeforeRename: write.activate.isEmpty ? nil : NodeStatePaths.pendingActivation,
                                followUp: last ? followUp : []),
                to: plan.target, timeout: commandTimeout)
            steps.append("wrote \(write.path)")
            if case .failed(let detail) = receipt.followUp {
                throw PushError(description: "\(plan.target.name): '\(followUp.joined(separator: "; "))' failed: \(detail)")
            }
        }
        if plan.writes.isEmpty { try await run(followUp, on: plan.target) }
        if !activation.isEmpty { steps.append("ran \(activation.joined(separator: "; "))") }
        if recordsRevision {
            _ = try await kubernetes.annotate(resource: "node", name: plan.node.name, namespace: nil, annotations: [Self.revisionAnnotation: revision])
            steps.append("recorded revision \(revision.prefix(12))")
        }

        switch plan.disruption {
        case .none:
            break
        case .reload:
            try await run(["systemctl daemon-reload"], on: plan.target)
            steps.append("reloaded systemd units")
        case .restartKubelet:
            try await restartKubelet(plan, steps: &steps)
        case .reboot:
            if plan.writes.contains(where: { $0.disruption == .restartKubelet }) || plan.needsRestart {
                try await restartKubelet(plan, steps: &steps)
            }
            try await rebootNode(plan, steps: &steps)
        }
    }

    private func restartKubelet(_ plan: NodePushPlan, steps: inout [String]) async throws {
        try await run(["systemctl daemon-reload", "systemctl restart kubelet"], on: plan.target)
        steps.append("restarted kubelet")
        try await waitUntil("\(plan.node.name) Ready with the new kubelet configuration") {
            guard try await kubernetes.get(Node.self, name: plan.node.name, namespace: nil).isReady else { return false }
            guard !plan.restartChecks.isEmpty else { return true }
            guard let data = try? await kubernetes.raw("/api/v1/nodes/\(plan.node.name)/proxy/configz"),
                  let configz = try? JSONDecoder().decode(ConfigValue.self, from: data),
                  let running = configz.value(at: ["kubeletconfig"]) else { return false }
            return plan.restartChecks.allSatisfy { ConfigKeys.unmet(running, $0).isEmpty }
        }
        steps.append("kubelet Ready, configz shows the new values")
    }

    private func rebootNode(_ plan: NodePushPlan, steps: inout [String]) async throws {
        switch reboot {
        case .none:
            steps.append("left pending-reboot (use --reboot or --reboot-via-kured)")
        case .kured:
            try await run(["touch /var/run/reboot-required"], on: plan.target)
            steps.append("asked kured to reboot (/var/run/reboot-required)")
        case .now:
            try await setUnschedulable(plan.node.name, true)
            steps.append("cordoned")
            try await drain(plan.node.name)
            steps.append("drained")
            // Detached, so the command returns before the connection drops with the node.
            try await run(["(sleep 1; systemctl reboot || reboot) >/dev/null 2>&1 </dev/null &"], on: plan.target)
            steps.append("rebooted")
            let reader = NodeReader(transport: transport)
            try await waitUntil("\(plan.node.name) back with the new boot arguments") {
                guard try await kubernetes.get(Node.self, name: plan.node.name, namespace: nil).isReady else { return false }
                guard let snapshot = try? await reader.read(NodeReadRequest(files: [], commands: [NamedCommand(name: "cmdline", command: "cat /proc/cmdline")]), from: plan.target, timeout: commandTimeout),
                      let cmdline = snapshot.commands["cmdline"]?.outputText else { return false }
                let tokens = KernelArguments.cmdlineTokens(cmdline)
                return plan.rebootChecks.allSatisfy { spec in
                    let unmet = KernelArguments.unmet(tokens, spec)
                    return unmet.missing.isEmpty && unmet.unwanted.isEmpty
                }
            }
            steps.append("Ready with the new boot arguments")
            try await setUnschedulable(plan.node.name, false)
            steps.append("uncordoned")
        }
    }

    private func setUnschedulable(_ node: String, _ value: Bool) async throws {
        _ = try await kubernetes.patch(resource: "node", name: node, namespace: nil, patch: Self.unschedulable(value), type: .merge)
    }

    private static func unschedulable(_ value: Bool) -> Data {
        Data(#"{"spec":{"unschedulable":\#(value)}}"#.utf8)
    }

    private func run(_ commands: [String], on target: NodeTarget) async throws {
        let script = "set -e\n" + commands.joined(separator: "\n")
        let result = try await transport.execute(script, standardInput: Data(), on: target, timeout: commandTimeout)
        guard result.exitCode == 0 else {
            let detail = String(decoding: result.standardError, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "exit \(result.exitCode)"
            throw PushError(description: "\(target.name): '\(commands.joined(separator: "; "))' failed: \(detail)")
        }
    }

    private func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + waitTimeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .seconds(1))
        }
        throw PushError(description: "gave up waiting for \(what) after \(waitTimeout.formattedSeconds) (--wait-timeout)")
    }
}

public struct PushError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
