// The files a running lab leaves in its directory for kubectl, ssh and shells.
import Foundation

public struct LabPaths: Sendable, Hashable {
    public var directory: URL
    public init(directory: URL) { self.directory = directory }

    public var kubeconfig: URL { directory.appendingPathComponent("kubeconfig") }
    public var sshConfig: URL { directory.appendingPathComponent("ssh_config") }
    public var knownHosts: URL { directory.appendingPathComponent("known_hosts") }
    public var identity: URL { directory.appendingPathComponent("id_ed25519") }
    public var env: URL { directory.appendingPathComponent("env") }
    public var shims: URL { directory.appendingPathComponent("shims") }
    /// root's shell start-up files on every node (see NodeProcess.mountScript).
    public var nodeProfile: URL { directory.appendingPathComponent("node-profile") }
    /// Written by `nks-lab serve`: its pid and the lab's address block and scenario.
    public var servePID: URL { directory.appendingPathComponent("serve.pid") }
    public var nodesFile: URL { directory.appendingPathComponent("nodes.txt") }
    public var serveLog: URL { directory.appendingPathComponent("serve.log") }
    /// Written once every node and the API server answer.
    public var ready: URL { directory.appendingPathComponent("ready") }
    /// The nks-sync store the demo creates for this lab (NKS_REPO in `env`); `down` keeps it.
    public var store: URL { directory.appendingPathComponent("store") }

    /// `$NKS_LAB_DIR`, else `$XDG_STATE_HOME/nks-lab`, else `$HOME/.local/state/nks-lab` — `$HOME`
    /// as the plugins' store follows it, not the account's home from the password file.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["NKS_LAB_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return URL(fileURLWithPath: state).appendingPathComponent("nks-lab") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/nks-lab")
    }
}
