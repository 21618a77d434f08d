// Fixes for log-rotated, by who rotates the file: the kubelet (CRI runtimes) or dockerd /
// logrotate (docker's json-file logs); and how to read the rotated files now.
import Foundation
import NKSCore

enum LogRotationRemediations {
    static func forEvidence(_ e: EvidenceSet, rotationNow: String) -> [Remediation] {
        var fixes: [Remediation] = []
        if let files = e.logFiles, let node = e.nodeName, !files.rotated.isEmpty {
            let path = files.directory + "/" + (files.rotated.last?.name ?? "")
            let reader = path.hasSuffix(".gz") ? "zcat" : "cat"
            fixes.append(Remediation(title: "Read the rotated output on the node now", detail: """
                kubectl logs serves only the current file; the rest is on \(node) until it is rotated away:
                  ssh \(node) sudo ls -l \(ShellQuoting.quote(files.directory))
                  ssh \(node) sudo \(reader) \(ShellQuoting.quote(path))
                """))
        }
        if e.logFiles?.layout == .docker {
            let now = e.logFiles.map { $0.dockerLogOptions.isEmpty ? "" : " (now " + $0.dockerLogOptions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")" } ?? ""
            fixes.append(Remediation(title: "Size docker's json-file rotation for the workload", detail: """
                docker rotates <id>-json.log at max-size and keeps max-file files\(now). Raise them in /etc/docker/daemon.json:
                  {"log-driver": "json-file", "log-opts": {"max-size": "100m", "max-file": "5"}}
                then restart docker; only containers created afterwards get the new limits. Where logrotate
                rotates the files instead (NKS worker images), keep /etc/logrotate.d/docker the same on every
                node with kubectl nks-sync (preset logrotate-docker).
                """))
        } else {
            fixes.append(Remediation(title: "Size the kubelet's container log rotation for the workload", detail: """
                The kubelet rotates N.log at containerLogMaxSize and keeps containerLogMaxFiles files\(rotationNow).
                Raise both and roll them out to every node with nks-sync (preset kubelet-container-logs):
                  kubectl nks-sync init --preset kubelet-container-logs
                which puts this entry into nks-sync.yaml:
                  - path: /var/lib/kubelet/config.yaml
                    kind: keys
                    set:
                      containerLogMaxSize: 100Mi
                      containerLogMaxFiles: 10
                then see the nodes that differ: kubectl nks-sync diff
                """))
        }
        fixes.append(Remediation(title: "Ship logs to a logging backend", detail: "Rotation bounds what a node keeps; a node agent (Fluent Bit, Vector, Promtail/Alloy) that tails the files before they rotate away keeps all of it in Loki, Elasticsearch or your provider's log service."))
        return fixes
    }
}
