// Which node paths are accepted before any script is built, and how backups are named.
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
}
