// Starts and stops one node's sshd inside its own mount namespace, and runs commands in
// that namespace for the host-side file helpers.
import Foundation
import NKSCore

struct NodeProcess: Sendable {
    var runner: any ProcessRunning = SubprocessRunner()
    /// The lab's shims, bind-mounted read-only over /usr/local/sbin on every node.
    var shimDirectory: URL
    /// Bind-mounted over root's shell start-up files on every node.
    var profile: URL

    /// A node's root runs a stock shell: this machine's own start-up files (language version
    /// managers and the like) would otherwise run on every SSH command and make each lab
    /// session several times dearer than on a real node, for every tool measured here.
    static let stockProfile = "# root's shell start-up file on an nks-lab node: a stock server's, nothing to run.\n"

    /// The shell script `unshare` runs in the new namespace: mounts, then execs sshd, which
    /// daemonizes after binding its address and writes its pid file.
    func mountScript(_ layout: NodeLayout, withoutReadOverride: Bool) -> String {
        let q = ShellQuoting.quote
        let sshd = ["/usr/sbin/sshd", "-f", layout.sshdConfig.path, "-E", layout.logFile.path].map(q).joined(separator: " ")
        let launch = withoutReadOverride
            ? "exec setpriv --inh-caps=-dac_override,-dac_read_search --bounding-set=-dac_override,-dac_read_search \(sshd)"
            : "exec \(sshd)"
        return """
        set -e
        mount -t overlay overlay -o lowerdir=/etc,upperdir=\(q(layout.etcUpper.path)),workdir=\(q(layout.etcWork.path)) /etc
        mount -t overlay overlay -o lowerdir=/var/lib,upperdir=\(q(layout.varLibUpper.path)),workdir=\(q(layout.varLibWork.path)) /var/lib
        mount -t overlay overlay -o lowerdir=/var/log,upperdir=\(q(layout.varLogUpper.path)),workdir=\(q(layout.varLogWork.path)) /var/log
        mount -t tmpfs -o mode=0755 tmpfs /run
        mkdir -p /run/sshd
        mount --bind \(q(shimDirectory.path)) /usr/local/sbin
        mount -o remount,bind,ro /usr/local/sbin
        mount --bind /var/lib/nks-lab/cmdline /proc/cmdline
        mount -o remount,bind,ro /proc/cmdline
        for file in /root/.bashrc /root/.profile /root/.bash_profile /root/.bash_login; do
            if [ -f "$file" ]; then mount --bind \(q(profile.path)) "$file"; fi
        done
        \(launch)
        """
    }

    /// Starts the node's sshd and returns its pid once it listens.
    @discardableResult
    func start(_ layout: NodeLayout, withoutReadOverride: Bool) async throws -> Int32 {
        try? FileManager.default.removeItem(at: layout.pidFile)
        let invocation = ProcessInvocation(
            "unshare", ["-m", "--propagation", "private", "sh", "-c", mountScript(layout, withoutReadOverride: withoutReadOverride)],
            timeout: .seconds(30)
        )
        let output = try await runner.run(invocation)
        guard output.succeeded else {
            throw LabError.commandFailed(what: "starting node \(layout.name)", command: "unshare -m … sshd -f \(layout.sshdConfig.path)", detail: output.standardErrorText)
        }
        // sshd writes its pid file only after it listens, so the file is the readiness signal.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while clock.now < deadline {
            if let pid = Self.recordedPID(layout), ProcessTable.isAlive(pid) {
                if let namespace = ProcessTable.mountNamespace(of: pid) {
                    try namespace.write(to: layout.namespaceFile, atomically: true, encoding: .utf8)
                }
                return pid
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw LabError.nodeDidNotStart(node: layout.name, log: layout.logFile.path)
    }

    /// The pid in the node's pid file, if it is still this node's sshd.
    static func recordedPID(_ layout: NodeLayout) -> Int32? {
        guard let text = try? String(contentsOf: layout.pidFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let arguments = ProcessTable.arguments(of: pid) else { return nil }
        // A recycled pid would not carry this node's config path on its command line.
        let commandLine = arguments.joined(separator: " ")
        return commandLine.contains("sshd") && commandLine.contains(layout.sshdConfig.path) ? pid : nil
    }

    /// Stops every process in the nodes' namespaces (the sshd listeners and any sessions).
    static func stop(_ layouts: [NodeLayout]) async {
        var namespaces = Set<String>()
        var listeners: [Int32] = []
        for layout in layouts {
            if let pid = recordedPID(layout) {
                listeners.append(pid)
                if let namespace = ProcessTable.mountNamespace(of: pid) { namespaces.insert(namespace) }
            } else if let recorded = try? String(contentsOf: layout.namespaceFile, encoding: .utf8) {
                namespaces.insert(recorded)
            }
        }
        // Never our own namespace: that would mean a record is wrong, not that we own the host.
        if let ours = ProcessTable.mountNamespace(of: getpid()) { namespaces.remove(ours) }
        let members = ProcessTable.members(of: namespaces).values.flatMap { $0 }
        await ProcessTable.terminate(Array(Set(listeners + members)))
        // sshd may have forked a session after the namespaces were listed, and a listener's
        // socket outlives it for a moment: return only when the namespaces are empty and no
        // node address listens any more, so an immediate `up` does not collide with them.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        let addresses = Set(layouts.map(\.address).filter { !$0.isEmpty })
        while clock.now < deadline {
            let late = ProcessTable.members(of: namespaces).values.flatMap { $0 }.filter(ProcessTable.isAlive)
            if late.isEmpty && ProcessTable.listening(on: addresses, port: 22).isEmpty { break }
            if !late.isEmpty { await ProcessTable.terminate(late, grace: .seconds(1)) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        for layout in layouts {
            try? FileManager.default.removeItem(at: layout.pidFile)
            try? FileManager.default.removeItem(at: layout.namespaceFile)
        }
    }

    /// Runs a command inside a running node's mount namespace.
    func run(in pid: Int32, _ arguments: [String], input: Data? = nil) async throws -> ProcessOutput {
        try await runner.run(ProcessInvocation("nsenter", ["-t", String(pid), "-m", "--"] + arguments, standardInput: input, timeout: .seconds(30)))
    }
}
