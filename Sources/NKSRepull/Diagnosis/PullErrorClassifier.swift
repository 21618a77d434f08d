// Reads one pull error text (a container status message, a kubelet event, a runtime's own
// error) and names its cause. Rules are tried in order: the more specific first, because one
// text often carries several hints (a 429 while fetching an auth token also says
// "failed to authorize"; a TLS failure also says `Get "https://…"`).
import Foundation

public enum PullErrorClassifier {
    struct Rule {
        var cause: PullCause
        var needles: [String]
    }

    /// Lower-case substrings, each from real kubelet / containerd / CRI-O / docker texts
    /// (the corpus in the tests names the source and version of each).
    static let rules: [Rule] = [
        Rule(cause: .diskFull, needles: ["no space left on device", "disk quota exceeded"]),
        Rule(cause: .platformMismatch, needles: [
            "no match for platform in manifest",
            "does not match the specified platform",
            "no image found in manifest list for architecture",
            "no image found in image index for architecture",
            "image operating system \"windows\" cannot be used on this platform",
            "exec format error",
        ]),
        Rule(cause: .registryDeprecated, needles: [
            "schema 1 image manifests are no longer supported",
            "docker image manifest version 2, schema 1",
            "pulling from host docker.pkg.github.com failed",
            "support for schema 1 has been removed",
            // containerd 2.1 (core/remotes/... unpack), also behind docker 29's daemon.
            "manifest.v1+prettyjws\" is no longer supported",
        ]),
        Rule(cause: .pullProgressTimeout, needles: [
            "because of no progress",
            "image pull progress deadline",
        ]),
        Rule(cause: .rateLimited, needles: [
            "toomanyrequests",
            "429 too many requests",
            "pull rate limit",
            "rate limit exceeded",
            "too many requests",
        ]),
        Rule(cause: .tlsUntrusted, needles: [
            "x509:",
            "tls: failed to verify certificate",
            "server gave http response to https client",
            "certificate signed by unknown authority",
        ]),
        Rule(cause: .authRequired, needles: [
            "401 unauthorized",
            "403 forbidden",
            "unauthorized:",
            "authentication required",
            "pull access denied",
            "insufficient_scope",
            "requested access to the resource is denied",
            "no basic auth credentials",
            "failed to authorize",
            "denied: ",
        ]),
        Rule(cause: .imageNotFound, needles: [
            "manifest unknown",
            "name unknown",
            "404 not found",
            "not found: not found",
            "is not present with pull policy of never",
            "reference does not exist",
            "repository does not exist",
            "no such image",
        ]),
        Rule(cause: .registryUnreachable, needles: [
            "no such host",
            "i/o timeout",
            "connection refused",
            "no route to host",
            "network is unreachable",
            "tls handshake timeout",
            "client.timeout exceeded",
            "request canceled while waiting for connection",
            "connection reset by peer",
            "context deadline exceeded",
            "server misbehaving",
            "temporary failure in name resolution",
            "502 bad gateway",
            "503 service unavailable",
            "504 gateway time-out",
            "504 gateway timeout",
            "dial tcp",
        ]),
    ]

    /// The cause a text names; `image` (when known) adds what the text alone cannot say:
    /// a retired registry's errors read like ordinary ones (a DNS failure, a 403, a missing
    /// tag) but mean the registry is gone.
    public static func classify(_ message: String, image: ImageReference? = nil) -> PullCause {
        let text = message.lowercased()
        let cause = wordingCause(text)
        if cause != .diskFull && RetiredRegistry.isGCRShutdownText(text) { return .registryDeprecated }
        return retiredRegistry(text, cause: cause, image: image) != nil ? .registryDeprecated : cause
    }

    /// The retired registry that explains this pull error of `image`, if one does.
    public static func retiredRegistry(explaining message: String, image: ImageReference) -> RetiredRegistry? {
        let text = message.lowercased()
        return retiredRegistry(text, cause: wordingCause(text), image: image)
    }

    static func retiredRegistry(_ text: String, cause: PullCause, image: ImageReference?) -> RetiredRegistry? {
        if let image, let registry = RetiredRegistry(domain: image.domain) {
            return registry.explains(text, cause: cause, image: image) ? registry : nil
        }
        // Without the image, the old GitHub registry still names itself in every error.
        if text.contains("docker.pkg.github.com"), let image = try? ImageReference(parsing: "docker.pkg.github.com/x/y") {
            return RetiredRegistry.githubPackages.explains(text, cause: cause, image: image) ? .githubPackages : nil
        }
        return nil
    }

    /// The cause the wording names, registry aside.
    static func wordingCause(_ text: String) -> PullCause {
        for rule in rules where rule.needles.contains(where: text.contains) {
            return rule.cause
        }
        // containerd ≥ 1.7 cancels a stalled pull ("cancel pulling image … because of no
        // progress" goes to its own log only); the kubelet then reports only the cancelled
        // context. A bare "context canceled" in a pull error means exactly that.
        if text.contains("context canceled") { return .pullProgressTimeout }
        // The registry (or a proxy in front of it) closed the connection without an answer:
        // `failed to do request: Head https://…/manifests/3.1: EOF` (containerd/containerd#4233).
        if text.hasSuffix(": eof") || text.contains(": eof\n") { return .registryUnreachable }
        // "failed to resolve reference \"X\": X: not found" (containerd 1.5–2.x).
        if text.hasSuffix(": not found") || text.contains(": not found\n") { return .imageNotFound }
        return .unknown
    }

    /// Whether a text says anything about the cause, as opposed to kubelet's bare
    /// `Back-off pulling image "X"` or `Error: ErrImagePull`.
    public static func isInformative(_ message: String) -> Bool {
        classify(message) != .unknown
    }
}
