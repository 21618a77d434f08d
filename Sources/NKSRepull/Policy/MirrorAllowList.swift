// Which images nks-repull may pull from the internal mirror. The mirror pull runs on the
// node with the node's own mirror credentials and tags the result with the pod's image
// name; for an image from a registry the operator did not list (a tenant's private
// registry, a name that does not even resolve), that would hand the tenant whatever the
// mirror holds under the same name. So only listed registries are ever mirrored.
public struct MirrorAllowList: Sendable, Hashable {
    /// Registry hosts ("docker.io") or host/namespace prefixes ("gcr.io/google_containers").
    public private(set) var entries: [String]

    /// The public registries whose images the NKS mirror carries (the cluster's base
    /// images: Docker Hub's calico/coredns/kubernetesui, Kubernetes' registries, flannel on
    /// quay.io/coreos, and the cluster-proportional-autoscaler under gcr.io/google_containers).
    /// Only namespaces, not the whole host, where the host also serves private images.
    public static let defaults = MirrorAllowList(validated: [
        "docker.io", "registry.k8s.io", "k8s.gcr.io", "quay.io/coreos", "gcr.io/google_containers",
    ])

    private init(validated entries: [String]) { self.entries = entries }

    /// Entries as an operator writes them; each must be a registry host (with an optional
    /// port) and an optional repository namespace. Throws the reason for the first bad one.
    public init(parsing entries: [String]) throws(MirrorAllowListError) {
        var result: [String] = []
        for raw in entries {
            let entry = raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            var host = String(parts[0])
            let namespace = parts.count > 1 ? parts[1] : nil
            // A registry host is what the image grammar takes as one: a dot, a port or localhost.
            guard ImageReference.isDomain(host), host.contains(".") || host.contains(":") || host == "localhost",
                  namespace.map({ !$0.isEmpty && $0.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(ImageReference.isPathComponent) }) ?? true else {
                throw MirrorAllowListError(entry: raw)
            }
            if host == "index.docker.io" { host = "docker.io" }
            let canonical = namespace.map { host + "/" + $0 } ?? host
            if !result.contains(canonical) { result.append(canonical) }
        }
        self.entries = result
    }

    /// The entry that lets `image` be mirrored, nil when none does. Hosts match exactly
    /// (never as a suffix: docker.io.example.com is not docker.io) and namespaces match whole
    /// path components.
    public func entry(permitting image: ImageReference) -> String? {
        entries.first { entry in
            guard let slash = entry.firstIndex(of: "/") else { return image.domain == entry }
            let host = entry[..<slash], namespace = entry[entry.index(after: slash)...]
            return image.domain == host && (image.path + "/").hasPrefix(namespace + "/")
        }
    }

    public var description: String { entries.joined(separator: ", ") }
}

public struct MirrorAllowListError: Error, Sendable, Hashable, CustomStringConvertible {
    public var entry: String
    public var description: String {
        "\(entry.debugDescription) is not a registry host or host/namespace (e.g. docker.io, registry.k8s.io, gcr.io/google_containers)"
    }
}

/// Where an image comes from, as the plan shows it beside every mirror action.
public struct ImageOrigin: Codable, Sendable, Hashable {
    public var registry: String
    /// The repository path without the image's own name ("library", "calico", "x");
    /// empty for an image at the registry's top level.
    public var namespace: String

    public init(_ image: ImageReference) {
        registry = image.domain
        let parts = image.path.split(separator: "/")
        namespace = parts.dropLast().joined(separator: "/")
    }

    public var summary: String { "registry \(registry), namespace \(namespace.isEmpty ? "(none)" : namespace)" }
}
