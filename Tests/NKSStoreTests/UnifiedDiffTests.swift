import Foundation
import Testing
@testable import NKSCore
@testable import NKSStore

/// Our diffs must read exactly as `diff -u` prints them; GNU diff is the oracle.
@Suite struct UnifiedDiffTests {
    static let logrotate = "/var/lib/docker/containers/*/*.log {\nrotate 10\ncopytruncate\nmissingok\nnotifempty\ncompress\nmaxsize 100M\ndaily\ndateext\ndateformat -%Y%m%d-%s\ncreate 0644 root root\n}\n"

    @Test(arguments: [
        (logrotate, logrotate.replacingOccurrences(of: "rotate 10", with: "rotate 5")),
        (logrotate, logrotate.replacingOccurrences(of: "maxsize 100M\n", with: "")),
        (logrotate, logrotate + "# extra\n"),
        ("", logrotate),
        (logrotate, ""),
        ("a\nb", "a\nb\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "1\nX\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nY\n15\n"),
        ("x\n", "y\n"),
    ])
    func matchesGNUDiff(old: String, new: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(old.utf8).write(to: directory.appendingPathComponent("old"))
        try Data(new.utf8).write(to: directory.appendingPathComponent("new"))
        let gnu = try await SubprocessRunner().run(ProcessInvocation("diff", ["-u", "--label", "node", "--label", "store", "old", "new"].map { $0 == "old" || $0 == "new" ? directory.appendingPathComponent($0).path : $0 }))
        let ours = UnifiedDiff.make(old: old, new: new, oldLabel: "node", newLabel: "store")
        #expect(ours == gnu.standardOutputText)
    }

    @Test func equalTextsHaveNoDiff() {
        #expect(UnifiedDiff.make(old: "a\n", new: "a\n", oldLabel: "x", newLabel: "y") == "")
    }
}
