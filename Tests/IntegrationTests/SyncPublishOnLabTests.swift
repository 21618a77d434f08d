// `kubectl nks-sync publish` through the real kubectl against the lab's API server: the
// bundle lands as an immutable ConfigMap named after the commit whose files match the
// store byte for byte; publishing again is a no-op; a cluster copy with other content and
// a missing namespace are refused with one line each.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct SyncPublishOnLabTests {
    static let logrotate = "/var/lib/docker/containers/*/*.log {\n    rotate 10\n    copytruncate\n}\n"
    static let manifest = "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n  - path: /etc/nks/blob.bin\n"

    @Test func aRevisionIsPublishedOnceAsAnImmutableBundle() async throws {
        try await withLab(yaml: "name: publish", nodes: 1) { lab in
            let blob = Data([0x00, 0xff, 0xfe, 0x41, 0x0a])
            let plugin = try await PluginHarness(lab: lab, manifest: Self.manifest, files: ["/etc/logrotate.d/docker": Self.logrotate])
            try FileManager.default.createDirectory(atPath: plugin.store + "/files/etc/nks", withIntermediateDirectories: true)
            try blob.write(to: URL(fileURLWithPath: plugin.store + "/files/etc/nks/blob.bin"))
            let revision = try await plugin.commitStore("a binary file")

            let missing = try await plugin.kubectl(["nks-sync", "publish"])
            #expect(missing.exitCode == 2)
            #expect(missing.standardErrorText == "error: namespace nks-sync-system does not exist; create it (kubectl create namespace nks-sync-system) or name another with --bundle-namespace\n", "\(missing.standardErrorText)")

            // From files: kubectl's `create namespace` and `create configmap` send protobuf.
            try await Self.create(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"nks-sync-system"}}"#, with: plugin)
            let published = try await plugin.kubectl(["nks-sync", "publish"])
            #expect(published.exitCode == 0, "\(published.standardErrorText)")
            #expect(published.standardOutputText.hasPrefix("configmap/nks-rev-\(revision) published in nks-sync-system (2 files, "), "\(published.standardOutputText)")

            let got = try await plugin.kubectl(["get", "configmap", "nks-rev-\(revision)", "-n", "nks-sync-system", "-o", "json"])
            let object = try #require(try JSONSerialization.jsonObject(with: got.standardOutput) as? [String: Any], "\(got.standardErrorText)")
            #expect(object["immutable"] as? Bool == true)
            let data = try #require(object["data"] as? [String: String])
            let binary = try #require(object["binaryData"] as? [String: String])
            let index = try JSONDecoder().decode(IndexFile.self, from: Data(try #require(data["index.json"]).utf8))
            #expect(index.revision == revision)
            #expect(data["manifest.yaml"] == Self.manifest)
            let byPath = Dictionary(uniqueKeysWithValues: index.files.map { ($0.path, $0) })
            let text = try #require(byPath["/etc/logrotate.d/docker"])
            #expect(data[text.key] == Self.logrotate)
            #expect(text.sha256 == Hashing.sha256Hex(Data(Self.logrotate.utf8)))
            let bytes = try #require(byPath["/etc/nks/blob.bin"])
            #expect(Data(base64Encoded: try #require(binary[bytes.key])) == blob)
            #expect(bytes.sha256 == Hashing.sha256Hex(blob))

            let again = try await plugin.kubectl(["nks-sync", "publish", revision])
            #expect(again.exitCode == 0)
            #expect(again.standardOutputText == "configmap/nks-rev-\(revision) already published in nks-sync-system, with the same content\n")

            // Someone else's object under the bundle's name is never taken for the revision.
            let deleted = try await plugin.kubectl(["delete", "configmap", "nks-rev-\(revision)", "-n", "nks-sync-system"])
            #expect(deleted.exitCode == 0, "\(deleted.standardErrorText)")
            try await Self.create(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"nks-rev-\#(revision)","namespace":"nks-sync-system"},"data":{"manifest.yaml":"forged"}}"#, with: plugin)
            let forged = try await plugin.kubectl(["nks-sync", "publish"])
            #expect(forged.exitCode == 2)
            #expect(forged.standardErrorText.hasPrefix("error: configmap/nks-rev-\(revision) in nks-sync-system holds other content (bundle sha256 none, "), "\(forged.standardErrorText)")
        }
    }

    static func create(_ json: String, with plugin: PluginHarness) async throws {
        let file = plugin.home + "/object-\(UUID().uuidString).json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: file))
        let created = try await plugin.kubectl(["create", "--validate=false", "-f", file])
        #expect(created.exitCode == 0, "\(created.standardErrorText)")
    }

    struct IndexFile: Decodable {
        struct File: Decodable {
            var path: String
            var key: String
            var sha256: String
        }
        var revision: String
        var files: [File]
    }
}
