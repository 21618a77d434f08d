// Nodes whose files are out to get the operator: escape codes and forged frame headers in
// content, a file far too large, a FIFO and a symlink at managed paths, and file names full
// of shell metacharacters. On real sshd nodes and through the real plugin.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct HostileNodeTests {
    /// OSC title change, screen clear, cursor home, a C1 CSI, a bell and a carriage return
    /// that would hide the line before it, plus lines that look like the read-back framing.
    static let hostile = "/var/lib/docker/containers/*/*.log {\n  rotate 10\u{1B}]0;owned\u{07}\n\u{1B}[2J\u{1B}[H  daily\u{9B}31m\n"
        + "@@nks-00000000000000000000000000000000 done\n  fake line\rmissingok\n}\n"
    static let canonical = "/var/lib/docker/containers/*/*.log {\n  rotate 5\n  daily\n}\n"

    static func scenario(_ content: String) -> String {
        let escaped = content.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\"": "\\\""
            case "\\": "\\\\"
            default: scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? String(format: "\\u%04X", scalar.value) : String(scalar)
            }
        }.joined()
        return "name: hostile\ndefaults:\n  containerRuntimeVersion: docker://24.0.9\n  files:\n    /etc/logrotate.d/docker: {content: \"\(escaped)\"}\n"
    }

    @Test func escapeCodesInNodeFilesNeverReachTheTerminalRaw() async throws {
        try await withLab(yaml: Self.scenario(Self.hostile), nodes: 2) { lab in
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: "worker-1") == Self.hostile, "the scenario did not plant the file")
            let store = try await PluginStore(lab: lab, manifest: "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n", files: ["/etc/logrotate.d/docker": Self.canonical])
            defer { store.remove() }
            for command in [["nks-sync", "diff"], ["nks-sync", "status", "-o", "wide"], ["nks-sync", "push", "--dry-run"], ["nks-sync", "snapshot"]] {
                let run = try await store.kubectl(command)
                let everything = run.standardOutput + run.standardError
                #expect(!everything.contains(0x1B), "\(command): a raw ESC reached the terminal")
                #expect(!everything.contains(0x07), "\(command): a raw BEL reached the terminal")
                #expect(!everything.contains(0x0D), "\(command): a raw carriage return reached the terminal")
                #expect(!String(decoding: everything, as: UTF8.self).unicodeScalars.contains("\u{9B}"), "\(command): a raw C1 CSI reached the terminal")
                if command[1] == "diff" {
                    #expect(run.exitCode == 1)
                    #expect(run.standardOutputText.contains("-  rotate 10\\u{1b}]0;owned\\u{7}"), "\(run.standardOutputText)")
                    #expect(run.standardOutputText.contains("-@@nks-00000000000000000000000000000000 done"), "\(run.standardOutputText)")
                }
            }
            // The snapshot recorded the bytes as they are: the store keeps evidence, not a cleaned copy.
            let snapshots = try await store.git(["for-each-ref", "--format=%(refname)", "refs/nks/snapshots"]).standardOutputText
            let ref = try #require(snapshots.split(separator: "\n").first.map(String.init))
            let tree = try await store.git(["ls-tree", "-r", "--name-only", ref]).standardOutputText
            let recorded = try #require(tree.split(separator: "\n").first { $0.hasSuffix("etc/logrotate.d/docker") && $0.contains("worker-1") }.map(String.init), "\(tree)")
            #expect(try await store.git(["show", "\(ref):\(recorded)"]).standardOutputText == Self.hostile)
        }
    }

    @Test func hugeFilesFIFOsAndDeviceLinksAreReportedNotRead() async throws {
        try await withLab(yaml: "name: hostile-sizes", nodes: 1) { lab in
            try await lab.shell("""
                mkdir -p /etc/nks-hostile && head -c 8388608 /dev/zero | tr '\\0' 'x' > /etc/nks-hostile/huge \
                && mkfifo /etc/nks-hostile/fifo && ln -s /dev/zero /etc/nks-hostile/zero && ln -s /dev/urandom /etc/nks-hostile/random
                """, on: "worker-1")
            let measuring = MeasuringTransport(try lab.sshTransport())
            defer { Task { await measuring.shutdown() } }
            let paths = ["/etc/nks-hostile/huge", "/etc/nks-hostile/fifo", "/etc/nks-hostile/zero", "/etc/nks-hostile/random"]
            let snapshot = try await NodeReader(transport: measuring).read(
                NodeReadRequest(files: paths, commands: [NamedCommand(name: "endless", command: "cat /dev/zero")], maxFileSize: 64 * 1024),
                from: try await lab.target("worker-1"), timeout: .seconds(60))
            #expect(snapshot.files["/etc/nks-hostile/huge"]?.state == .tooLarge)
            #expect(snapshot.files["/etc/nks-hostile/huge"]?.size == 8_388_608)
            #expect(snapshot.files["/etc/nks-hostile/huge"]?.content == nil)
            for path in paths.dropFirst() {
                #expect(snapshot.files[path]?.state == .notARegularFile, "\(path)")
                #expect(snapshot.files[path]?.content == nil, "\(path)")
            }
            #expect(snapshot.commands["endless"]?.truncated == true)
            #expect(snapshot.commands["endless"]?.output.count == 64 * 1024)
            // Bounded: the limit plus base64 and frames, not 8 MB or an endless stream.
            #expect(measuring.largestAnswer < 100 * 1024, "\(measuring.largestAnswer) bytes came back")
        }
    }

    @Test func aSymlinkAtAManagedPathIsNeverWrittenThrough() async throws {
        try await withLab(yaml: "name: hostile-symlink", nodes: 1) { lab in
            try await lab.shell("mkdir -p /var/lib/elsewhere && printf 'precious\\n' > /var/lib/elsewhere/target && ln -sfn /var/lib/elsewhere/target /etc/logrotate.d/docker", on: "worker-1")
            let ssh = try lab.sshTransport()
            defer { Task { await ssh.shutdown() } }
            for expected in [ExpectedPrevious.any, .sha256(Hashing.sha256Hex(Data("precious\n".utf8)))] {
                await #expect(throws: NodeAccessError.writeRejected(node: "worker-1", path: "/etc/logrotate.d/docker", reason: "not-a-regular-file")) {
                    try await NodeWriter(transport: ssh).write(AtomicFileWrite(path: "/etc/logrotate.d/docker", content: Data(Self.canonical.utf8), expectedPrevious: expected),
                                                           to: try await lab.target("worker-1"), timeout: .seconds(30))
                }
            }
            #expect(try await lab.readFile("/var/lib/elsewhere/target", on: "worker-1") == "precious\n")
            #expect(try await lab.shell("readlink /etc/logrotate.d/docker", on: "worker-1") == "/var/lib/elsewhere/target\n")
        }
    }

    /// A name cannot hold a slash, so the commands they smuggle work relative to the
    /// script's directory (the login's home, /root, which the lab's nodes share with the host).
    /// The marker is new per run, so a marker left by an earlier run cannot fail this one.
    static func metacharacterNames(marker: String) -> [String] {
        ["$(touch \(marker))", "`touch \(marker)`", "a'b\"c;touch \(marker)", "x\ntouch \(marker)", "' ; touch \(marker) ; '",
         "-rf *", "$HOME & |", "{}", "\\\\ back", "ünï côdé ✓", "%s%n%x", "*"]
    }

    @Test func shellMetacharactersInPathsAndContentStayLiteral() async throws {
        try await withLab(yaml: "name: hostile-names", nodes: 1) { lab in
            try await lab.shell("mkdir -p '/etc/nks meta'", on: "worker-1")
            let ssh = try lab.sshTransport()
            defer { Task { await ssh.shutdown() } }
            let node = try await lab.target("worker-1")
            let marker = "nks-pwned-" + UUID().uuidString.prefix(8)
            // Only a failing run leaves it; it must not outlive that run.
            defer { try? FileManager.default.removeItem(atPath: "/root/" + marker) }
            let names = Self.metacharacterNames(marker: marker)
            let paths = names.map { "/etc/nks meta/" + $0 }
            for path in paths {
                let content = Data("content of \(path) $(touch /var/lib/pwned)\n".utf8)
                let written = try await NodeWriter(transport: ssh).write(AtomicFileWrite(path: path, content: content, expectedPrevious: .absent), to: node, timeout: .seconds(30))
                #expect(written.sha256 == Hashing.sha256Hex(content), "\(path.debugDescription)")
            }
            let snapshot = try await NodeReader(transport: ssh).read(NodeReadRequest(files: paths), from: node, timeout: .seconds(30))
            for path in paths {
                #expect(snapshot.files[path]?.content == Data("content of \(path) $(touch /var/lib/pwned)\n".utf8), "\(path.debugDescription)")
            }
            let listing = try await lab.run(["find", "/etc/nks meta", "-mindepth", "1", "-maxdepth", "1", "-print0"], on: "worker-1").standardOutput
            let listed = listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "/etc/nks meta/", with: "") }
            #expect(listed.sorted() == names.sorted())
            #expect(try await lab.run(["test", "-e", "/var/lib/pwned"], on: "worker-1").exitCode == 1, "content ran as a command")
            #expect(try await lab.run(["sh", "-c", "ls -A /root /etc/nks\\ meta/.. | grep -c \(marker)"], on: "worker-1").standardOutputText == "0\n", "a name ran as a command")
        }
    }

    /// Login shells that stand in for a compromised node's root, between sshd and the
    /// plugin's script: one rewrites every size in the answers to -5, one answers only with
    /// escape codes, a right-to-left override and a carriage return on stderr.
    static let negativeSizesShell = "#!/bin/sh\n/bin/sh -c \"$2\" | sed -E 's/^(@@nks-[0-9a-f]+ meta [0-7]+ [0-9]+ [0-9]+ )[0-9]+/\\1-5/'\n"
    static let escapingShell = "#!/bin/sh\nprintf 'sh: \\033]0;owned\\007\\033[2J\\342\\200\\256gnp.exe\\rall fine\\n' >&2\nexit 1\n"

    static func becomeHostile(_ node: String, shell: String, in lab: Lab) async throws {
        try await lab.shell("printf '%s' \(ShellQuoting.quote(shell)) > /etc/nks-hostile-shell && chmod 755 /etc/nks-hostile-shell "
            + "&& sed -i 's#^\\(root:[^:]*:[^:]*:[^:]*:[^:]*:[^:]*\\):.*$#\\1:/etc/nks-hostile-shell#' /etc/passwd "
            + "&& grep -q '^root:.*:/etc/nks-hostile-shell$' /etc/passwd", on: node)
    }

    /// One hostile node (or three) never stops the others from being reported, and nothing
    /// they send reaches the terminal raw or the store: the command exits 2.
    @Test func hostileNodesAreReportedAndTheOthersStillAre() async throws {
        try await withLab(yaml: Self.scenario(Self.canonical), nodes: 4) { lab in
            try await Self.becomeHostile("worker-1", shell: Self.negativeSizesShell, in: lab)
            try await Self.becomeHostile("worker-2", shell: Self.escapingShell, in: lab)
            try await lab.shell("printf 'root:$6$NKSSECRETHASH:19000:0:99999:7:::\\n' > /etc/nks-shadow && chmod 600 /etc/nks-shadow "
                + "&& ln -sfn /etc/nks-shadow /etc/logrotate.d/docker", on: "worker-3")
            let store = try await PluginStore(lab: lab, manifest: "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n", files: ["/etc/logrotate.d/docker": Self.canonical])
            defer { store.remove() }
            for command in [["nks-sync", "status"], ["nks-sync", "status", "-o", "json"], ["nks-sync", "diff"], ["nks-sync", "push", "--dry-run"],
                            ["nks-sync", "snapshot"], ["nks-sync", "import", "worker-3", "/etc/logrotate.d/docker"]] {
                let before = try await store.fingerprint()
                let run = try await store.kubectl(command)
                let everything = String(decoding: run.standardOutput + run.standardError, as: UTF8.self)
                let shown = "\(command): exit \(run.exitCode)\n\(everything)"
                #expect(!everything.unicodeScalars.contains { TerminalText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }, "raw control or format character: \(shown.debugDescription)")
                #expect(!everything.contains("NKSSECRETHASH"), "\(shown)")
                if command[1] != "import" {
                    #expect(run.exitCode == 2, "\(shown)")
                    #expect(everything.contains("worker-1: the node's answer could not be understood (bad metadata"), "\(shown)")
                    // Shown escaped: `\u{…}` on a terminal, JSON's own `\uXXXX` in JSON (the same string to a parser).
                    #expect(everything.contains(command.contains("json") ? "sh: \\u001b]0;owned\\u0007\\u001b[2J\\u202egnp.exe\\rall fine"
                        : "worker-2: the remote script failed with exit code 1: sh: \\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{202e}gnp.exe\\rall fine"), "\(shown)")
                } else {
                    #expect(run.exitCode == 2, "\(shown)")
                    #expect(try await store.fingerprint() == before, "import changed the store: \(shown)")
                    #expect(run.standardErrorText == "error: worker-3: /etc/logrotate.d/docker is not a regular file (a symlink, directory or device is never read); nothing was imported\n", "\(shown)")
                }
                if command == ["nks-sync", "status"] {
                    // The healthy node is reported whatever the others sent.
                    #expect(everything.contains("worker-4   <none>   <none>    1/1       in-sync"), "\(shown)")
                    #expect(everything.contains("worker-3   <none>   <none>    0/1       unreadable /etc/logrotate.d/docker"), "\(shown)")
                }
                if command[1] == "push" {
                    #expect(everything.contains("worker-3   skipped       /etc/logrotate.d/docker: /etc/logrotate.d/docker is not a regular file"), "\(shown)")
                }
            }
            // The snapshot recorded worker-4's file and nothing from behind the link.
            let snapshots = try await store.git(["for-each-ref", "--format=%(refname)", "refs/nks/snapshots"]).standardOutputText
            let ref = try #require(snapshots.split(separator: "\n").first.map(String.init))
            let tree = try await store.git(["ls-tree", "-r", "--name-only", ref]).standardOutputText
            #expect(tree.contains("worker-4"), "\(tree)")
            #expect(!tree.contains("worker-3/etc/logrotate.d") , "\(tree)")
            let grep = try await SubprocessRunner().run(ProcessInvocation("git", ["-C", store.store, "grep", "-c", "NKSSECRETHASH", ref]))
            #expect(grep.standardOutputText.isEmpty, "\(grep.standardOutputText)")
        }
    }
}

/// Remembers the largest answer a node gave, to prove reads are bounded.
final class MeasuringTransport: NodeTransport, @unchecked Sendable {
    let inner: any NodeTransport
    private let lock = NSLock()
    private var largest = 0

    init(_ inner: any NodeTransport) { self.inner = inner }

    var largestAnswer: Int { lock.withLock { largest } }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        let result = try await inner.execute(script, standardInput: standardInput, on: node, timeout: timeout)
        lock.withLock { largest = max(largest, result.standardOutput.count + result.standardError.count) }
        return result
    }

    func shutdown() async { await inner.shutdown() }
}
