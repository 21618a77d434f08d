// What the tool knows about versions and runtimes by itself, so a manifest written for one
// node generation cannot break another: settings that do not exist there, or would stop
// the kubelet from starting.
public enum KnownPitfalls {
    /// Why `entry` must not be applied to a node with these facts, or nil. Advice (a file
    /// that has no effect on this runtime) yields to an entry's own `when:`; a setting that
    /// would stop the kubelet from starting never does.
    public static func reason(for entry: ManagedEntry, on facts: NodeFacts) -> String? {
        if let reason = breakingReason(for: entry, on: facts) { return reason }
        return entry.conditions.isExplicit ? nil : advisoryReason(for: entry, on: facts)
    }

    /// Settings the node cannot take at all.
    static func breakingReason(for entry: ManagedEntry, on facts: NodeFacts) -> String? {
        if case .envFlags(let spec) = entry.kind, spec.set.keys.contains("--image-pull-progress-deadline"),
           let version = facts.kubeletVersion, version >= KubeVersion(major: 1, minor: 24) {
            return "--image-pull-progress-deadline was removed with dockershim in kubelet 1.24 and a kubelet given it does not start; on containerd ≥ 1.7 set image_pull_progress_timeout in the CRI plugin section of /etc/containerd/config.toml"
        }
        return nil
    }

    /// Settings that do nothing on this node: skipped unless the entry says where it applies.
    static func advisoryReason(for entry: ManagedEntry, on facts: NodeFacts) -> String? {
        switch entry.kind {
        case .envFlags(let spec):
            if spec.set.keys.contains("--image-pull-progress-deadline") {
                if let runtime = facts.runtime, runtime != "docker" {
                    return "--image-pull-progress-deadline only affects dockershim; this node runs \(runtime) (containerd ≥ 1.7: image_pull_progress_timeout in /etc/containerd/config.toml)"
                }
            }
        case .file:
            if entry.path.hasPrefix("/etc/logrotate.d/"), entry.path.hasSuffix("docker"),
               let runtime = facts.runtime, runtime != "docker" {
                return "docker's json-file logs do not exist on \(runtime) nodes; the kubelet rotates container logs there (set containerLogMaxSize/containerLogMaxFiles, preset kubelet-container-logs)"
            }
        case .kernelArgs, .keys:
            break
        }
        return nil
    }
}
