// log-rotated: the container's output exists on the node but not in the file the kubelet
// serves — the current log file was rotated (containerLogMaxSize/MaxFiles, docker's
// max-size/max-file, logrotate) or removed, and `kubectl logs` reads only the current file.
import Foundation
import NKSCore

public struct LogRotatedAnalyzer: Analyzer {
    public init() {}

    public func analyze(_ e: EvidenceSet) -> [Finding] {
        let rotated = e.recentRotatedLogs
        let read = e.readItem.map { [$0] } ?? []
        switch e.read?.outcome {
        case .logFileMissing(let path)?:
            let found = rotated.isEmpty ? "" : "; \(Self.describe(rotated)) remain in \(e.logFiles!.directory)"
            return [Finding(cause: .logRotated, confidence: rotated.isEmpty ? 0.75 : 0.9, reason: "the log file \(path) was rotated or deleted on the node while the container remained\(found)", evidence: read + e.logFileItems + configItems(e))]
        case .empty? where !rotated.isEmpty:
            return [Finding(cause: .logRotated, confidence: 0.95, reason: "kubectl logs returned nothing because the kubelet serves only the current log file; the container's earlier output is in \(Self.describe(rotated)) on the node", evidence: read + e.logFileItems + configItems(e))]
        case .readable(let lines)? where !rotated.isEmpty && lines < (e.tailLines ?? 0):
            return [Finding(cause: .logRotated, confidence: 0.9, reason: "kubectl logs returned only \(lines) line\(lines == 1 ? "" : "s") because the kubelet serves only the current log file; the container's earlier output is in \(Self.describe(rotated)) on the node", evidence: read + e.logFileItems + configItems(e))]
        default:
            if e.logFiles == nil { return [.ruledOut(.logRotated, "the container's log file was not reported missing and its log directory was not read")] }
            return [.ruledOut(.logRotated, "no rotated log files in \(e.logFiles!.directory) since the container started")]
        }
    }

    /// "2 rotated files (20.0 MiB)".
    static func describe(_ files: [ContainerLogFiles.File]) -> String {
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        return "\(files.count) rotated file\(files.count == 1 ? "" : "s") (\(ContainerLogFiles.size(total)))"
    }

    /// The rotation settings that apply: the kubelet's for CRI, docker's log-opts for docker.
    func configItems(_ e: EvidenceSet) -> [EvidenceItem] {
        if let files = e.logFiles, files.layout == .docker {
            let options = files.dockerLogOptions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return [EvidenceItem(source: "docker daemon.json log-opts", text: options.isEmpty ? "no max-size/max-file in /etc/docker/daemon.json (docker's defaults, or logrotate, rotate the file)" : options)]
        }
        guard let config = e.kubeletConfig else { return [] }
        let parts = [config.containerLogMaxSize.map { "containerLogMaxSize=\($0)" }, config.containerLogMaxFiles.map { "containerLogMaxFiles=\($0)" }].compactMap { $0 }
        return [EvidenceItem(source: e.kubeletConfigSource, text: parts.isEmpty ? "containerLogMaxSize/containerLogMaxFiles not set (the kubelet's defaults: 10Mi, 5)" : parts.joined(separator: " "))]
    }
}

extension EvidenceSet {
    /// Rotated log files written since this container instance started: its own output.
    var recentRotatedLogs: [ContainerLogFiles.File] {
        guard let files = logFiles else { return [] }
        let started = containerStatus.flatMap { target.previous ? $0.lastState?.terminated?.startedAt : ($0.state?.running?.startedAt ?? $0.state?.terminated?.startedAt) }
        return files.rotated.filter { started == nil || $0.modified >= started!.addingTimeInterval(-60) }
    }

    /// One evidence line per log file: name, size, time, and whether the kubelet serves it.
    var logFileItems: [EvidenceItem] {
        guard let files = logFiles else { return [] }
        let current = files.current?.name
        let source = "log files on \(nodeName ?? "the node") in \(files.directory)"
        return files.files.prefix(20).map { file in
            let role = file.name == current ? "current, served by kubectl logs" : (ContainerLogFiles.isRotated(file.name, layout: files.layout) ? "rotated, not served" : "other")
            return EvidenceItem(source: source, text: "\(file.name)  \(ContainerLogFiles.size(file.size))  modified \(ReportTime.format(file.modified))  (\(role))")
        }
    }
}
