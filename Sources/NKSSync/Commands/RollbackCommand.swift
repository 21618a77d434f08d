// `kubectl nks-sync rollback REV`: makes the configuration of REV current again, as a
// new commit; with --push, pushes it.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct RollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make an earlier revision's configuration current, as a new commit.",
        discussion: """
        History is never rewritten: the rollback is a commit whose content equals REV's. \
        Nodes change only when it is pushed (here with --push, or later with push).

        Examples:
          kubectl nks-sync log
          kubectl nks-sync rollback HEAD~1 --push --yes
        """
    )

    @Argument(help: "The revision to return to (a commit id, HEAD~1, a tag).")
    var revision: String

    @Flag(name: .customLong("push"), help: "Push the rolled-back configuration to the nodes right away.")
    var pushAfter = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var rollout: RolloutOptions
    @OptionGroup var selection: NodeSelectionOptions
    @OptionGroup var kubectl: KubectlOptions
    @OptionGroup var access: NodeAccessOptions
    @OptionGroup var progress: ProgressOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let configStore = try ConfigStore.open(at: store.path)
            try configStore.ensureClean(allowDirty: false)
            let commit = try configStore.rollback(to: revision, signature: Identity.current(in: configStore))
            StandardOutput.write(commit.map { "Rolled back to \(revision) as commit \(String($0.prefix(12))).\n" } ?? "The store already has \(revision)'s configuration.\n")
        }
        guard pushAfter else { return }
        let outcome = try await CommandFailure.reporting {
            try await PushRun(selection: selection, rollout: rollout, store: store, kubectl: kubectl, access: access, progress: progress).run()
        }
        if outcome != ExitStatus.success { throw outcome }
    }
}
