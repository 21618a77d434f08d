// How the OpenSSH client is told to reach nodes, and the exact ssh argument list built from
// it. Host keys are always checked: StrictHostKeyChecking is `yes`, or `accept-new` when the
// user asked to pin new keys, and there is no way to express `no`.
import Crypto
import Foundation

public struct SSHSettings: Sendable, Hashable {
    public var user: String?
    public var identityFile: String?
    public var port: Int?
    /// Passed as `ssh -F`.
    public var configFile: String?
    /// Passed as `ssh -J`.
    public var jumpHost: String?
    /// The tool's own known_hosts, where node keys are pinned under their node names.
    public var knownHostsFile: String
    public var acceptNewHostKeys: Bool
    public var connectTimeout: Duration
    /// How long an idle control master stays up; shutdown() closes it earlier.
    public var controlPersist: Duration
    /// Whether to open a control master at all. A command that makes one round trip per
    /// node gains nothing from one and would pay for starting and closing it.
    public var multiplexes: Bool
    /// Keep control masters after the run (for `controlPersist`) in the user's persistent
    /// control directory, so that the next command reuses them.
    public var persistsAcrossRuns: Bool

    /// Persisting needs a master to persist, so it opens one even for a single pass.
    public var opensControlMasters: Bool { multiplexes || persistsAcrossRuns }

    public init(user: String? = nil, identityFile: String? = nil, port: Int? = nil, configFile: String? = nil, jumpHost: String? = nil,
                knownHostsFile: String, acceptNewHostKeys: Bool = false, connectTimeout: Duration = .seconds(10), controlPersist: Duration = .seconds(60), multiplexes: Bool = true, persistsAcrossRuns: Bool = false) {
        self.user = user
        self.identityFile = identityFile
        self.port = port
        self.configFile = configFile
        self.jumpHost = jumpHost
        self.knownHostsFile = knownHostsFile
        self.acceptNewHostKeys = acceptNewHostKeys
        self.connectTimeout = connectTimeout
        self.controlPersist = controlPersist
        self.multiplexes = multiplexes
        self.persistsAcrossRuns = persistsAcrossRuns
    }
}

public enum SSHArguments {
    /// Options for every ssh the transport starts; the control socket's name is the one the
    /// transport speaks to directly once the master is up.
    public static func connectionOptions(_ settings: SSHSettings, node: NodeTarget, controlDirectory: String) -> [String] {
        var arguments: [String] = []
        if let configFile = settings.configFile { arguments += ["-F", configFile] }
        arguments += [
            "-o", "BatchMode=yes",
            "-o", "UserKnownHostsFile=" + configPath(settings.knownHostsFile),
            // Only the pinned file counts: not the system's known hosts, not a command that
            // prints keys, and no key the node offers after login is written anywhere.
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "KnownHostsCommand=none",
            "-o", "UpdateHostKeys=no",
            "-o", "StrictHostKeyChecking=" + (settings.acceptNewHostKeys ? "accept-new" : "yes"),
            "-o", "HostKeyAlias=" + hostKeyAlias(for: node.name),
        ] + hardening
        if settings.opensControlMasters {
            arguments += [
                "-o", "ControlMaster=auto",
                "-o", "ControlPath=" + SSHControlDirectory.socket(in: controlDirectory, for: node, settings: settings).replacingOccurrences(of: "%", with: "%%"),
                "-o", "ControlPersist=\(max(1, Int(settings.controlPersist.components.seconds)))",
            ]
        } else {
            // The user's ssh_config may ask for multiplexing; one round trip needs none.
            arguments += ["-o", "ControlMaster=no", "-o", "ControlPath=none"]
        }
        arguments += ["-o", "ConnectTimeout=\(max(1, Int(settings.connectTimeout.components.seconds)))"]
        if let port = settings.port { arguments += ["-p", String(port)] }
        if let user = settings.user { arguments += ["-l", user] }
        if let identity = settings.identityFile { arguments += ["-i", identity.replacingOccurrences(of: "%", with: "%%"), "-o", "IdentitiesOnly=yes"] }
        if let jump = settings.jumpHost { arguments += ["-J", jump] }
        return arguments
    }

    /// A node's root can answer anything; these keep a compromised node from reaching
    /// back to the operator whatever the user's ssh_config says (the first value ssh reads
    /// for an option wins, and `-o` comes before every file): no agent (its keys would log
    /// in anywhere the operator can), no forwarded ports or X11, no local command after login.
    public static let hardening = [
        "-o", "ForwardAgent=no",
        "-o", "ForwardX11=no",
        "-o", "ClearAllForwardings=yes",
        "-o", "PermitLocalCommand=no",
    ]

    /// A file path as an ssh_config value: double-quoted (a path may hold spaces, and
    /// UserKnownHostsFile takes a list) with `%` doubled (ssh expands %-tokens in it).
    /// Paths ssh cannot be told literally (a `"`, a backslash, or `${`, which ssh expands
    /// as an environment variable with no escape) are refused by `validatePaths`.
    public static func configPath(_ path: String) -> String {
        "\"" + path.replacingOccurrences(of: "%", with: "%%") + "\""
    }

    /// Refuses local paths ssh would read as something else (see `configPath`).
    public static func validatePaths(_ settings: SSHSettings) throws {
        for (label, path) in [("the known_hosts file", settings.knownHostsFile), ("the SSH identity", settings.identityFile ?? "")] {
            if path.contains("\"") || path.contains("\\") || path.contains("${") || path.contains(where: { $0.isNewline }) {
                throw NodeAccessError.localSetupFailed(reason: "\(label) \(path.debugDescription) has a quote, a backslash, a line break or `${`, which ssh would not read literally; use a path without them")
            }
        }
    }

    /// `ssh … -- ADDRESS COMMAND`: the `--` keeps an address that starts with `-` from being
    /// read as an option.
    public static func command(_ settings: SSHSettings, node: NodeTarget, controlDirectory: String, remoteCommand: String) -> [String] {
        connectionOptions(settings, node: node, controlDirectory: controlDirectory) + ["--", node.address, remoteCommand]
    }


    /// Node names are DNS names and used as they are; anything else (spaces, `*`, `,`, `[`,
    /// which known_hosts treats as syntax) becomes a readable name plus a hash, so two odd
    /// names never share a pinned key.
    public static func hostKeyAlias(for name: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        if !name.isEmpty, name.count <= 200, name.allSatisfy(plain.contains), name.first != "-", name.first != "." {
            return name
        }
        let readable = String(name.lowercased().map { plain.contains($0) ? $0 : "_" }.prefix(60))
        let digest = Hashing.hex(SHA256.hash(data: Data(name.utf8)).prefix(6))
        return "nks-" + readable + "-" + digest
    }
}
