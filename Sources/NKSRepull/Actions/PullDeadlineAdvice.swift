// What stops the kubelet/runtime from cancelling a slow pull, for this node's runtime and
// version: the dockershim kubelet flag (< 1.24), cri-dockerd's flag, containerd ≥ 1.7's
// image_pull_progress_timeout, CRI-O ≥ 1.30's pull_progress_timeout.
import NKSCore

public enum PullDeadlineAdvice {
    public static func advice(runtime: RuntimeKind, runtimeVersion: String?, kubeletVersion: String?) -> String {
        switch runtime {
        case .docker:
            if let (major, minor) = majorMinor(kubeletVersion), major == 1, minor < 24 {
                return """
                dockershim kubelet \(kubeletVersion ?? ""): add this kubectl nks-sync entry (then kubectl nks-sync push): \
                { path: /etc/sysconfig/kubelet, kind: env-flags, variable: KUBELET_EXTRA_ARGS, set: { --image-pull-progress-deadline: 10m } }
                """
            }
            return "cri-dockerd (kubelet ≥ 1.24): add --image-pull-progress-deadline=10m to cri-docker.service's ExecStart and restart cri-docker"
        case .containerd:
            guard let (major, minor) = majorMinor(runtimeVersion) else {
                return "containerd: set image_pull_progress_timeout = \"10m\" (containerd ≥ 1.7) and restart containerd"
            }
            if major >= 2 {
                return "containerd \(runtimeVersion ?? ""): in /etc/containerd/config.toml under [plugins.\"io.containerd.cri.v1.images\"] set image_pull_progress_timeout = \"10m\", then systemctl restart containerd"
            }
            if major == 1 && minor >= 7 {
                return "containerd \(runtimeVersion ?? ""): in /etc/containerd/config.toml under [plugins.\"io.containerd.grpc.v1.cri\"] set image_pull_progress_timeout = \"10m\", then systemctl restart containerd"
            }
            return "containerd \(runtimeVersion ?? "") has no pull progress timeout setting (added in 1.7): upgrade containerd, or pre-pull large images with kubectl nks-repull --image"
        case .crio:
            return "CRI-O: set pull_progress_timeout = \"10m\" under [crio.image] in /etc/crio/crio.conf (CRI-O ≥ 1.30), then systemctl restart crio"
        case .other:
            return "unknown runtime: raise its image pull progress timeout"
        }
    }
}
