// Recognises content that must not go into a shared git repository: private keys and
import Foundation
// kubeconfigs or files that carry tokens or client keys.
public enum SecretDetector {
    /// A short reason when `content` looks like a credential, else nil.
    public static func reason(_ content: String) -> String? {
        if content.contains("PRIVATE KEY-----") { return "it contains a private key" }
        let markers = ["client-key-data:", "token:", "password:", "\"client-key-data\"", "\"token\"", "\"password\""]
        if let marker = markers.first(where: { marker in
            content.split(separator: "\n").contains { line in
                let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == "-" })
                return trimmed.hasPrefix(marker) && !trimmed.dropFirst(marker.count).trimmingCharacters(in: .whitespaces).isEmpty
            }
        }) {
            return "it has a '\(marker.trimmingCharacters(in: CharacterSet(charactersIn: "\":")))' value"
        }
        return nil
    }
}
