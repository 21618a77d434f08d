// Where control master sockets live. Per run: a fresh private directory, removed at the end.
// Persistent (--ssh-persist): one directory per local user, kept between runs so the next
// command reuses each node's connection instead of paying the SSH handshake again. A socket
// there is as good as a logged-in session on the node, so the directory must be ours and
// private (see PrivateDirectory).
import Foundation
import Synchronization

public enum SSHControlDirectory {
    /// Short on purpose: unix socket paths end at about 100 bytes and a socket name adds 40.
    public static func perRun() -> String {
        "/tmp/nks-" + Hashing.randomHex(bytes: 5)
    }

    public static func persistent(uid: uid_t = getuid()) -> String {
        "/tmp/nks-ssh-\(uid)"
    }

    public static func preparePrivate(_ path: String) throws {
        do {
            try PrivateDirectory.prepare(path, holding: "SSH control sockets", remedy: "remove it, or run without --ssh-persist")
        } catch {
            throw NodeAccessError.localSetupFailed(reason: error.description)
        }
    }

    /// The control socket of one node's master. Named by the plugin rather than by ssh's %C,
    /// so the plugin can speak to the master itself (SSHMuxClient). The name covers
    /// everything that decides where and as whom ssh connects and which host key it trusts
    /// (the cluster's Node uid, the pinned known_hosts file and its content, the ssh_config
    /// in use and its content), so that a persisted master is never reused for another
    /// cluster or store, nor after any of it changed.
    public static func socket(in directory: String, for node: NodeTarget, settings: SSHSettings) -> String {
        let identity = [
            node.name, node.address, node.uid ?? "", settings.port.map(String.init) ?? "", settings.user ?? "", settings.jumpHost ?? "",
            settings.identityFile ?? "", settings.configFile ?? "", SSHConfigDigest.of(settings.configFile ?? SSHConfigDigest.userConfig),
            settings.knownHostsFile, SSHConfigDigest.of(settings.knownHostsFile),
        ].joined(separator: "\u{0}")
        return directory + "/" + Hashing.sha256Hex(Data(identity.utf8)).prefix(40)
    }

    /// The control sockets kept in the persistent directory, for closing them on request.
    public static func sockets(in path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }.filter(PrivateDirectory.isSocket)
    }
}

/// The sha256 of an ssh_config or known_hosts file ("absent" when it cannot be read), read
/// once per process.
enum SSHConfigDigest {
    static var userConfig: String { NSHomeDirectory() + "/.ssh/config" }

    private static let digests = Mutex<[String: String]>([:])

    static func of(_ path: String) -> String {
        if let known = digests.withLock({ $0[path] }) { return known }
        let digest = FileManager.default.contents(atPath: path).map(Hashing.sha256Hex) ?? "absent"
        digests.withLock { $0[path] = digest }
        return digest
    }
}
