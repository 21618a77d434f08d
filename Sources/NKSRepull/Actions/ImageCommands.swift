// The POSIX sh scripts that pull, re-tag and pin images on a node with its runtime's CLI,
// run through a NodeTransport (one round trip per script). Every name is shell-quoted.
import NKSCore

public enum ImageCommands {
    /// Pull `source` and make it available as `target` (the reference the kubelet asks
    /// for), then drop the mirror name. docker nodes use docker; containerd nodes nerdctl
    /// in the kubelet's k8s.io namespace, or ctr where nerdctl is not installed.
    public static func pullScript(source: ImageReference, target: ImageReference, runtime: RuntimeKind, pin: Bool) -> String? {
        let same = source.canonical == target.canonical
        switch runtime {
        case .docker:
            // docker names docker.io images by their familiar form; so does cri-dockerd.
            let s = ShellQuoting.quote(source.familiar), t = ShellQuoting.quote(target.familiar)
            if same { return "set -e\ndocker pull \(s)\n" }
            return "set -e\ndocker pull \(s)\ndocker tag \(s) \(t)\ndocker rmi \(s)\n"
        case .containerd:
            let s = ShellQuoting.quote(source.canonical), t = ShellQuoting.quote(target.canonical)
            var nerdctl = "nerdctl -n k8s.io pull \(s)\n"
            var ctr = "ctr -n k8s.io images pull \(s)\n"
            if !same {
                nerdctl += "  nerdctl -n k8s.io tag \(s) \(t)\n  nerdctl -n k8s.io rmi \(s)\n"
                ctr += "  ctr -n k8s.io images tag --force \(s) \(t)\n  ctr -n k8s.io images rm \(s)\n"
            }
            var script = "set -e\nif command -v nerdctl >/dev/null 2>&1; then\n  \(nerdctl)else\n  \(ctr)fi\n"
            if pin { script += "ctr -n k8s.io images label \(t) io.cri-containerd.pinned=pinned\n" }
            return script
        case .crio, .other:
            return nil
        }
    }

    /// Why pulling from a mirror cannot stand in for `target`, nil when it can. The kubelet
    /// asks for a digest reference by that name, and neither `docker tag` nor the CRI's
    /// image store let a pulled image take another repository's digest name; only the
    /// runtime's own mirror configuration serves it.
    public static func mirrorLimitation(target: ImageReference, runtime: RuntimeKind) -> String? {
        guard target.digest != nil else { return nil }
        switch runtime {
        case .docker:
            return "\(target.familiar) is pinned by digest and docker cannot tag by digest: list the mirror in registry-mirrors of /etc/docker/daemon.json (Docker Hub images only) or refer to the image by tag"
        case .containerd, .crio, .other:
            return "\(target.canonical) is pinned by digest and a mirror pull cannot take its name: configure the mirror for \(target.domain) in the runtime (containerd: /etc/containerd/certs.d/\(target.domain)/hosts.toml; CRI-O: /etc/containers/registries.conf)"
        }
    }

    /// What the script does, in one line for the plan.
    public static func summary(source: ImageReference, target: ImageReference, runtime: RuntimeKind) -> String {
        let same = source.canonical == target.canonical
        switch runtime {
        case .docker:
            return same ? "docker pull \(source.familiar)"
                : "docker pull \(source.familiar) && docker tag \(source.familiar) \(target.familiar) && docker rmi \(source.familiar)"
        case .containerd:
            return same ? "nerdctl -n k8s.io pull \(source.canonical) (ctr -n k8s.io without nerdctl)"
                : "nerdctl -n k8s.io pull \(source.canonical) && tag as \(target.canonical) && rmi the mirror name (ctr -n k8s.io without nerdctl)"
        case .crio, .other:
            return "not supported on this runtime"
        }
    }

    /// Lists the images the runtime holds (`crictl images`, every CRI runtime has it).
    public static let listScript = "crictl images 2>/dev/null || true\n"

    /// Parses `crictl images` (IMAGE TAG IMAGE-ID SIZE) into canonical references.
    public static func parseImageList(_ text: String) -> Set<String> {
        var result: Set<String> = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2 else { continue }
            let name = fields[1] == "<none>" ? String(fields[0]) : "\(fields[0]):\(fields[1])"
            if let reference = try? ImageReference(parsing: name) { result.insert(reference.canonical) }
        }
        return result
    }
}
