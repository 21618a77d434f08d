// The contract every way of reaching a node fulfils (ssh, kubectl debug): run one POSIX sh
// script on the node, once, and hand back what it printed.
import Foundation

/// A Kubernetes node as the transports see it: its name pins its host key, its address is
/// where to connect.
public struct NodeTarget: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var address: String
    /// The Node object's uid, which tells one cluster's `worker-1` at 10.0.0.5 from
    /// another's; part of a persisted control master's key.
    public var uid: String?

    public init(name: String, address: String, uid: String? = nil) {
        self.name = name
        self.address = address
        self.uid = uid
    }

    public var description: String { name }
}

/// What one remote script left behind.
public struct RemoteResult: Sendable, Hashable {
    public var exitCode: Int32
    public var standardOutput: Data
    public var standardError: Data

    public init(exitCode: Int32, standardOutput: Data, standardError: Data) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// One `execute` is one remote round trip. Transport-level failures (host key, network,
/// authentication, sudo) are thrown as `NodeAccessError`; the script's own exit code is
/// returned for the caller to judge.
public protocol NodeTransport: Sendable {
    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult
    /// The same, holding at most `outputLimit` bytes of each of stdout and stderr: a
    /// caller knows how much its script can honestly print (a read of N files of at most L
    /// bytes), and a node that sends more is refused instead of filling the plugin's memory.
    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration, outputLimit: Int) async throws -> RemoteResult
    /// Releases what the transport holds open (ssh control masters, helper pods).
    func shutdown() async
}

extension NodeTransport {
    /// What a script's output is held to when its caller names no bound: its own commands'
    /// output (crictl, activation) is text, never near this.
    public static var defaultOutputLimit: Int { 16 * 1024 * 1024 }

    /// Transports that hold output in memory themselves (test doubles) ignore the bound.
    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration, outputLimit: Int) async throws -> RemoteResult {
        try await execute(script, standardInput: standardInput, on: node, timeout: timeout)
    }
}

/// How a script is started on the node: directly, or through `sudo -n` so a missing
/// password fails at once instead of waiting for a prompt nobody can answer.
public enum RemoteCommand {
    public static func commandLine(for script: String, sudo: Bool) -> String {
        let shell = "sh -c " + ShellQuoting.quote(script)
        return sudo ? "sudo -n " + shell : shell
    }

    /// sudo's own texts (1.8–1.9) for "this user may not run sudo without a password".
    static func sudoRefused(_ standardError: String) -> Bool {
        standardError.contains("sudo: a password is required")
            || standardError.contains("sudo: a terminal is required to read the password")
            || standardError.contains("is not in the sudoers file")
    }
}

