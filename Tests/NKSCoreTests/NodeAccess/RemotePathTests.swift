// Which node paths are accepted before any script is built, and how backups are named.
import Foundation
import Testing
@testable import NKSCore

@Suite struct RemotePathTests {
    @Test(arguments: ["/etc/logrotate.d/app", "/etc/a b", "/tmp/it's", "/tmp/$(reboot)", "/tmp/new\nline", "/tmp/名前", "/x", "/a/.hidden", "/a/b~"])
    func acceptsAbsolutePaths(_ path: String) throws {
        try RemotePath.validate(path)
    }

    @Test(arguments: ["", "etc/passwd", "./x", "/etc/../shadow", "/etc/./x", "/etc/..", "/", "/etc//x", "/etc/", "/a\0b", "~/x"])
    func refusesUnsafePaths(_ path: String) {
        #expect(throws: NodeAccessError.self) { try RemotePath.validate(path) }
    }

    @Test(arguments: [
        ("/etc/logrotate.d/app", "/etc/logrotate.d", "app"),
        ("/x", "/", "x"),
        ("/a b/c d", "/a b", "c d"),
    ])
    func splitsDirectoryAndName(_ path: String, _ directory: String, _ name: String) {
        #expect(RemotePath.split(path) == (directory, name))
    }

    @Test func flattensPathsIntoOneSafeName() {
        #expect(RemotePath.flattened("/etc/logrotate.d/my app") == "etc%2Flogrotate.d%2Fmy%20app")
        #expect(!RemotePath.flattened("/a/" + String(repeating: "é", count: 300)).contains("/"))
        #expect(RemotePath.flattened("/a/" + String(repeating: "é", count: 300)).utf8.count < 200)
    }

    @Test func hashesAreLowercaseHexOfSHA256() {
        #expect(Hashing.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hashing.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hashing.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        let random = Hashing.randomHex(bytes: 16)
        #expect(random.count == 32 && random.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
