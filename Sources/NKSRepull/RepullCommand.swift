// `kubectl nks-repull`: the root command; diagnosis and repair arrive in their own issue.
import ArgumentParser
import NKSCore

public struct RepullCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kubectl nks-repull",
        abstract: "Explain and repair ErrImagePull / ImagePullBackOff.",
        discussion: """
        Reads pull errors from container statuses and events, classifies them (rate limits,
        unreachable or deprecated registries, slow pulls cancelled by the kubelet, …) and
        repairs what can be repaired by pulling from an internal mirror on the node.

        See also: kubectl nks-sync, kubectl nks-why-nologs
        """,
        version: NKSVersion.current
    )

    public init() {}
}
