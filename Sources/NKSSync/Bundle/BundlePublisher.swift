// Creates a revision's bundle in the cluster once: a bundle is immutable, so publishing the
// same revision again only checks that the cluster's copy is the one the store would make.
import Foundation
import NKSCore

public struct BundlePublisher: Sendable {
    public var kubernetes: any KubernetesAPI

    public init(kubernetes: any KubernetesAPI) {
        self.kubernetes = kubernetes
    }

    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case published(name: String, namespace: String, files: Int, bytes: Int)
        case alreadyPublished(name: String, namespace: String)

        public var description: String {
            switch self {
            case .published(let name, let namespace, let files, let bytes):
                return "configmap/\(name) published in \(namespace) (\(files) file\(files == 1 ? "" : "s"), \(bytes) bytes)"
            case .alreadyPublished(let name, let namespace):
                return "configmap/\(name) already published in \(namespace), with the same content"
            }
        }
    }

    public struct Mismatch: Error, Sendable, CustomStringConvertible {
        public var name: String
        public var namespace: String
        public var found: String?
        public var wanted: String

        public var description: String {
            "configmap/\(name) in \(namespace) holds other content (bundle sha256 \(found ?? "none"), this store makes \(wanted)); "
                + "it was not published from this revision: check who wrote it (kubectl get configmap \(name) -n \(namespace) -o yaml) and delete it if it is wrong"
        }
    }

    public struct MissingNamespace: Error, Sendable, CustomStringConvertible {
        public var namespace: String
        public var description: String {
            "namespace \(namespace) does not exist; create it (kubectl create namespace \(namespace)) or name another with --bundle-namespace"
        }
    }

    public func publish(_ bundle: RevisionBundle) async throws -> Outcome {
        do {
            _ = try await kubernetes.create(try bundle.configMap(), namespace: bundle.namespace)
            return .published(name: bundle.name, namespace: bundle.namespace, files: bundle.index.files.count, bytes: bundle.size)
        } catch KubectlError.alreadyExists {
            let existing = try await kubernetes.get(ConfigMap.self, name: bundle.name, namespace: bundle.namespace)
            let found = existing.metadata.annotations?[RevisionBundle.digestAnnotation]
            guard found == bundle.digest else {
                throw Mismatch(name: bundle.name, namespace: bundle.namespace, found: found, wanted: bundle.digest)
            }
            return .alreadyPublished(name: bundle.name, namespace: bundle.namespace)
        } catch KubectlError.notFound(let resource, let name, _) where resource == "namespaces" && name == bundle.namespace {
            throw MissingNamespace(namespace: bundle.namespace)
        }
    }
}
