// A service's unit file and drop-ins as `systemctl cat` prints them (each after a
// `# /path` line, in the order systemd applies them: the unit, then drop-ins by file name,
// later ones winning), and which of those files or the EnvironmentFiles they name gives a
// variable its value. systemd sets Environment= first and EnvironmentFile= over it; among
// each, the last assignment wins.
public struct ServiceUnitListing: Sendable, Hashable {
    public struct Fragment: Sendable, Hashable {
        public var path: String
        public var text: String
    }

    public var unit: String
    public var fragments: [Fragment]

    /// nil when the output shows no unit file (the unit does not exist on the node).
    public init?(unit: String, systemctlCat output: String) {
        self.unit = unit
        var fragments: [Fragment] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if let path = Self.header(line, unit: unit) {
                fragments.append(Fragment(path: path, text: ""))
            } else if !fragments.isEmpty {
                fragments[fragments.count - 1].text += line + "\n"
            }
        }
        guard !fragments.isEmpty else { return nil }
        self.fragments = fragments
    }

    /// `# /etc/systemd/system/kubelet.service.d/10-kubeadm.conf`: only a path to the unit or
    /// one of its drop-ins counts, so a comment in a file is never taken for a header.
    private static func header(_ line: Substring, unit: String) -> String? {
        guard line.hasPrefix("# /") else { return nil }
        let path = String(line.dropFirst(2))
        guard !path.contains(" ") else { return nil }
        if path.hasSuffix("/" + unit) || (path.contains("/\(unit).d/") && path.hasSuffix(".conf")) { return path }
        return nil
    }

    /// Whether `path` is one of the unit's drop-in directories' files (read once it exists).
    public func isDropIn(_ path: String) -> Bool {
        path.contains("/\(unit).d/") && path.hasSuffix(".conf")
    }

    public enum Source: Sendable, Hashable {
        /// The file (env file or unit fragment) whose assignment systemd keeps.
        case file(String)
        /// Nothing assigns the variable.
        case unassigned
        /// An EnvironmentFile that would decide it could not be read.
        case unread(String)
    }

    /// Where `variable` gets its value. `entryPath`/`entryContent` is the managed file as
    /// read from the node (a drop-in that does not exist yet takes its place by name);
    /// `files` holds the other files read (nil content: missing); a path not in it was not read.
    public func source(of variable: String, entryPath: String, entryContent: String?, files: [String: String?]) -> Source {
        var ordered = fragments
        if let index = ordered.firstIndex(where: { $0.path == entryPath }) {
            ordered[index].text = entryContent ?? ""
        } else if isDropIn(entryPath) {
            let name = entryPath.split(separator: "/").last.map(String.init) ?? ""
            let position = ordered.indices.dropFirst().first { (ordered[$0].path.split(separator: "/").last.map(String.init) ?? "") > name } ?? ordered.endIndex
            ordered.insert(Fragment(path: entryPath, text: entryContent ?? ""), at: position)
        }
        var environment: String?
        var environmentFiles: [String] = []
        for fragment in ordered {
            for directive in SystemdUnitFile.directives(in: fragment.text) {
                switch directive {
                case .environment(let assignment) where assignment.name == variable: environment = fragment.path
                case .environment: break
                case .resetEnvironment: environment = nil
                case .environmentFile(let path, _): environmentFiles.append(path)
                case .resetEnvironmentFiles: environmentFiles = []
                }
            }
        }
        for path in environmentFiles.reversed() {
            let content: String?
            if path == entryPath {
                content = entryContent
            } else if let read = files[path] {
                content = read
            } else {
                return .unread(path)
            }
            guard let content else { continue }
            if EnvironmentFlags.value(of: variable, in: content, path: path) != nil { return .file(path) }
        }
        return environment.map(Source.file) ?? .unassigned
    }

    /// Whether systemd reads `path` for this unit: a fragment, a drop-in, or an EnvironmentFile.
    public func reads(_ path: String) -> Bool {
        if isDropIn(path) || fragments.contains(where: { $0.path == path }) { return true }
        return fragments.contains { fragment in
            SystemdUnitFile.directives(in: fragment.text).contains { directive in
                if case .environmentFile(let file, _) = directive { return file == path }
                return false
            }
        }
    }

    /// The text of a fragment, for a variable set by Environment= there.
    public func text(of path: String) -> String? {
        fragments.first { $0.path == path }?.text
    }
}
