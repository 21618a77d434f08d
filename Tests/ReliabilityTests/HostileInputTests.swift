// Requests and answers that must be refused before or after a node is reached, without a
// lab: paths that climb out, owner names that would become options or commands, and node
// answers that try to break the read-back framing.
import Foundation
import NKSCore
import Testing

@Suite struct HostileInputTests {
    static let node = NodeTarget(name: "worker-1", address: "127.0.0.1")

    @Test(arguments: [
        ("/etc/logrotate.d/../../root/.ssh/authorized_keys", NodeAccessError.invalidPath(path: "/etc/logrotate.d/../../root/.ssh/authorized_keys", reason: ".. component")),
        ("etc/passwd", .invalidPath(path: "etc/passwd", reason: "relative path")),
        ("/etc//passwd", .invalidPath(path: "/etc//passwd", reason: "empty component (//)")),
        ("/etc/x\0y", .invalidPath(path: "/etc/x\0y", reason: "contains a NUL byte")),
        ("/", .invalidPath(path: "/", reason: "the root directory is not a file")),
    ])
    func aPathThatClimbsOutIsRefusedBeforeAnyScriptRuns(path: String, error: NodeAccessError) async {
        let transport = ScriptedTransport { _ in RemoteResult(exitCode: 0, standardOutput: Data(), standardError: Data()) }
        await #expect(throws: error) {
            try await NodeWriter(transport: transport).write(AtomicFileWrite(path: path, content: Data("x".utf8)), to: Self.node, timeout: .seconds(5))
        }
        await #expect(throws: error) {
            try await NodeReader(transport: transport).read(NodeReadRequest(files: [path]), from: Self.node, timeout: .seconds(5))
        }
        #expect(transport.executed.isEmpty)
    }

    @Test(arguments: [
        ("owner", "root;rm -rf /"), ("owner", "-R"), ("owner", "$(id)"), ("owner", ""), ("group", "wheel adm"), ("group", "`id`"),
    ])
    func anOwnerOrGroupThatIsNotANameIsRefused(field: String, name: String) async {
        let transport = ScriptedTransport { _ in RemoteResult(exitCode: 0, standardOutput: Data(), standardError: Data()) }
        let write = field == "owner"
            ? AtomicFileWrite(path: "/etc/x", content: Data(), owner: name)
            : AtomicFileWrite(path: "/etc/x", content: Data(), group: name)
        await #expect(throws: NodeAccessError.invalidWrite(path: "/etc/x", reason: "\(field) \(name.debugDescription) is not a user or group name")) {
            try await NodeWriter(transport: transport).write(write, to: Self.node, timeout: .seconds(5))
        }
        #expect(transport.executed.isEmpty)
    }

    /// A node answers the read with `lines`, `{B}` being the boundary it saw on its command line.
    @Test(arguments: [
        ("no start frame", ["banner", "{B} done"], "no start frame; the script did not run or its output was lost"),
        ("escape codes inside a frame", ["{B} start", "{B} file 0", "\u{1B}[2J", "{B} done"], "unexpected text inside frame 'file'"),
        ("no final frame", ["{B} start", "{B} file 0", "{B} state missing", "{B} end"], "truncated: the final frame never arrived"),
        ("a payload that is not base64", ["{B} start", "{B} file 0", "{B} meta 644 0 0 3 root root", "{B} state present", "{B} content", "QUJ", "{B} end", "{B} done"],
         "payload after 'content' is not valid base64"),
        ("cut mid-line", ["{B} start", "{B} file 0", "{B} sta"], "output ends in the middle of a line"),
        ("a second file claimed", ["{B} start", "{B} file 0", "{B} state missing", "{B} end", "{B} file 1", "{B} state missing", "{B} end", "{B} done"],
         "unexpected frame 'file' after the last item"),
        ("frames out of order", ["{B} start", "{B} file 1", "{B} state missing", "{B} end", "{B} done"], "file frames out of order at /etc/a"),
        ("a state nks does not know", ["{B} start", "{B} file 0", "{B} state present; rm -rf /", "{B} end", "{B} done"], "unknown state for /etc/a"),
        ("metadata with an injected field", ["{B} start", "{B} file 0", "{B} meta 644 0 0 3 root root extra", "{B} state present", "{B} content", "QUJD", "{B} end", "{B} done"],
         "bad metadata for /etc/a"),
        ("content without metadata", ["{B} start", "{B} file 0", "{B} state present", "{B} content", "QUJD", "{B} end", "{B} done"], "no metadata for /etc/a"),
    ])
    func anAnswerThatBreaksTheFramingIsRefused(name: String, lines: [String], reason: String) async {
        let transport = ScriptedTransport { script in
            let boundary = script.split(separator: "\n").first.map { String($0.dropFirst("B='".count).dropLast()) } ?? ""
            let text = lines.map { $0.replacingOccurrences(of: "{B}", with: boundary) }.joined(separator: "\n") + (name == "cut mid-line" ? "" : "\n")
            return RemoteResult(exitCode: 0, standardOutput: Data(text.utf8), standardError: Data())
        }
        await #expect(throws: NodeAccessError.malformedOutput(node: "worker-1", reason: reason), "\(name)") {
            try await NodeReader(transport: transport).read(NodeReadRequest(files: ["/etc/a"]), from: Self.node, timeout: .seconds(5))
        }
    }
}
