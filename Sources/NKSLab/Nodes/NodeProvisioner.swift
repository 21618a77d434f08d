// Lays out a node's own files before its sshd starts: scenario files into the overlay upper
// dirs, shim data, boot arguments, host key and sshd config.
import Foundation
import NKSCore

struct NodeProvisioner: Sendable {
    var runner: any ProcessRunning = SubprocessRunner()

    /// Creates the node's directories and writes everything its scenario gives it.
    func provision(_ layout: NodeLayout, spec: NodeSpec, clientPublicKey: URL) async throws {
        let files = FileManager.default
        for directory in [layout.etcUpper, layout.etcWork, layout.varLibUpper, layout.varLibWork, layout.varLogUpper, layout.varLogWork] {
            try files.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for (path, file) in spec.files ?? [:] {
            try write(file.content, to: layout, path: path, mode: file.mode.flatMap { UInt16($0, radix: 8) } ?? 0o644)
        }
        for path in spec.removeFiles ?? [] where spec.files?[path] == nil {
            if let host = layout.hostPath(forNodePath: path) { try? files.removeItem(at: host) }
        }
        let lab = NodeShims.dataDirectory
        try write((spec.cmdline ?? "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro") + "\n", to: layout, path: "\(lab)/cmdline")
        try write("", to: layout, path: "\(lab)/calls.log")
        try write((spec.images ?? []).map { $0 + "\n" }.joined(), to: layout, path: "\(lab)/images")
        try write((spec.failingPulls ?? []).map { $0 + "\n" }.joined(), to: layout, path: "\(lab)/failing-pulls")
        if let containers = spec.containers { try write(containers, to: layout, path: "\(lab)/containers") }
        for (unit, text) in spec.journal ?? [:] { try write(text, to: layout, path: "\(lab)/journal/\(unit).log") }
        for (id, text) in spec.inspect ?? [:] { try write(text, to: layout, path: "\(lab)/inspect/\(id).json") }
        for directory in ["/var/lib/nks-sync", "/var/lib/kubelet"] {
            if let host = layout.hostPath(forNodePath: directory) { try files.createDirectory(at: host, withIntermediateDirectories: true) }
        }
        if !files.fileExists(atPath: layout.hostKey.path) { try await generateHostKey(layout) }
        try sshdConfig(layout, clientPublicKey: clientPublicKey).write(to: layout.sshdConfig, atomically: true, encoding: .utf8)
    }

    /// Writes a node file while the node is stopped (straight into the overlay upper dir).
    func write(_ content: String, to layout: NodeLayout, path: String, mode: UInt16 = 0o644) throws {
        guard let host = layout.hostPath(forNodePath: path) else { return }
        try FileManager.default.createDirectory(at: host.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: host)
        try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: host.path)
    }

    /// A fresh ed25519 host key (replacing any old one, as a reinstalled node would).
    func generateHostKey(_ layout: NodeLayout) async throws {
        try? FileManager.default.removeItem(at: layout.hostKey)
        try? FileManager.default.removeItem(at: layout.hostKey.appendingPathExtension("pub"))
        try await SSHKeys.generate(at: layout.hostKey, comment: "nks-lab \(layout.name)", runner: runner)
    }

    func sshdConfig(_ layout: NodeLayout, clientPublicKey: URL) -> String {
        """
        # sshd for the lab node \(layout.name); written by nks-lab.
        ListenAddress \(layout.address):22
        HostKey \(layout.hostKey.path)
        PidFile \(layout.pidFile.path)
        PermitRootLogin prohibit-password
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        AuthorizedKeysFile \(clientPublicKey.path)
        # Lab directories may live under /tmp, whose mode sshd's strict checks reject.
        StrictModes no
        MaxStartups 100:30:200
        MaxSessions 100
        UseDNS no
        PrintMotd no
        LogLevel VERBOSE
        Subsystem sftp internal-sftp

        """
    }
}

/// ssh-keygen, for host keys and the lab's client key.
enum SSHKeys {
    static func generate(at path: URL, comment: String, runner: any ProcessRunning) async throws {
        let invocation = ProcessInvocation("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path.path], timeout: .seconds(30))
        let output = try await runner.run(invocation)
        guard output.succeeded else {
            throw LabError.commandFailed(what: "generating an ssh key", command: invocation.commandLine, detail: output.standardErrorText)
        }
    }

    /// "ssh-ed25519 AAAA…" without the comment.
    static func publicKey(_ privateKeyPath: URL) throws -> String {
        let text = try String(contentsOf: privateKeyPath.appendingPathExtension("pub"), encoding: .utf8)
        return text.split(separator: " ").prefix(2).joined(separator: " ")
    }
}
