// A store revision as the cluster keeps it for in-cluster agents: one immutable ConfigMap
// named after the commit, holding the manifest, every canonical file and an index of paths
// and sha256s. Nodes never clone git and never see git credentials; an agent fetches the
// bundle once per revision and checks each file against the index.
import Foundation
import NKSCore
import NKSStore

public struct RevisionBundle: Sendable {
    public static let defaultNamespace = "nks-sync-system"
    /// What the API server accepts in one ConfigMap's data and binaryData together.
    public static let sizeLimit = 1_048_576
    static let revisionAnnotation = "nks-sync.kubectl-nks.io/revision"
    static let digestAnnotation = "nks-sync.kubectl-nks.io/bundle-sha256"
    static let manifestKey = "manifest.yaml"
    static let indexKey = "index.json"

    /// The index an agent reads first: which key holds which node path.
    public struct Index: Sendable, Codable, Equatable {
        public struct File: Sendable, Codable, Equatable {
            public var path: String
            public var key: String
            public var sha256: String
            public var size: Int
        }

        public var format = 1
        public var revision: String
        public var files: [File]
    }

    public var revision: String
    public var namespace: String
    public var index: Index
    /// Keys to UTF-8 text (ConfigMap `data`) and to bytes that are not (`binaryData`).
    public var text: [String: String]
    public var binary: [String: Data]

    public var name: String { Self.name(for: revision) }

    public static func name(for revision: String) -> String { "nks-rev-" + revision }

    /// Every key and value, counted as the API server's ConfigMap validation counts them.
    public var size: Int {
        text.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count } + binary.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
    }

    /// Over the manifest and the index (which holds every file's sha256), so a second
    /// publish of the same revision can tell that what the cluster holds is what the store has.
    public var digest: String {
        Hashing.sha256Hex(Data(((text[Self.manifestKey] ?? "") + "\u{0}" + (text[Self.indexKey] ?? "")).utf8))
    }

    public init(_ revision: StoreRevision, namespace: String = Self.defaultNamespace) throws {
        self.revision = revision.id
        self.namespace = namespace
        var text = [Self.manifestKey: revision.manifestText]
        var binary: [String: Data] = [:]
        var files: [Index.File] = []
        // ConfigMap keys allow [-._a-zA-Z0-9] only, so files go under numbered keys.
        for (number, path) in revision.canonicalFiles.keys.sorted().enumerated() {
            let content = revision.canonicalFiles[path]!
            let key = "file-\(number)"
            if let utf8 = String(data: content, encoding: .utf8) { text[key] = utf8 } else { binary[key] = content }
            files.append(Index.File(path: path, key: key, sha256: Hashing.sha256Hex(content), size: content.count))
        }
        index = Index(revision: revision.id, files: files)
        text[Self.indexKey] = String(decoding: try StructuredOutput.jsonData(index), as: UTF8.self)
        self.text = text
        self.binary = binary
        guard size <= Self.sizeLimit else { throw TooLarge(bundle: self) }
    }

    /// The ConfigMap to create, as JSON.
    public func configMap() throws -> Data {
        struct ConfigMap: Encodable {
            struct Metadata: Encodable {
                var name: String
                var namespace: String
                var labels: [String: String]
                var annotations: [String: String]
            }
            var apiVersion = "v1"
            var kind = "ConfigMap"
            var metadata: Metadata
            var immutable = true
            var data: [String: String]
            var binaryData: [String: Data]?
        }
        let metadata = ConfigMap.Metadata(
            name: name, namespace: namespace,
            labels: ["app.kubernetes.io/managed-by": "kubectl-nks", "app.kubernetes.io/component": "revision-bundle"],
            annotations: [Self.revisionAnnotation: revision, Self.digestAnnotation: digest]
        )
        return try StructuredOutput.jsonData(ConfigMap(metadata: metadata, data: text, binaryData: binary.isEmpty ? nil : binary))
    }

    public struct TooLarge: Error, Sendable, CustomStringConvertible {
        public var revision: String
        public var size: Int
        public var largest: [(path: String, size: Int)]

        init(bundle: RevisionBundle) {
            revision = bundle.revision
            size = bundle.size
            largest = bundle.index.files.sorted { $0.size > $1.size }.prefix(3).map { ($0.path, $0.size) }
        }

        public var description: String {
            let files = largest.map { "\($0.path) \($0.size) bytes" }.joined(separator: ", ")
            return "revision \(revision.prefix(12)) does not fit one bundle: \(size) bytes, and a ConfigMap holds at most \(RevisionBundle.sizeLimit)"
                + (files.isEmpty ? "" : " (largest: \(files))")
                + "; keep large files out of the store, or manage them with a partial kind (keys, env-flags, kernel-args)"
        }
    }
}
