// Lists one container's log directory on its node, in the round trip that inspects the
// container: the CRI directory the kubelet names /var/log/pods/<ns>_<pod>_<uid>/<container>
// and docker's /var/lib/docker/containers/<id>, with size and mtime of every log file.
import Foundation
import NKSCore

public struct LogDirectoryProbe: Sendable, Hashable {
    /// The container id without its runtime prefix.
    public var containerID: String
    public var namespace: String
    public var pod: String
    /// The pod's uid; the directory is globbed when it is unknown (the pod object is gone).
    public var podUID: String?
    public var container: String

    public init(containerID: String, namespace: String, pod: String, podUID: String?, container: String) {
        self.containerID = containerID
        self.namespace = namespace
        self.pod = pod
        self.podUID = podUID
        self.container = container
    }

    var commandName: String { "logdir-\(containerID)" }

    /// Prints `dir PATH`, then `file SIZE MTIME PATH` per log file, then docker's log-opts as
    /// `opt "max-size": "10m"`. The directories: the runtime's own logPath (crictl inspect's
    /// status.logPath, docker inspect's LogPath: a kubelet podLogsDir or a docker data-root
    /// elsewhere), then the default places. Names are single-quoted; only the uid may be a glob.
    var command: NamedCommand {
        let q = ShellQuoting.quote
        let id = q(containerID)
        let podDirectory = "/var/log/pods/" + q("\(namespace)_\(pod)_") + (podUID.map(q) ?? "*") + "/" + q(container)
        let dockerDirectory = "/var/lib/docker/containers/" + id
        let script = [
            "cri=$(crictl inspect \(id) 2>/dev/null | sed -n 's/^ *\"logPath\": *\"\\([^\"]*\\)\".*/\\1/p' | head -n 1)",
            "dk=$(docker inspect --format '{{.LogPath}}' \(id) 2>/dev/null)",
            "for d in \"${cri%/*}\" \"${dk%/*}\" \(podDirectory) \(dockerDirectory); do [ -n \"$d\" ] && [ -d \"$d\" ] || continue; echo \"dir $d\"",
            "for f in \"$d\"/*.log \"$d\"/*.log.* \"$d\"/*.log-*; do [ -f \"$f\" ] && stat -L -c 'file %s %Y %n' \"$f\"; done; done",
            "[ -n \"$dk\" ] || [ -d \(dockerDirectory) ] && grep -o '\"max-[a-z]*\" *: *\"[^\"]*\"' /etc/docker/daemon.json 2>/dev/null | sed 's/^/opt /'; true",
        ].joined(separator: "; ")
        return NamedCommand(name: commandName, command: script)
    }

    /// The listing, preferring docker's files (under dockershim the CRI `N.log` is only a
    /// symlink to docker's current `<id>-json.log`); nil when no directory exists. A directory
    /// listed twice (the runtime's logPath and a default place) counts once. Lines that do not
    /// have the expected form are skipped: the node's output is not trusted.
    static func parse(_ output: String) -> ContainerLogFiles? {
        var listings: [(directory: String, files: [ContainerLogFiles.File])] = []
        var current: Int?
        var options: [String: String] = [:]
        for line in output.split(separator: "\n").prefix(500) {
            if line.hasPrefix("dir /") {
                let directory = String(line.dropFirst(4))
                if let seen = listings.firstIndex(where: { $0.directory == directory }) {
                    current = seen
                } else {
                    listings.append((directory, []))
                    current = listings.count - 1
                }
            } else if line.hasPrefix("file "), let index = current {
                let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                let directory = listings[index].directory
                guard fields.count == 4, let size = Int64(fields[1]), let mtime = TimeInterval(fields[2]),
                      fields[3].hasPrefix(directory + "/") else { continue }
                let name = String(fields[3].dropFirst(directory.count + 1))
                guard !name.contains("/"), !listings[index].files.contains(where: { $0.name == name }) else { continue }
                listings[index].files.append(.init(name: name, size: size, modified: Date(timeIntervalSince1970: mtime)))
            } else if line.hasPrefix("opt \"max-") {
                let parts = line.dropFirst(4).split(separator: "\"").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != ":" }
                if parts.count == 2 { options[parts[0]] = parts[1] }
            }
        }
        if let docker = listings.first(where: { $0.files.contains { $0.name.contains("-json.log") } }) {
            return ContainerLogFiles(layout: .docker, directory: docker.directory, files: docker.files.sorted { $0.name < $1.name }, dockerLogOptions: options)
        }
        guard let cri = listings.first else { return nil }
        return ContainerLogFiles(layout: .cri, directory: cri.directory, files: cri.files.sorted { $0.name < $1.name })
    }
}
