// Writes the kubeconfig that points kubectl at the fake API server: plain HTTP on loopback
// with no credentials, so requests arrive as system:anonymous.
import Foundation

/// A kubeconfig that could not be written.
public struct KubeconfigWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write kubeconfig \(path): \(reason); choose a writable path" }
}

extension FakeAPIServer {
    public static func writeKubeconfig(serverURL: URL, to path: String, contextName: String = "nks-lab", namespace: String = "default") throws {
        let text = kubeconfigText(serverURL: serverURL, contextName: contextName, namespace: namespace)
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            // kubectl warns about group/world-readable kubeconfigs; keep it private like real ones.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw KubeconfigWriteError(path: path, reason: error.localizedDescription)
        }
    }

    static func kubeconfigText(serverURL: URL, contextName: String, namespace: String) -> String {
        // Names are quoted so contexts such as "lab:1" stay valid YAML.
        func quoted(_ text: String) -> String { JSONValue.string(text).serializedText }
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(quoted(contextName))
          cluster:
            server: \(quoted(serverURL.absoluteString))
        users:
        - name: \(quoted(contextName))
          user: {}
        contexts:
        - name: \(quoted(contextName))
          context:
            cluster: \(quoted(contextName))
            user: \(quoted(contextName))
            namespace: \(quoted(namespace))
        current-context: \(quoted(contextName))
        preferences: {}

        """
    }
}
