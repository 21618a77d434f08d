// Reads nks-sync.yaml strictly: every unknown key, wrong type, bad selector, mode or path
// is reported with its line, all at once, and nothing is used until the file is valid.
import enum NKSCore.SSHDestinationSyntax
import Yams

public enum ManifestParser {
    public static let fileName = "nks-sync.yaml"

    public static func parse(_ text: String, file: String = fileName) throws -> Manifest {
        var reader = Reader(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ManifestErrors(errors: [ManifestError(file: file, line: error.line, reason: "not valid YAML: \(error.summary)")])
        }
        guard let root else { return Manifest() }
        if ManifestSize.exceeds(root) {
            throw ManifestErrors(errors: [ManifestError(file: file, line: nil, reason: "the manifest expands to more than \(ManifestSize.maxValues) YAML values (through anchors and aliases?); write it out plainly")])
        }
        let manifest = reader.manifest(root)
        if !reader.errors.isEmpty { throw ManifestErrors(errors: reader.errors) }
        return manifest
    }

    /// Paths nks-sync never writes: kernel and runtime file systems, its own state, and
    /// the boot config that the bootloader command generates.
    static let forbiddenPrefixes = ["/proc", "/sys", "/dev", "/run", "/var/run", "/var/lib/nks-sync", "/boot"]

    struct Reader {
        let file: String
        var errors: [ManifestError] = []

        mutating func fail(_ node: Node?, _ reason: String) {
            errors.append(ManifestError(file: file, line: node?.mark?.line, reason: reason))
        }

        mutating func mapping(_ node: Node, _ what: String, allowed: [String]) -> [(key: String, value: Node)]? {
            guard case .mapping(let mapping) = node else {
                fail(node, "\(what) must be a map")
                return nil
            }
            var pairs: [(key: String, value: Node)] = []
            for (key, value) in mapping {
                guard let name = key.string else { fail(key, "\(what): keys must be strings"); continue }
                if !allowed.contains(name) {
                    fail(key, "unknown key '\(name)' in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
                    continue
                }
                if pairs.contains(where: { $0.key == name }) { fail(key, "duplicate key '\(name)' in \(what)"); continue }
                pairs.append((name, value))
            }
            return pairs
        }

        mutating func string(_ node: Node, _ what: String) -> String? {
            guard case .scalar(let scalar) = node, node.null == nil || scalar.style != .plain else {
                fail(node, "\(what) must be a string")
                return nil
            }
            return scalar.string
        }

        mutating func strings(_ node: Node, _ what: String) -> [String] {
            guard case .sequence(let sequence) = node else {
                if let single = node.string, case .scalar = node { return [single] }
                fail(node, "\(what) must be a list of strings")
                return []
            }
            return sequence.compactMap { string($0, what) }
        }

        mutating func manifest(_ root: Node) -> Manifest {
            var manifest = Manifest()
            guard let pairs = mapping(root, "the manifest", allowed: ["version", "access", "groups", "entries", "repull"]) else { return manifest }
            for (key, value) in pairs {
                switch key {
                case "version":
                    if value.int != 1 { fail(value, "version must be 1 (this nks-sync reads version 1 manifests)") }
                case "access": manifest.access = access(value)
                case "groups": manifest.groups = groups(value)
                case "repull": manifest.repull = repull(value)
                case "entries":
                    guard case .sequence(let items) = value else { fail(value, "entries must be a list"); continue }
                    manifest.entries = items.compactMap { entry($0, groups: manifest.groups) }
                default: break
                }
            }
            // Groups may be declared after entries in the file; check references at the end.
            let known = Set(manifest.groups.map(\.name))
            for entry in manifest.entries {
                for group in entry.groups where !known.contains(group) {
                    errors.append(ManifestError(file: file, line: entry.line, reason: "entry \(entry.path): unknown group '\(group)' (declare it under groups:)"))
                }
            }
            var seen: [String: Int?] = [:]
            for entry in manifest.entries {
                if let first = seen[entry.path] {
                    errors.append(ManifestError(file: file, line: entry.line, reason: "duplicate path \(entry.path) (first declared on line \(first.map(String.init) ?? "?")); merge the two entries"))
                } else {
                    seen[entry.path] = entry.line
                }
            }
            return manifest
        }

        mutating func access(_ node: Node) -> AccessDefaults {
            var access = AccessDefaults()
            guard let pairs = mapping(node, "access", allowed: ["transport", "user", "identity", "port", "jump", "sudo", "addressType", "sshConfig", "ssh-config"]) else { return access }
            for (key, value) in pairs {
                switch key {
                case "transport":
                    access.transport = string(value, "access.transport")
                    if let transport = access.transport, !["ssh", "debug"].contains(transport) { fail(value, "access.transport must be ssh or debug, not '\(transport)'") }
                case "user":
                    access.user = string(value, "access.user")
                    if let user = access.user, !SSHDestinationSyntax.isUserName(user) {
                        fail(value, "access.user must be a login name (letters, digits, '.', '_', '-'), not \(user.debugDescription)")
                    }
                case "identity": access.identity = string(value, "access.identity")
                case "jump":
                    access.jump = string(value, "access.jump")
                    if let jump = access.jump, !SSHDestinationSyntax.isJumpHost(jump) {
                        fail(value, "access.jump must be [user@]host[:port] (several separated by commas), not \(jump.debugDescription)")
                    }
                case "sshConfig", "ssh-config":
                    // An ssh_config can make ssh run programs here (ProxyCommand, LocalCommand,
                    // Match exec, KnownHostsCommand): anyone who can commit would run code on
                    // every operator's machine, even for a read-only status.
                    fail(value, "access.\(key) is not read from the store, because an ssh_config can run programs on your machine; remove it and pass --ssh-config or NKS_SSH_CONFIG yourself")
                case "port":
                    if let port = value.int, (1...65535).contains(port) { access.port = port } else { fail(value, "access.port must be a number from 1 to 65535") }
                case "sudo":
                    if case .scalar = value, let sudo = value.bool { access.sudo = sudo } else { fail(value, "access.sudo must be true or false") }
                case "addressType":
                    access.addressType = string(value, "access.addressType")
                    if let type = access.addressType, !["InternalIP", "ExternalIP", "Hostname"].contains(type) {
                        fail(value, "access.addressType must be InternalIP, ExternalIP or Hostname, not '\(type)'")
                    }
                default: break
                }
            }
            return access
        }

        mutating func groups(_ node: Node) -> [NodeGroup] {
            guard case .mapping(let mapping) = node else { fail(node, "groups must be a map of group name to label selector"); return [] }
            var groups: [NodeGroup] = []
            for (key, value) in mapping {
                guard let name = key.string, !name.isEmpty else { fail(key, "group names must be strings"); continue }
                guard let text = string(value, "group \(name)") else { continue }
                do {
                    groups.append(NodeGroup(name: name, selector: try LabelSelector(text)))
                } catch {
                    fail(value, "group \(name): \(error)")
                }
            }
            return groups
        }

        mutating func entry(_ node: Node, groups: [NodeGroup]) -> ManagedEntry? {
            let allowed = ["path", "kind", "owner", "group", "mode", "allowSecrets", "present", "absent", "variable", "set", "remove", "format", "groups", "when", "validate", "activate", "disruption"]
            guard let pairs = mapping(node, "entry", allowed: allowed) else { return nil }
            let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard let pathNode = fields["path"] else { fail(node, "entry without a path"); return nil }
            guard let path = string(pathNode, "path"), checkPath(path, pathNode) else { return nil }
            let kindName = fields["kind"].flatMap { string($0, "kind") } ?? "file"
            let kindKeys: [String: [String]] = [
                "file": ["owner", "group", "mode", "allowSecrets"],
                "kernel-args": ["present", "absent", "variable"],
                "keys": ["set", "remove", "format"],
                "env-flags": ["set", "remove", "variable"],
            ]
            guard let ownKeys = kindKeys[kindName] else {
                fail(fields["kind"], "entry \(path): unknown kind '\(kindName)' (expected file, kernel-args, keys or env-flags)")
                return nil
            }
            let otherKindKeys = Set(kindKeys.values.joined()).subtracting(ownKeys)
            for (key, value) in pairs where otherKindKeys.contains(key) {
                fail(value, "entry \(path): '\(key)' does not apply to kind \(kindName)")
            }
            guard let kind = kind(kindName, fields, path: path) else { return nil }

            var entry = ManagedEntry(path: path, kind: kind, groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: kind.defaultDisruption, line: node.mark?.line)
            if let value = fields["groups"] { entry.groups = strings(value, "entry \(path): groups") }
            if let value = fields["when"] { entry.conditions = conditions(value, path: path) }
            if let value = fields["validate"] {
                entry.validate = string(value, "entry \(path): validate")
                if let command = entry.validate, !command.contains("{}") { fail(value, "entry \(path): validate must contain {} where the temp file's path goes, e.g. 'logrotate -d {}'") }
            }
            if let value = fields["activate"] { entry.activate = strings(value, "entry \(path): activate") }
            if let value = fields["disruption"], let text = string(value, "disruption") {
                if let disruption = Disruption(rawValue: text) { entry.disruption = disruption }
                else { fail(value, "entry \(path): disruption must be one of \(Disruption.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'") }
            }
            return entry
        }

        mutating func kind(_ name: String, _ fields: [String: Node], path: String) -> ManagedEntry.Kind? {
            switch name {
            case "file":
                let owner = fields["owner"].flatMap { string($0, "owner") } ?? "root"
                let group = fields["group"].flatMap { string($0, "group") } ?? "root"
                var mode = "0644"
                if let node = fields["mode"] {
                    // An unquoted 0644 is read by YAML 1.1 as octal 420; take the text as written.
                    let text = node.scalar?.string ?? ""
                    let digits = text.hasPrefix("0o") ? String(text.dropFirst(2)) : text
                    if (3...4).contains(digits.count), digits.allSatisfy({ ("0"..."7").contains($0) }) {
                        mode = digits.count == 3 ? "0" + digits : digits
                    } else {
                        fail(node, "entry \(path): mode '\(text)' is not an octal file mode such as \"0644\"")
                    }
                }
                let allowSecrets = fields["allowSecrets"]?.bool ?? false
                return .file(owner: owner, group: group, mode: mode, allowSecrets: allowSecrets)
            case "kernel-args":
                let present = fields["present"].map { strings($0, "entry \(path): present") } ?? []
                let absent = fields["absent"].map { strings($0, "entry \(path): absent") } ?? []
                if present.isEmpty && absent.isEmpty { fail(fields["path"], "entry \(path): kernel-args needs present: or absent: arguments") }
                for token in present + absent where token.contains(where: \.isWhitespace) || token.isEmpty {
                    fail(fields["present"] ?? fields["absent"], "entry \(path): kernel argument '\(token)' must be one word")
                }
                let variable = fields["variable"].flatMap { string($0, "variable") } ?? "GRUB_CMDLINE_LINUX"
                return .kernelArgs(KernelArgumentsSpec(present: present, absent: absent, variable: variable))
            case "keys":
                var set = ConfigValue.map([:])
                if let node = fields["set"] {
                    set = ConfigValue(yaml: node)
                    guard case .map = set else { fail(node, "entry \(path): set must be a map of keys to values"); return nil }
                }
                var removeNames: [String] = []
                if let node = fields["remove"] { removeNames = strings(node, "entry \(path): remove") }
                let remove: [[String]] = removeNames.map { name in name.split(separator: "/").map { String($0) } }
                if case .map(let members) = set, members.isEmpty, remove.isEmpty { fail(fields["path"], "entry \(path): keys needs set: or remove:") }
                var format = ConfigFormat.forPath(path)
                if let node = fields["format"], let text = string(node, "format") {
                    if let chosen = ConfigFormat(rawValue: text) { format = chosen } else { fail(node, "entry \(path): format must be yaml or json") }
                }
                return .keys(ConfigKeysSpec(set: set, remove: remove), format: format)
            case "env-flags":
                var set: [String: String] = [:]
                if let node = fields["set"] {
                    guard case .mapping(let mapping) = node else { fail(node, "entry \(path): set must be a map of flag to value"); return nil }
                    for (key, value) in mapping {
                        guard let flag = key.string, flag.hasPrefix("-") else { fail(key, "entry \(path): '\(key.string ?? "")' is not a flag (flags start with --)"); continue }
                        set[flag] = value.null != nil ? "" : (value.string ?? "")
                    }
                }
                let remove = fields["remove"].map { strings($0, "entry \(path): remove") } ?? []
                let variable = fields["variable"].flatMap { string($0, "variable") } ?? "KUBELET_EXTRA_ARGS"
                return .envFlags(EnvironmentFlagsSpec(variable: variable, set: set, remove: remove))
            default:
                return nil
            }
        }

        mutating func conditions(_ node: Node, path: String) -> NodeConditions {
            var conditions = NodeConditions(isExplicit: true)
            guard let pairs = mapping(node, "entry \(path): when", allowed: ["runtime", "kubeletVersion", "osImage"]) else { return conditions }
            for (key, value) in pairs {
                switch key {
                case "runtime":
                    let runtimes = strings(value, "when.runtime")
                    for runtime in runtimes where !["containerd", "docker", "cri-o", "any"].contains(runtime) {
                        fail(value, "entry \(path): runtime '\(runtime)' is not one of containerd, docker, cri-o, any")
                    }
                    // `any` is every runtime, said explicitly.
                    conditions.runtimes = runtimes.contains("any") ? [] : runtimes
                case "kubeletVersion":
                    if let text = string(value, "when.kubeletVersion") {
                        if let range = VersionRange(text) { conditions.kubeletVersion = range }
                        else { fail(value, "entry \(path): kubeletVersion '\(text)' is not a range such as '>=1.24' or '>=1.20 <1.24'") }
                    }
                case "osImage": conditions.osImage = string(value, "when.osImage")
                default: break
                }
            }
            return conditions
        }

        mutating func checkPath(_ path: String, _ node: Node) -> Bool {
            guard path.hasPrefix("/") else {
                fail(node, "path '\(path)' must be absolute (start with /)")
                return false
            }
            let components = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            if components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) || path.hasSuffix("/") {
                fail(node, "path '\(path)' must be a normalised file path (no '.', '..', '//' or trailing '/')")
                return false
            }
            if path.contains(where: { $0.isNewline || $0 == "\0" }) {
                fail(node, "path '\(path)' contains a newline or NUL")
                return false
            }
            if let prefix = forbiddenPrefixes.first(where: { path == $0 || path.hasPrefix($0 + "/") }) {
                fail(node, "path '\(path)' is under \(prefix), which nks-sync never writes")
                return false
            }
            return true
        }
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(self)".split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
