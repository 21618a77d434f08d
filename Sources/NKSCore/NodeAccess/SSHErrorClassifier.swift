// Turns an ssh exit status 255 and its stderr (OpenSSH 9.x texts) into a typed error, so a
// changed host key, an unknown host key, a dead node and a refused key read differently.
import Foundation

public enum SSHErrorClassifier {
    public static func classify(standardError: String, node: String) -> NodeAccessError {
        let text = standardError
        if text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || text.contains("has changed and you have requested strict checking") {
            return .hostKeyChanged(node: node)
        }
        if text.contains("host key is known for") && text.contains("you have requested strict checking") {
            return .hostKeyUnknown(node: node)
        }
        if text.contains("Host key verification failed.") {
            // Other verification failures (e.g. a revoked key) are refusals too; never retry.
            return .hostKeyUnknown(node: node)
        }
        if let line = lines(of: text).first(where: { $0.contains("Permission denied (") }) {
            return .authenticationFailed(node: node, detail: line)
        }
        let unreachable = [
            "Connection refused", "Connection timed out", "Operation timed out", " timed out", "No route to host",
            "Network is unreachable", "Could not resolve hostname", "Name or service not known",
            "Temporary failure in name resolution", "Connection closed by", "Connection reset by",
            "kex_exchange_identification", "banner exchange",
        ]
        if let line = lines(of: text).first(where: { line in unreachable.contains { line.contains($0) } }) {
            return .unreachable(node: node, reason: trimmed(line))
        }
        let last = lines(of: text).last.map(trimmed) ?? "ssh exited with status 255 and no message"
        return .connectionFailed(node: node, detail: last)
    }

    private static func lines(of text: String) -> [String] {
        text.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func trimmed(_ line: String) -> String {
        line.hasPrefix("ssh: ") ? String(line.dropFirst(5)) : line
    }
}
