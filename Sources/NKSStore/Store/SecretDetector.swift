// Recognises content that must not go into a shared git repository: private keys, and files
// that carry tokens, passwords or registry credentials, in the shapes they really take:
// kubeconfigs (`token:`, `client-key-data:`), docker/podman/CRI-O auth files
// (`"auths": {"reg": {"auth": "…"}}`, also as a Secret's `.dockerconfigjson`), containerd's
// CRI registry auth (`password = "…"`, `auth`, `identitytoken` in config.toml) and
// hosts.toml headers (`Authorization = ["Basic …"]`), and HTTP `Authorization:` headers.
// A key with an empty value (`auth = ""`, `KUBELET_EXTRA_ARGS=`) or a section header is not
// a credential, and neither are keys that merely start like one (`authorization:` with a
// mode, `tokenFile`).
import Foundation

public enum SecretDetector {
    /// Keys whose non-empty value is a credential, in any of YAML, JSON or TOML spelling.
    static let credentialKeys = ["client-key-data", "token", "password", "auth", "identitytoken", "registrytoken", ".dockerconfigjson"]

    /// One pattern per way a key is written with a value; the key is the first group.
    private static let patterns: [NSRegularExpression] = {
        let keys = credentialKeys.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let sources = [
            // JSON, anywhere on a line (a .dockerconfigjson is often one line): "auth": "…"
            #""(\#(keys))"\s*:\s*"[^"\s]"#,
            // YAML at the start of a line: password: …, - token: …
            #"^[\s-]*(\#(keys)):[ \t]+(?!""|'')[^\s#{\[]"#,
            // TOML: password = "…", auth = '…' (bare or quoted key)
            #"^\s*["']?(\#(keys))["']?\s*=\s*["'][^"'\s]"#,
            // Authorization headers: HTTP/YAML `Authorization: Basic …`, TOML/JSON hosts
            // headers `Authorization = ["Bearer …"]`, "Authorization": "…"
            #"(?i)["']?(authorization)["']?\s*[:=]\s*\[?\s*["']?(?:basic|bearer|token|digest|negotiate|aws4-hmac-sha256)\s+\S"#,
        ]
        return sources.map { try! NSRegularExpression(pattern: $0, options: [.anchorsMatchLines]) }
    }()

    /// A short reason when `content` looks like a credential, else nil.
    public static func reason(_ content: String) -> String? {
        if content.contains("PRIVATE KEY-----") { return "it contains a private key" }
        let range = NSRange(content.startIndex..., in: content)
        var first: (location: Int, key: String)?
        for pattern in patterns {
            guard let match = pattern.firstMatch(in: content, range: range), let keyRange = Range(match.range(at: 1), in: content) else { continue }
            if first == nil || match.range.location < first!.location { first = (match.range.location, String(content[keyRange])) }
        }
        return first.map { "it has a '\($0.key)' value" }
    }
}
