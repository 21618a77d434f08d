// Where one simulated node keeps its state on the host: overlay upper dirs for its /etc
// and /var/lib, its host key, sshd config, pid file and log.
import Foundation

public struct NodeLayout: Sendable, Hashable {
    public var name: String
    /// The node's loopback address, where its sshd listens on port 22.
    public var address: String
    public var directory: URL

    public init(name: String, address: String, labDirectory: URL) {
        self.name = name
        self.address = address
        self.directory = labDirectory.appendingPathComponent("nodes").appendingPathComponent(name)
    }

    var etcUpper: URL { directory.appendingPathComponent("etc/upper") }
    var etcWork: URL { directory.appendingPathComponent("etc/work") }
    var varLibUpper: URL { directory.appendingPathComponent("var-lib/upper") }
    var varLibWork: URL { directory.appendingPathComponent("var-lib/work") }
    /// /var/log, for container log directories (/var/log/pods/…).
    var varLogUpper: URL { directory.appendingPathComponent("var-log/upper") }
    var varLogWork: URL { directory.appendingPathComponent("var-log/work") }
    var hostKey: URL { directory.appendingPathComponent("ssh_host_ed25519_key") }
    var sshdConfig: URL { directory.appendingPathComponent("sshd_config") }
    var pidFile: URL { directory.appendingPathComponent("sshd.pid") }
    /// The mount namespace id of the running sshd, so a later `down` kills only its processes.
    var namespaceFile: URL { directory.appendingPathComponent("mnt-namespace") }
    public var logFile: URL { directory.appendingPathComponent("sshd.log") }

    /// Where a node path lives on the host while the node is not running (or before the
    /// overlay sees it): the upper dir of the overlay that covers the path.
    func hostPath(forNodePath path: String) -> URL? {
        if path.hasPrefix("/etc/") { return etcUpper.appendingPathComponent(String(path.dropFirst(5))) }
        if path.hasPrefix("/var/lib/") { return varLibUpper.appendingPathComponent(String(path.dropFirst(9))) }
        if path.hasPrefix("/var/log/") { return varLogUpper.appendingPathComponent(String(path.dropFirst(9))) }
        return nil
    }

    /// Loopback address for node number `index` (1-based) in block `block`: 127.block.x.y.
    public static func address(block: UInt8, index: Int) -> String {
        "127.\(block).\((index - 1) / 250).\((index - 1) % 250 + 1)"
    }
}
