// `kubectl nks-sync`: the root command; its subcommands arrive with the config store.
import ArgumentParser
import NKSCore

public struct SyncCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-sync",
        abstract: "Keep node configuration (logrotate, kubelet settings, kernel arguments) in sync across nodes.",
        discussion: """
        Canonical node files live in a git repository; nks-sync shows each node's drift \
        against a revision and pushes changes out safely.

        See also: kubectl nks-repull, kubectl nks-why-nologs
        """,
        version: NKSVersion.current,
        subcommands: [InitCommand.self, StatusCommand.self, DiffCommand.self, PushCommand.self, RollbackCommand.self, WatchCommand.self, ImportCommand.self, SnapshotCommand.self, LogCommand.self, DisconnectCommand.self, PublishCommand.self]
    )

    public init() {}
}
