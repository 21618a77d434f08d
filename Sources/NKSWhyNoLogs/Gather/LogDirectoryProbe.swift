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
    /// `opt "max-size": "10m"`. Names are single-quoted; only the uid may be a glob.
    var command: NamedCommand {
        let q = ShellQuoting.quote
        let podDirectory = "/var/log/pods/" + q("\(namespace)_\(pod)_") + (podUID.map(q) ?? "*") + "/" + q(container)
        let dockerDirectory = "/var/lib/docker/containers/" + q(containerID)
        let script = [
            "for d in \(podDirectory) \(dockerDirectory); do [ -d \"$d\" ] || continue; echo \"dir $d\"",
            "for f in \"$d\"/*.log \"$d\"/*.log.* \"$d\"/*.log-*; do [ -f \"$f\" ] && stat -L -c 'file %s %Y %n' \"$f\"; done",
            "case \"$d\" in /var/lib/docker/*) grep -o '\"max-[a-z]*\" *: *\"[^\"]*\"' /etc/docker/daemon.json 2>/dev/null | sed 's/^/opt /' ;; esac; done; true",
        ].joined(separator: "; ")
        return NamedCommand(name: commandName, command: script)
    }

    /// The listing, preferring docker's directory (under dockershim the CRI `N.log` is only a
    /// symlink to docker's current file); nil when neither directory exists. Lines that do
    /// not have the expected form are skipped: the node's output is not trusted.
    static func parse(_ output: String) -> ContainerLogFiles? {
        var listings: [(directory: String, files: [ContainerLogFiles.File])] = []
        var options: [String: String] = [:]
        for line in output.split(separator: "\n").prefix(500) {
            if line.hasPrefix("dir /") {
                listings.append((String(line.dropFirst(4)), []))
            } else if line.hasPrefix("file "), !listings.isEmpty {
                let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
                let directory = listings[listings.count - 1].directory
                guard fields.count == 4, let size = Int64(fields[1]), let mtime = TimeInterval(fields[2]),
                      fields[3].hasPrefix(directory + "/") else { continue }
                let name = String(fields[3].dropFirst(directory.count + 1))
                guard !name.contains("/"), !listings[listings.count - 1].files.contains(where: { $0.name == name }) else { continue }
                listings[listings.count - 1].files.append(.init(name: name, size: size, modified: Date(timeIntervalSince1970: mtime)))
            } else if line.hasPrefix("opt \"max-") {
                let parts = line.dropFirst(4).split(separator: "\"").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && $0.trimmingCharacters(in: .whitespaces) != ":" }
                if parts.count == 2 { options[String(parts[0])] = String(parts[1]) }
            }
        }
        if let docker = listings.last(where: { $0.directory.hasPrefix("/var/lib/docker/containers/") }) {
            return ContainerLogFiles(layout: .docker, directory: docker.directory, files: docker.files.sorted { $0.name < $1.name }, dockerLogOptions: options)
        }
        guard let cri = listings.first else { return nil }
        return ContainerLogFiles(layout: .cri, directory: cri.directory, files: cri.files.sorted { $0.name < $1.name })
    }
}
