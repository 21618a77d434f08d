// `nks-lab`: starts and stops the local simulated cluster.
import ArgumentParser
import NKSCore

public struct LabCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nks-lab",
        abstract: "A local simulated Kubernetes cluster for demos and integration tests.",
        version: NKSVersion.current
    )

    public init() {}
}
