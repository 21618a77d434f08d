// A container's log files as its node has them, and which of them the kubelet no longer
// serves. `kubectl logs` reads only the current file; rotated files hold the older output.
//   CRI (containerd, CRI-O): /var/log/pods/<ns>_<pod>_<uid>/<container>/<restart>.log; the
//     kubelet's container log manager renames it to <restart>.log.<YYYYMMDD-hhmmss> at
//     containerLogMaxSize and compresses older rotations to .gz, keeping containerLogMaxFiles.
//   docker json-file: /var/lib/docker/containers/<id>/<id>-json.log; dockerd rotates it into
//     .1, .2 … (.gz with compress) at max-size, keeping max-file; NKS images also rotate it
//     with logrotate (dateext: <id>-json.log-<YYYYMMDD>-<epoch>.gz).
import Foundation

public struct ContainerLogFiles: Sendable, Hashable {
    public enum Layout: String, Sendable, Hashable {
        case cri
        case docker
    }

    public struct File: Sendable, Hashable {
        public var name: String
        public var size: Int64
        public var modified: Date

        public init(name: String, size: Int64, modified: Date) {
            self.name = name
            self.size = size
            self.modified = modified
        }
    }

    public var layout: Layout
    /// The directory the files are in, as the node named it.
    public var directory: String
    public var files: [File]
    /// docker's log-opts from /etc/docker/daemon.json (max-size, max-file), docker only.
    public var dockerLogOptions: [String: String]

    public init(layout: Layout, directory: String, files: [File], dockerLogOptions: [String: String] = [:]) {
        self.layout = layout
        self.directory = directory
        self.files = files
        self.dockerLogOptions = dockerLogOptions
    }

    /// Rotated files: the kubelet's `N.log.20240101-120000[.gz]`, docker's `…-json.log.N[.gz]`
    /// and logrotate's `…-json.log-…` / `…-json.log.N.gz`.
    public var rotated: [File] { files.filter { Self.isRotated($0.name, layout: layout) } }

    /// The file the kubelet serves: the highest `N.log`, or docker's `<id>-json.log`.
    public var current: File? {
        switch layout {
        case .cri: return files.filter { Self.restartLog($0.name) != nil }.max { Self.restartLog($0.name)! < Self.restartLog($1.name)! }
        case .docker: return files.first { $0.name.hasSuffix("-json.log") }
        }
    }

    static func isRotated(_ name: String, layout: Layout) -> Bool {
        var base = Substring(name)
        if base.hasSuffix(".gz") { base = base.dropLast(3) }
        switch layout {
        case .cri:
            // "0.log.20240101-120000": the kubelet's timestampFormat "20060102-150405".
            let parts = base.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, Int(parts[0]) != nil, parts[1] == "log" else { return false }
            let stamp = parts[2]
            return stamp.count == 15 && stamp.enumerated().allSatisfy { $0.offset == 8 ? $0.element == "-" : $0.element.isASCII && $0.element.isNumber }
        case .docker:
            guard let range = base.range(of: "-json.log") else { return false }
            let rest = base[range.upperBound...]
            if rest.hasPrefix("."), let number = Int(rest.dropFirst()), number > 0 { return true }
            return rest.hasPrefix("-") && rest.count > 1
        }
    }

    /// N for "N.log", else nil.
    static func restartLog(_ name: String) -> Int? {
        guard name.hasSuffix(".log") else { return nil }
        return Int(name.dropLast(4))
    }

    /// When the kubelet rotated a CRI file, from its name (the node's clock, UTC on most nodes).
    public static func rotationTime(_ name: String) -> Date? {
        var base = Substring(name)
        if base.hasSuffix(".gz") { base = base.dropLast(3) }
        guard let stamp = base.split(separator: ".").last, stamp.count == 15 else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.date(from: String(stamp))
    }

    /// "12.0 MiB", "512 B".
    public static func size(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
