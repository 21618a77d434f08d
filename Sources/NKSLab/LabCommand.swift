// `nks-lab`: starts, inspects and stops the local simulated cluster.
import ArgumentParser
import NKSCore

public struct LabCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nks-lab",
        abstract: "A local simulated Kubernetes cluster for demos and integration tests.",
        discussion: "A fake API server that the real kubectl talks to, and worker nodes that are real "
            + "OpenSSH servers on loopback addresses, each with its own /etc, /var/lib and /proc/cmdline. "
            + "Needs root (mount namespaces). See also: kubectl nks-sync.",
        version: NKSVersion.current,
        subcommands: [UpCommand.self, StatusCommand.self, DownCommand.self, DemoCommand.self, ServeCommand.self]
    )

    public init() {}

}
