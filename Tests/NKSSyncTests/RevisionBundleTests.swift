// Revision bundles: ConfigMap keys for any path, bytes that are not UTF-8 kept as bytes, the
// size counted as the API server counts it, and a revision too large refused with its
// largest files named.
import Foundation
import Testing
@testable import NKSCore
@testable import NKSStore
@testable import NKSSync

@Suite struct RevisionBundleTests {
    static func revision(_ files: [String: Data]) throws -> StoreRevision {
        let manifest = "version: 1\nentries:\n" + files.keys.sorted().map { "  - path: \($0)\n" }.joined()
        return StoreRevision(id: String(repeating: "a", count: 40), shortID: "aaaaaaaaaaaa", manifest: try ManifestParser.parse(manifest),
                             canonicalFiles: files, manifestText: manifest)
    }

    @Test func everyFileIsIndexedUnderAValidKeyWithItsHash() throws {
        let files = ["/etc/logrotate.d/docker": Data("a\n".utf8), "/etc/nks/blob": Data([0xff, 0x00])]
        let bundle = try RevisionBundle(try Self.revision(files))
        #expect(bundle.name == "nks-rev-" + String(repeating: "a", count: 40))
        #expect(bundle.index.files.map(\.path) == ["/etc/logrotate.d/docker", "/etc/nks/blob"])
        for file in bundle.index.files {
            #expect(file.key.allSatisfy { $0.isLetter || $0.isNumber || "-._".contains($0) }, "\(file.key) is no ConfigMap key")
            #expect(file.sha256 == Hashing.sha256Hex(files[file.path]!))
        }
        #expect(bundle.text["file-0"] == "a\n")
        #expect(bundle.binary["file-1"] == Data([0xff, 0x00]), "bytes that are not UTF-8 must not be mangled into text")
        let object = try #require(try JSONSerialization.jsonObject(with: try bundle.configMap()) as? [String: Any])
        #expect(object["immutable"] as? Bool == true)
        #expect((object["binaryData"] as? [String: String])?["file-1"] == Data([0xff, 0x00]).base64EncodedString())
    }

    @Test func theDigestFollowsTheContent() throws {
        let one = try RevisionBundle(try Self.revision(["/etc/a": Data("1\n".utf8)]))
        let same = try RevisionBundle(try Self.revision(["/etc/a": Data("1\n".utf8)]))
        let other = try RevisionBundle(try Self.revision(["/etc/a": Data("2\n".utf8)]))
        #expect(one.digest == same.digest)
        #expect(one.digest != other.digest)
    }

    @Test func aRevisionOverOneMebibyteIsRefusedNamingItsLargestFiles() throws {
        let big = Data(repeating: UInt8(ascii: "x"), count: 700_000)
        #expect(throws: RevisionBundle.TooLarge.self) {
            try RevisionBundle(try Self.revision(["/etc/big-1": big, "/etc/big-2": big, "/etc/small": Data("s\n".utf8)]))
        }
        do {
            _ = try RevisionBundle(try Self.revision(["/etc/big-1": big, "/etc/big-2": big]))
        } catch let error as RevisionBundle.TooLarge {
            #expect(error.description.hasPrefix("revision aaaaaaaaaaaa does not fit one bundle: 14"), "\(error)")
            #expect(error.description.contains("a ConfigMap holds at most 1048576 (largest: /etc/big-1 700000 bytes, /etc/big-2 700000 bytes)"), "\(error)")
        }
        // Just under the limit fits: the count is keys and values, as the API server counts.
        let fits = try RevisionBundle(try Self.revision(["/etc/one": Data(repeating: UInt8(ascii: "x"), count: 1_000_000)]))
        #expect(fits.size <= RevisionBundle.sizeLimit)
    }
}
