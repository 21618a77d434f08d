// Starting points for a new store, taken from the support cases the suite was built for.
public struct Preset: Sendable {
    public var name: String
    public var summary: String
    /// The manifest entry, as YAML list item lines.
    public var entry: String
    /// Canonical whole files the entry needs (node path → content).
    public var files: [String: String]

    public static let all: [Preset] = [logrotateDocker, kernelNoKmem, kubeletImageGC, kubeletContainerLogs, kubeletPullDeadline]

    public static func named(_ name: String) throws -> Preset {
        guard let preset = all.first(where: { $0.name == name }) else {
            throw StoreError.unknownPreset(name, known: all.map(\.name))
        }
        return preset
    }

    /// docker's json-file logs rotated daily and at 100M: the file of the NKS troubleshooting
    /// guide (Container > NKS > 문제 해결 가이드, "로그 로테이션 설정하기"), byte for byte as its
    /// code block gives it, 4-space indentation inside the braces included.
    public static let logrotateDocker = Preset(
        name: "logrotate-docker",
        summary: "/etc/logrotate.d/docker: rotate docker's container logs (docker nodes only)",
        entry: """
          - path: /etc/logrotate.d/docker
            kind: file
            mode: "0644"
            validate: logrotate -d {}
        """,
        files: ["/etc/logrotate.d/docker": """
        /var/lib/docker/containers/*/*.log {
            rotate 10
            copytruncate
            missingok
            notifempty
            compress
            maxsize 100M
            daily
            dateext
            dateformat -%Y%m%d-%s
            create 0644 root root
        }

        """]
    )

    /// The kernel memory cgroup leak behind `cannot allocate memory` on older kernels.
    public static let kernelNoKmem = Preset(
        name: "kernel-nokmem",
        summary: "cgroup.memory=nokmem in GRUB_CMDLINE_LINUX (reboot required)",
        entry: """
          - path: /etc/default/grub
            kind: kernel-args
            present: [cgroup.memory=nokmem]
            activate: [grub2-mkconfig -o /boot/grub2/grub.cfg]
        """,
        files: [:]
    )

    /// Image GC that starts before the kubelet's imagefs eviction threshold (15% free),
    /// so disk pressure is relieved by deleting images rather than terminated containers.
    public static let kubeletImageGC = Preset(
        name: "kubelet-image-gc",
        summary: "imageGCHigh/LowThresholdPercent 75/65 in the kubelet config (kubelet restart)",
        entry: """
          - path: /var/lib/kubelet/config.yaml
            kind: keys
            set:
              imageGCHighThresholdPercent: 75
              imageGCLowThresholdPercent: 65
        """,
        files: [:]
    )

    /// The kubelet's own container log rotation, the containerd-era counterpart of the
    /// docker logrotate file.
    public static let kubeletContainerLogs = Preset(
        name: "kubelet-container-logs",
        summary: "containerLogMaxSize 100Mi / containerLogMaxFiles 10 in the kubelet config (kubelet restart)",
        entry: """
          - path: /var/lib/kubelet/config.yaml
            kind: keys
            set:
              containerLogMaxSize: 100Mi
              containerLogMaxFiles: 10
        """,
        files: [:]
    )

    /// dockershim kubelets cancel pulls without progress for 1m; large images need longer.
    public static let kubeletPullDeadline = Preset(
        name: "kubelet-pull-deadline",
        summary: "--image-pull-progress-deadline=10m in KUBELET_EXTRA_ARGS (dockershim kubelets < 1.24 only)",
        entry: """
          - path: /etc/sysconfig/kubelet
            kind: env-flags
            variable: KUBELET_EXTRA_ARGS
            set:
              --image-pull-progress-deadline: 10m
            when:
              runtime: docker
              kubeletVersion: "<1.24"
        """,
        files: [:]
    )
}
