// Where control master sockets live. Per run: a fresh private directory, removed at the end.
// Persistent (--ssh-persist): one directory per local user, kept between runs so the next
// command reuses each node's connection instead of paying the SSH handshake again. A socket
// there is as good as a logged-in session on the node, so the directory must be ours and
// private (see PrivateDirectory).
import Foundation

public enum SSHControlDirectory {
    /// Short on purpose: unix socket paths end at about 100 bytes and %C adds 40.
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

    /// The control sockets kept in the persistent directory, for closing them on request.
    public static func sockets(in path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }.filter(PrivateDirectory.isSocket)
    }
}
