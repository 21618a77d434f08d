// `kubectl nks-sync push`: brings drifted nodes to the store's revision, safely.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write the store's configuration to drifted nodes and activate it.",
        discussion: """
        Shows the plan first (the diffs, the nodes, the disruption each needs), asks on a \
        terminal unless --yes, and never asks without one. Files are written atomically \
        (temp file, owner, mode, fsync, validation, rename, hash read back) and only if the \
        node still has what was read; the previous content is kept under /var/lib/nks-sync. \
        Kubelet settings restart the kubelet and wait for Ready and configz; kernel \
        arguments stay pending-reboot unless --reboot (cordon, drain, reboot, wait, \
        uncordon) or --reboot-via-kured. Every push is recorded in the store \
        (refs/nks/pushes/…) and on each node (its marker and Node annotation). \
        SIGINT or SIGTERM start no further node and let those in progress finish; a \
        second one interrupts them too. Either way the push is recorded and summarised.

        Every node the push targeted and did not bring to the revision is listed with \
        why: unreachable, skipped, failed, incomplete (some entries could not be brought, \
        so its revision is not recorded) or not-started.

        Exit status: 0 every targeted node is at the revision (or nothing to push), 1 \
        --dry-run or not confirmed with changes pending, 2 any targeted node was not \
        brought to the revision (unreachable, skipped, failed, incomplete, not started) \
        or the command failed, 130/143 interrupted by SIGINT/SIGTERM.

        Examples:
          kubectl nks-sync push --dry-run
          kubectl nks-sync push --yes --batches 1,5,25% --max-failures 1
          kubectl nks-sync push -l nodegroup=gpu --reboot --max-unavailable 2
        """
    )

    @OptionGroup var selection: NodeSelectionOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions
    @OptionGroup var progress: ProgressOptions

    func run() async throws {
        let outcome = try await CommandFailure.reporting {
            try await PushRun(selection: selection, rollout: rollout, store: store, kubectl: kubectl, access: access, progress: progress).run()
        }
        if outcome != ExitStatus.success { throw outcome }
    }
}

/// One push, from parsed options; shared by `push` and `rollback --push`.
struct PushRun {
    var selection: NodeSelectionOptions
    var rollout: RolloutOptions
    var store: StoreOptions
    var kubectl: KubectlOptions
    var access: NodeAccessOptions
    var progress: ProgressOptions

    func run() async throws -> ExitCode {
        let interruption = PushInterruption(tell: tell)
        let trap = SignalTrap(signals: [SIGINT, SIGTERM]) { interruption.received($0) }
        defer { trap.remove() }
        let work = Task { try await push(interruption) }
        interruption.preparing(work)
        do {
            return try await work.value
        } catch {
            // Cancelled while reading nodes or asking: whatever failed, nothing was changed.
            guard let signal = interruption.signalBeforeRollout else { throw error }
            warn("interrupted by \(SignalTrap.name(of: signal)) before any node was changed; nothing was pushed")
            return ExitStatus.interrupted(by: signal)
        }
    }

    private func push(_ interruption: PushInterruption) async throws -> ExitCode {
        let session = try SyncSession.open(store: store, kubectl: kubectl, access: access)
        let lock = try PushLock.acquire(store: session.storePath, holder: Identity.current(in: nil).name)
        defer { lock.release() }
        do {
            return try await push(session, interruption)
        } catch {
            await session.close()
            throw error
        }
    }

    private func push(_ session: SyncSession, _ interruption: PushInterruption) async throws -> ExitCode {
        let nodes = try await session.inventory(selection)
        let scanned = await session.scanner(noProgress: progress.noProgress).scan(nodes, revision: session.revision)
        try Task.checkCancellation()
        if let warning = scanned.configzWarning { warn(warning) }
        let (plans, skipped) = PushPlanner.plan(scanned, revision: session.revision)
        for line in ApplicabilityNotes.lines(nodes, revision: session.revision) { warn(line) }
        guard !plans.isEmpty else {
            try await session.finish()
            let matching = nodes.count - skipped.count
            StandardOutput.write("Nothing to push: \(matching) node\(matching == 1 ? "" : "s") match revision \(session.revision.shortID).\n" + PushPlanView.notPushed(skipped))
            if !skipped.isEmpty { warn("\(PushPlanView.tally(RolloutResult(results: [], notStarted: []), skipped: skipped)): these nodes are not at revision \(session.revision.shortID)") }
            return skipped.isEmpty ? ExitStatus.success : ExitStatus.failure
        }
        StandardOutput.write(PushPlanView.render(plans, skipped: skipped, scanned: scanned, revision: session.revision, reboot: rollout.rebootMode))
        if rollout.dryRun {
            try await session.finish()
            return ExitStatus.differencesFound
        }
        guard try await confirm(plans.count) else {
            try await session.finish()
            return ExitStatus.differencesFound
        }

        let client = session.kubernetes
        let pusher = NodePusher(
            transport: session.transport, kubernetes: client, revision: session.revision.id,
            commandTimeout: session.settings.nodeTimeout, waitTimeout: try rollout.waitTimeoutDuration(),
            reboot: rollout.rebootMode,
            drain: { node in try await client.drain(node: node, timeout: .seconds(300)) }
        )
        let rollout = Rollout(settings: try rollout.settings(parallel: session.settings.parallel), pusher: pusher, stop: interruption.stop) { result in
            tell("\(result.node): \(result.outcome.rawValue)" + (result.error.map { ": \($0)" } ?? " (\(result.steps.joined(separator: ", ")))"))
        }
        // Its own task, so only the rollout is interrupted: the record below is always written.
        guard let running = interruption.rollOut({ await rollout.run(plans) }) else { throw CancellationError() }
        let result = await running.value
        interruption.recording()
        try await session.finish()

        try record(result, skipped: skipped, session: session)
        StandardOutput.write(PushPlanView.summary(result, skipped: skipped))
        if let signal = interruption.signal {
            warn("push \(result.stoppedBecause ?? "interrupted"): \(PushPlanView.tally(result, skipped: skipped)); rerun push to continue")
            return ExitStatus.interrupted(by: signal)
        }
        if let reason = result.stoppedBecause { warn("rollout stopped: \(reason); rerun to continue with what is left") }
        guard PushPlanView.isComplete(result, skipped: skipped) else {
            warn("not every node is at revision \(session.revision.shortID): \(PushPlanView.tally(result, skipped: skipped))")
            return ExitStatus.failure
        }
        return ExitStatus.success
    }

    private func confirm(_ count: Int) async throws -> Bool {
        if rollout.yes { return true }
        guard isatty(STDIN_FILENO) == 1 else {
            warn("not pushed: there is no terminal to confirm on; rerun with --yes to push, or --dry-run to only look")
            return false
        }
        if try await ConfirmationPrompt.ask("Push to \(count) node\(count == 1 ? "" : "s")? [y/N] ") { return true }
        warn("not pushed")
        return false
    }

    private func record(_ result: RolloutResult, skipped: [SkippedNode], session: SyncSession) throws {
        struct Record: Encodable {
            var revision: String
            var by: String
            var nodes: [NodePushResult]
            var notStarted: [String]
            var skipped: [SkippedNode]
            var stoppedBecause: String?
        }
        let store = try ConfigStore.open(at: session.storePath)
        let signature = Identity.current(in: store)
        let data = try StructuredOutput.jsonData(Record(revision: session.revision.id, by: "\(signature.name) <\(signature.email)>", nodes: result.results, notStarted: result.notStarted, skipped: skipped, stoppedBecause: result.stoppedBecause))
        _ = try store.recordPush(data, message: "Push \(session.revision.shortID): \(PushPlanView.tally(result, skipped: skipped))", signature: signature)
    }
}

/// Progress for the operator, on stderr so stdout stays the plan and the summary.
func tell(_ text: String) {
    StandardError.writeLine(TerminalText.escaped(text))
}

func warn(_ text: String) {
    StandardError.warning(text)
}
