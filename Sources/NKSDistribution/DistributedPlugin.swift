// The plugins this package ships, with the names kubectl, krew and the shells know them by.
import ArgumentParser
import NKSCompletion
import NKSCore
import NKSRepull
import NKSSync
import NKSWhyNoLogs

public struct DistributedPlugin: Sendable {
    /// As typed after `kubectl`: `nks-sync`.
    public var name: String
    public var command: any ParsableCommand.Type

    /// The executable kubectl runs for `kubectl nks-sync`: a dash on the command line is
    /// an underscore in the file name.
    public var executable: String { "kubectl-" + name.replacingOccurrences(of: "-", with: "_") }
    /// The executable kubectl runs to complete `kubectl nks-sync …`.
    public var completer: String { "kubectl_complete-" + String(executable.dropFirst("kubectl-".count)) }

    public static let all: [DistributedPlugin] = [
        DistributedPlugin(name: "nks-sync", command: SyncCommand.self),
        DistributedPlugin(name: "nks-repull", command: RepullCommand.self),
        DistributedPlugin(name: "nks-why-nologs", command: WhyNoLogsCommand.self),
    ]

    public func tree() throws -> CommandNode {
        try CommandNode.describing(command)
    }
}

/// Where the project is published; krew manifests point their users here.
public enum Distribution {
    public static let homepage = "https://github.com/kubectl-nks/kubectl-nks"
    public static let version = "v" + NKSVersion.current
}
