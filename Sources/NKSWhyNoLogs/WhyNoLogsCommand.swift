// `kubectl nks-why-nologs`: the root command; the analysis arrives in its own issue.
import ArgumentParser
import NKSCore

public struct WhyNoLogsCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-why-nologs",
        abstract: "Explain why a pod's logs cannot be read, from evidence, and how to prevent it.",
        discussion: """
        Explains `unable to retrieve container logs` and its cousins from events, node
        conditions, kubelet logs and the runtime's state.

        See also: kubectl nks-sync, kubectl nks-repull
        """,
        version: NKSVersion.current
    )

    public init() {}
}
