// Registries that were shut down or frozen, how each fails today, and where its images
// went: pulls from them fail for good, so a mirror or a retry never helps and the fix is
// the image name in the owner's template.
public enum RetiredRegistry: String, Sendable, Hashable, CaseIterable {
    /// GitHub Packages' Docker registry, replaced by the Container registry (ghcr.io);
    /// containerd-based nodes cannot pull from it (seed 002).
    case githubPackages = "docker.pkg.github.com"
    /// Frozen on 3 April 2023: new tags exist only on registry.k8s.io, so a tag it lacks is
    /// the freeze, not a typo.
    case kubernetesGCR = "k8s.gcr.io"
    /// Google Container Registry (gcr.io, us./eu./asia.gcr.io): writes stopped on 18 March
    /// 2025 and projects not moved to Artifact Registry answer `412 Precondition Failed`
    /// with "Container Registry is deprecated and shutting down, …".
    case containerRegistry = "gcr.io"
    /// JFrog Bintray (*.bintray.io), shut down on 1 May 2021 (403 "Forbidden!").
    case bintray = "bintray.io"
    /// The CentOS registry, decommissioned in May 2023 (its name no longer resolves).
    case centOS = "registry.centos.org"

    public init?(domain: String) {
        let host = domain.split(separator: ":").first.map { String($0).lowercased() } ?? domain
        switch host {
        case "docker.pkg.github.com": self = .githubPackages
        case "k8s.gcr.io": self = .kubernetesGCR
        case "gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io", "marketplace.gcr.io": self = .containerRegistry
        case "registry.centos.org": self = .centOS
        case _ where host.hasSuffix(".bintray.io"): self = .bintray
        default: return nil
        }
    }

    /// Whether a pull error (lower-cased) of `image`, whose wording alone names `cause`,
    /// is this registry's retirement.
    func explains(_ text: String, cause: PullCause, image: ImageReference) -> Bool {
        switch self {
        case .githubPackages:
            return cause == .unknown ? text.contains("pull") : cause != .diskFull
        case .bintray, .centOS:
            // Gone for good: whatever the pull says (a 403 "Forbidden!" body, a name that no
            // longer resolves), only a full disk is still the node's own problem.
            return cause != .diskFull
        case .kubernetesGCR:
            return cause == .imageNotFound
        case .containerRegistry:
            if Self.isGCRShutdownText(text) { return true }
            // gcr.io/google-containers was what k8s.gcr.io served: frozen the same way.
            return cause == .imageNotFound && Self.kubernetesProjectPath(image) != nil
        }
    }

    static func isGCRShutdownText(_ text: String) -> Bool {
        text.contains("container registry is deprecated") || (text.contains("412 precondition failed") && text.contains("gcr.io"))
    }

    /// The image under its successor's name where the path there is known, and the sentence
    /// that explains the move (also when it has to be done by hand).
    public func successor(of image: ImageReference) -> (image: String?, note: String) {
        switch self {
        case .githubPackages:
            return (RepullPlanner.ghcrRewrite(image), "GitHub Packages moved to the Container registry")
        case .kubernetesGCR:
            return (Self.rename(image, to: "registry.k8s.io/" + image.path), "k8s.gcr.io is frozen since April 2023; new tags are only on registry.k8s.io")
        case .containerRegistry:
            if let path = Self.kubernetesProjectPath(image) {
                return (Self.rename(image, to: "registry.k8s.io/" + path), "the Kubernetes project's images moved from gcr.io to registry.k8s.io")
            }
            let project = image.path.split(separator: "/").first.map(String.init) ?? "PROJECT"
            return (nil, "Container Registry (\(image.domain)) was shut down in 2025: move project \(project) to Artifact Registry (gcloud artifacts docker upgrade migrate --projects=\(project) keeps the \(image.domain) names) or use LOCATION-docker.pkg.dev/\(project)/REPOSITORY/\(image.basename), then change the image in the manifest")
        case .bintray:
            return (nil, "JFrog Bintray (\(image.domain)) was shut down on 1 May 2021: ask the publisher where \(image.basename) moved (most moved to Docker Hub or their own registry) and change the image in the manifest")
        case .centOS:
            return (nil, "registry.centos.org was decommissioned in May 2023: CentOS publishes its images on quay.io/centos (tags differ there, e.g. quay.io/centos/centos:stream9); change the image in the manifest")
        }
    }

    /// "google_containers/pause" → "pause": the Kubernetes project's old gcr.io namespaces.
    static func kubernetesProjectPath(_ image: ImageReference) -> String? {
        guard image.domain == "gcr.io" else { return nil }
        for prefix in ["google_containers/", "google-containers/"] where image.path.hasPrefix(prefix) {
            return String(image.path.dropFirst(prefix.count))
        }
        return nil
    }

    static func rename(_ image: ImageReference, to repository: String) -> String {
        ImageReference.join(repository, tag: image.tag, digest: image.digest)
    }
}
