// The resolved way of reaching nodes for one run: flag > NKS_* environment variable >
// caller defaults (e.g. the store manifest) > built-in defaults.
import ArgumentParser
import Foundation

/// Values a caller (the store manifest) may supply below flags and environment. An
/// ssh_config is not among them: it can make ssh run programs on this machine, so it comes
/// only from the user (flag, environment, their own ~/.ssh/config).
public struct NodeAccessDefaults: Sendable, Hashable {
    public var method: NodeAccessMethod?
    public var sshUser: String?
    public var sshIdentity: String?
    public var sshPort: Int?
    public var sshJump: String?
    public var knownHostsFile: String?
    public var sudo: Bool?
    public var debugImage: String?
    public var parallel: Int?
    public var nodeTimeout: Duration?
    public var addressType: NodeAddressType?

    public init(method: NodeAccessMethod? = nil, sshUser: String? = nil, sshIdentity: String? = nil, sshPort: Int? = nil,
                sshJump: String? = nil, knownHostsFile: String? = nil, sudo: Bool? = nil,
                debugImage: String? = nil, parallel: Int? = nil, nodeTimeout: Duration? = nil, addressType: NodeAddressType? = nil) {
        self.method = method
        self.sshUser = sshUser
        self.sshIdentity = sshIdentity
        self.sshPort = sshPort
        self.sshJump = sshJump
        self.knownHostsFile = knownHostsFile
        self.sudo = sudo
        self.debugImage = debugImage
        self.parallel = parallel
        self.nodeTimeout = nodeTimeout
        self.addressType = addressType
    }
}

public struct NodeAccessSettings: Sendable, Hashable {
    public var method: NodeAccessMethod
    public var ssh: SSHSettings
    public var sudo: Bool
    public var debugImage: String
    public var parallel: Int
    public var nodeTimeout: Duration
    public var addressType: NodeAddressType

    public static let builtInDebugImage = "busybox:1.36"

    public static func resolve(
        _ options: NodeAccessOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        defaults: NodeAccessDefaults = NodeAccessDefaults(),
        localUserIsRoot: Bool = getuid() == 0
    ) throws -> NodeAccessSettings {
        func pick(_ flag: String?, _ variable: String) -> (value: String, source: String)? {
            if let flag { return (flag, "flag") }
            if let value = environment[variable], !value.isEmpty { return (value, variable) }
            return nil
        }
        func source(_ picked: (value: String, source: String)?, flag: String) -> String {
            picked?.source == "flag" ? flag : picked?.source ?? flag
        }

        let methodValue = pick(options.nodeAccess, "NKS_NODE_ACCESS")
        var method = defaults.method ?? .ssh
        if let methodValue {
            guard let parsed = NodeAccessMethod(rawValue: methodValue.value) else {
                throw ValidationError("\(source(methodValue, flag: "--node-access")) must be ssh or debug, not \(methodValue.value.debugDescription)")
            }
            method = parsed
        }
        let user = pick(options.sshUser, "NKS_SSH_USER")?.value ?? defaults.sshUser
        var port = defaults.sshPort
        if let portValue = pick(options.sshPort, "NKS_SSH_PORT") { port = try Self.port(portValue.value, source: source(portValue, flag: "--ssh-port")) }
        var parallel = defaults.parallel ?? 32
        if let value = pick(options.parallel, "NKS_PARALLEL") { parallel = try Self.parallel(value.value, source: source(value, flag: "--parallel")) }
        var timeout = defaults.nodeTimeout ?? .seconds(30)
        if let value = pick(options.nodeTimeout, "NKS_NODE_TIMEOUT") { timeout = try Self.duration(value.value, source: source(value, flag: "--node-timeout")) }
        var addressType = options.addressType ?? defaults.addressType ?? .internalIP
        if options.addressType == nil, let value = environment["NKS_ADDRESS_TYPE"], !value.isEmpty {
            guard let parsed = NodeAddressType(rawValue: value) else {
                throw ValidationError("NKS_ADDRESS_TYPE must be InternalIP, ExternalIP or Hostname, not \(value.debugDescription)")
            }
            addressType = parsed
        }
        var sudo = defaults.sudo ?? ((user ?? (localUserIsRoot ? "root" : nil)) != "root")
        if let flag = options.sudo {
            sudo = flag
        } else if let value = environment["NKS_SUDO"], !value.isEmpty {
            guard let parsed = ["1": true, "true": true, "yes": true, "0": false, "false": false, "no": false][value.lowercased()] else {
                throw ValidationError("NKS_SUDO must be true or false, not \(value.debugDescription)")
            }
            sudo = parsed
        }
        var persist: Duration?
        if let value = pick(options.sshPersist, "NKS_SSH_PERSIST") { persist = try Self.persistence(value.value, source: source(value, flag: "--ssh-persist")) }
        let knownHosts = pick(options.sshKnownHosts, "NKS_SSH_KNOWN_HOSTS")?.value ?? defaults.knownHostsFile ?? defaultKnownHostsFile(environment: environment)
        let ssh = SSHSettings(
            user: user,
            identityFile: pick(options.sshIdentity, "NKS_SSH_IDENTITY")?.value ?? defaults.sshIdentity,
            port: port,
            configFile: pick(options.sshConfig, "NKS_SSH_CONFIG")?.value,
            jumpHost: pick(options.sshJump, "NKS_SSH_JUMP")?.value ?? defaults.sshJump,
            knownHostsFile: knownHosts,
            acceptNewHostKeys: options.acceptNewHostKeys,
            controlPersist: persist ?? .seconds(60),
            persistsAcrossRuns: persist != nil
        )
        return NodeAccessSettings(
            method: method, ssh: ssh, sudo: sudo,
            debugImage: pick(options.debugImage, "NKS_DEBUG_IMAGE")?.value ?? defaults.debugImage ?? builtInDebugImage,
            parallel: parallel, nodeTimeout: timeout, addressType: addressType
        )
    }

    /// `$XDG_CONFIG_HOME/nks/known_hosts`, else `~/.config/nks/known_hosts`.
    public static func defaultKnownHostsFile(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/nks/known_hosts" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/nks/known_hosts"
    }

    /// The transport these settings describe.
    public func makeTransport(runner: any ProcessRunning = SubprocessRunner(), kubectlArguments: [String] = []) throws -> any NodeTransport {
        switch method {
        case .ssh: return try SSHTransport(settings: ssh, sudo: sudo, runner: runner)
        case .debug: return DebugTransport(image: debugImage, kubectlArguments: kubectlArguments, runner: runner)
        }
    }

    static func port(_ text: String, source: String) throws -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw ValidationError("\(source) must be a port number between 1 and 65535, not \(text.debugDescription)")
        }
        return port
    }

    static func parallel(_ text: String, source: String) throws -> Int {
        guard let value = Int(text), (1...1000).contains(value) else {
            throw ValidationError("\(source) must be a whole number between 1 and 1000, not \(text.debugDescription)")
        }
        return value
    }

    /// How long connections outlive the run: nil for `0` (closed at exit), at most a day so a
    /// typo never leaves root sessions open for weeks.
    static func persistence(_ text: String, source: String) throws -> Duration? {
        if text == "0" { return nil }
        let value = try duration(text, source: source)
        guard value <= .seconds(86_400) else {
            throw ValidationError("\(source) must be at most 24h, not \(text.debugDescription)")
        }
        return value
    }

    /// `30s`, `2m`, `1m30s`, `1h`, `500ms`: one or more number+unit pairs, largest unit first.
    public static func duration(_ text: String, source: String) throws -> Duration {
        let units: [(String, Int64)] = [("h", 3_600_000), ("ms", 1), ("m", 60_000), ("s", 1000)]
        var rest = Substring(text)
        var milliseconds: Int64 = 0
        var lastScale = Int64.max
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isNumber)
            rest = rest.dropFirst(digits.count)
            guard !digits.isEmpty, digits.count <= 9, let amount = Int64(digits),
                  let unit = units.first(where: { rest.hasPrefix($0.0) }), unit.1 < lastScale
            else {
                throw ValidationError("\(source) must be a duration such as 30s, 2m or 1m30s, not \(text.debugDescription)")
            }
            rest = rest.dropFirst(unit.0.count)
            milliseconds += amount * unit.1
            lastScale = unit.1
        }
        guard milliseconds > 0 else {
            throw ValidationError("\(source) must be a duration such as 30s, 2m or 1m30s, not \(text.debugDescription)")
        }
        return .milliseconds(milliseconds)
    }
}
