// What a push will do on each node: the files to write (rendered per node, written only
// if the node still has what was read: compare-and-swap), and the disruption that
// activates them. Built from a scan, so a rerun plans only what is still different.
import Foundation
import NKSCore
import NKSStore

public struct PlannedWrite: Sendable {
    public var path: String
    public var kind: String
    public var content: Data
    public var owner: String
    public var group: String
    public var mode: Int
    public var validator: String?
    /// The write is refused if the node's file changed since it was read.
    public var expectedPrevious: ExpectedPrevious
    public var activate: [String]
    public var disruption: Disruption
}

public struct NodePushPlan: Sendable {
    public var node: InventoryNode
    public var target: NodeTarget
    public var writes: [PlannedWrite]
    /// Files are right but the running kubelet has not loaded them.
    public var needsRestart: Bool
    /// Files are right but the running kernel has not booted with them.
    public var needsReboot: Bool
    /// Activation commands of entries whose files are already right but not active, run
    /// again before a restart or reboot (a grub file edited without grub2-mkconfig does
    /// not change the next boot).
    public var pendingActivation: [String] = []
    /// What configz must show once the kubelet has restarted.
    public var restartChecks: [ConfigKeysSpec] = []
    /// What /proc/cmdline must show once the node has rebooted.
    public var rebootChecks: [KernelArgumentsSpec] = []
    /// Files already at this revision, but the node's marker or its Node annotation does
    /// not say so (a push cut before the marker, or whose annotation failed), or a push was
    /// stopped between a file's rename and its activation: only the pending activation and
    /// the record are done again. Nodes nks-sync never pushed (no marker, no flag) are left
    /// alone.
    public var recordOnly = false
    /// Entries this push cannot bring to the revision on this node (unreadable, or no
    /// desired content could be rendered), with why: the node's other files are written,
    /// but its revision is not recorded, so nothing claims the node is at the revision.
    public var blocked: [String] = []

    /// The most disruptive step this node needs.
    public var disruption: Disruption {
        var level = writes.map(\.disruption).max() ?? .none
        if needsRestart { level = max(level, .restartKubelet) }
        if needsReboot { level = max(level, .reboot) }
        return level
    }
}

/// A node a push targeted but leaves untouched, and why: it could not be read at all
/// (`unreachable`), or none of what it needs can be done (`skipped`).
public struct SkippedNode: Sendable, Encodable, Equatable {
    public enum Outcome: String, Sendable, Encodable {
        case unreachable
        case skipped
    }

    public var node: String
    public var outcome: Outcome
    public var reason: String

    public init(node: String, outcome: Outcome, reason: String) {
        self.node = node
        self.outcome = outcome
        self.reason = reason
    }
}

public enum PushPlanner {
    /// Nodes with something to do, and nodes left out with the reason.
    public static func plan(_ scanned: [ScannedNode], revision: StoreRevision) -> (plans: [NodePushPlan], skipped: [SkippedNode]) {
        var plans: [NodePushPlan] = []
        var skipped: [SkippedNode] = []
        let entries = Dictionary(revision.manifest.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for node in scanned {
            if let error = node.error { skipped.append(SkippedNode(node: node.name, outcome: .unreachable, reason: error)); continue }
            guard let target = node.inventory.target else {
                skipped.append(SkippedNode(node: node.name, outcome: .unreachable, reason: "the node reports no address of the chosen --address-type"))
                continue
            }
            var plan = NodePushPlan(node: node.inventory, target: target, writes: [], needsRestart: false, needsReboot: false)
            for status in node.statuses {
                guard let entry = entries[status.path] else { continue }
                if [.drifted, .missing, .pendingRestart, .pendingReboot].contains(status.state) {
                    switch entry.kind {
                    case .keys(let spec, _): plan.restartChecks.append(spec)
                    case .kernelArgs(let spec): plan.rebootChecks.append(spec)
                    case .file, .envFlags: break
                    }
                }
                switch status.state {
                case .drifted, .missing:
                    guard let desired = status.desired else {
                        plan.blocked.append("\(status.path): \(status.detail)")
                        continue
                    }
                    plan.writes.append(write(for: entry, status: status, content: Data(desired.utf8)))
                case .pendingRestart:
                    plan.needsRestart = true
                    plan.pendingActivation += entry.activate
                case .pendingReboot:
                    plan.needsReboot = true
                    plan.pendingActivation += entry.activate
                case .unreadable: plan.blocked.append("\(status.path): \(status.detail)")
                case .unreachable: plan.blocked.append("\(status.path): \(status.detail.isEmpty ? "not read" : status.detail)")
                case .inSync, .notApplicable: break
                }
            }
            if node.activationPending {
                // Which file's activation was cut off is not known, so every in-sync entry
                // that has activation commands runs them (they are reloads, safe to repeat).
                for status in node.statuses where status.state == .inSync {
                    for command in entries[status.path]?.activate ?? [] where !plan.pendingActivation.contains(command) {
                        plan.pendingActivation.append(command)
                    }
                }
            }
            let recordBehind = node.appliedRevision.map { marker in
                marker != revision.id || node.inventory.node.metadata.annotations?[NodePusher.revisionAnnotation] != revision.id
            } ?? false
            if plan.writes.isEmpty, !plan.needsRestart, !plan.needsReboot, recordBehind || node.activationPending,
               node.statuses.allSatisfy({ [.inSync, .notApplicable].contains($0.state) }) {
                plan.recordOnly = true
            }
            if !plan.writes.isEmpty || plan.needsRestart || plan.needsReboot || plan.recordOnly {
                plans.append(plan)
            } else if !plan.blocked.isEmpty {
                skipped.append(SkippedNode(node: node.name, outcome: .skipped, reason: plan.blocked.joined(separator: "; ")))
            }
        }
        return (plans, skipped)
    }

    static func write(for entry: ManagedEntry, status: EntryStatus, content: Data) -> PlannedWrite {
        let observed = status.observed
        var owner = observed?.owner ?? "root", group = observed?.group ?? "root"
        var mode = observed?.mode.flatMap { Int($0, radix: 8) } ?? 0o644
        if case .file(let wantedOwner, let wantedGroup, let wantedMode, _) = entry.kind {
            owner = wantedOwner
            group = wantedGroup
            mode = Int(wantedMode, radix: 8) ?? 0o644
        }
        let previous: ExpectedPrevious = status.actual.map { .sha256(Hashing.sha256Hex(Data($0.utf8))) } ?? .absent
        return PlannedWrite(path: entry.path, kind: entry.kind.name, content: content, owner: owner, group: group, mode: mode,
                            validator: entry.validate, expectedPrevious: previous, activate: entry.activate, disruption: entry.disruption)
    }
}
