// The node-access flags every plugin shares. Values left unset here are filled from NKS_*
// environment variables, then from caller defaults (the store manifest), then built-ins:
// see NodeAccessSettings.resolve.
import ArgumentParser
import Foundation

public enum NodeAccessMethod: String, Sendable, Hashable, CaseIterable, ExpressibleByArgument {
    case ssh
    case debug
}

public enum NodeAddressType: String, Sendable, Hashable, CaseIterable, ExpressibleByArgument {
    case internalIP = "InternalIP"
    case externalIP = "ExternalIP"
    case hostname = "Hostname"
}

public struct NodeAccessOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("node-access"), help: "How to reach nodes: ssh or debug (kubectl debug node/… with chroot /host).")
    public var nodeAccess: String?

    @Option(name: .customLong("ssh-user"), help: "User to log in as on nodes.")
    public var sshUser: String?

    @Option(name: [.customShort("i"), .customLong("ssh-identity")], help: "Private key file for SSH.")
    public var sshIdentity: String?

    @Option(name: .customLong("ssh-port"), help: "SSH port on the nodes.")
    public var sshPort: String?

    @Option(name: .customLong("ssh-config"), help: "ssh_config file to use (ssh -F).")
    public var sshConfig: String?

    @Option(name: .customLong("ssh-jump"), help: "Jump host / bastion (ssh -J).")
    public var sshJump: String?

    @Option(name: .customLong("ssh-known-hosts"), help: "known_hosts file where node host keys are pinned.")
    public var sshKnownHosts: String?

    @Flag(name: .customLong("accept-new-host-keys"), help: "Pin host keys of nodes seen for the first time; a changed key is still refused.")
    public var acceptNewHostKeys = false

    @Option(name: .customLong("ssh-persist"),
            help: "Keep each node's SSH connection open this long after the command (e.g. 10m), so the next command skips the handshake; 0 closes at exit (default).")
    public var sshPersist: String?

    @Flag(inversion: .prefixedNo, help: "Run node scripts through sudo -n (default: on unless the SSH user is root).")
    public var sudo: Bool?

    @Option(name: .customLong("debug-image"), help: "Image for kubectl debug helper pods.")
    public var debugImage: String?

    @Option(name: .customLong("parallel"), help: "How many nodes to work on at once (default 32).")
    public var parallel: String?

    @Option(name: .customLong("node-timeout"), help: "Time limit per node, e.g. 30s, 2m, 1m30s.")
    public var nodeTimeout: String?

    @Option(name: .customLong("address-type"), help: "Node address to connect to: InternalIP, ExternalIP or Hostname.")
    public var addressType: NodeAddressType?

    public init() {}

    public func validate() throws {
        if let nodeAccess, NodeAccessMethod(rawValue: nodeAccess) == nil {
            throw ValidationError("--node-access must be ssh or debug, not \(nodeAccess.debugDescription)")
        }
        if let sshPort { _ = try NodeAccessSettings.port(sshPort, source: "--ssh-port") }
        if let parallel { _ = try NodeAccessSettings.parallel(parallel, source: "--parallel") }
        if let nodeTimeout { _ = try NodeAccessSettings.duration(nodeTimeout, source: "--node-timeout") }
        if let sshPersist { _ = try NodeAccessSettings.persistence(sshPersist, source: "--ssh-persist") }
        for (flag, value) in [("--ssh-user", sshUser), ("--ssh-identity", sshIdentity), ("--ssh-config", sshConfig),
                              ("--ssh-jump", sshJump), ("--ssh-known-hosts", sshKnownHosts), ("--debug-image", debugImage)] {
            if let value, value.isEmpty || value.hasPrefix("-") {
                throw ValidationError("\(flag) needs a value, not \(value.debugDescription)")
            }
        }
    }
}
