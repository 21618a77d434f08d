// Nodes that fail underneath a write or a read, on real sshd nodes: a full disk, a
// read-only file system, a directory root may not write (an sshd without
// CAP_DAC_OVERRIDE), sudo asking for a password, sshd down, and a node that accepts the
// connection but never answers. Each ends in one exact error for that node, the old file
// intact and nothing left behind, while the other nodes finish.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct NodeFaultTests {
    static let directory = "/etc/nks-faults"
    static let path = directory + "/app.conf"
    static let old = "setting = old\n"
    static let new = Data(("setting = new\n" + String(repeating: "# padding\n", count: 12_000)).utf8)

    static let scenario = """
        name: node-faults
        overrides:
          - nodes: {names: "worker-3"}
            note: sshd without CAP_DAC_OVERRIDE, as a non-root login without sudo sees a node
            spec: {state: unreadable}
        """

    struct Fault: Sendable, CustomStringConvertible {
        var name: String
        var node: String
        /// Run as root with every capability inside the node, after the old file is in place.
        var setUp: String
        var reason: String
        var description: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "disk full", node: "worker-1",
              setUp: "mount -t tmpfs -o size=64k,mode=0755 tmpfs \(directory) && printf 'setting = old\\n' > \(path) && { dd if=/dev/zero of=\(directory)/filler bs=4k 2>/dev/null; true; }",
              reason: "cannot-write-temp-file"),
        Fault(name: "read-only file system", node: "worker-2",
              setUp: "mount --bind \(directory) \(directory) && mount -o remount,bind,ro \(directory)",
              reason: "cannot-create-temp-file"),
        Fault(name: "permission denied", node: "worker-3",
              // Root's own directory without write permission: a directory someone else
              // owns is refused before any attempt (unsafe-directory).
              setUp: "chmod 0555 \(directory)",
              reason: "cannot-create-temp-file"),
    ]

    @Test func aWriteThatCannotCompleteLeavesTheOldFileAndNoTempFile() async throws {
        try await withLab(yaml: Self.scenario, nodes: 3) { lab in
            let ssh = try lab.sshTransport()
            defer { Task { await ssh.shutdown() } }
            for fault in Self.faults {
                try await lab.shell("mkdir -p \(Self.directory) && printf 'setting = old\\n' > \(Self.path)", on: fault.node)
                try await lab.shell(fault.setUp, on: fault.node)
                let before = try await lab.shell("ls -A \(Self.directory)", on: fault.node)
                let write = AtomicFileWrite(path: Self.path, content: Self.new, expectedPrevious: .sha256(Hashing.sha256Hex(Data(Self.old.utf8))))
                await #expect(throws: NodeAccessError.writeRejected(node: fault.node, path: Self.path, reason: fault.reason), "\(fault)") {
                    try await NodeWriter(transport: ssh).write(write, to: try await lab.target(fault.node), timeout: .seconds(60))
                }
                #expect(try await lab.readFile(Self.path, on: fault.node) == Self.old, "\(fault)")
                #expect(try await lab.shell("ls -A \(Self.directory)", on: fault.node) == before, "\(fault): a temp file was left behind")
            }
        }
    }

    @Test func sudoAskingForAPasswordIsReportedAsSuch() async throws {
        try await withLab(yaml: "name: sudo-password", nodes: 1) { lab in
            // sudo's own text and exit status when the user may not run it without a password.
            try await lab.shell("""
                mkdir -p /run/nks-sudo && printf '#!/bin/sh\\necho "sudo: a password is required" >&2\\nexit 1\\n' > /run/nks-sudo/sudo \
                && chmod 755 /run/nks-sudo/sudo && mount --bind /run/nks-sudo /usr/local/sbin
                """, on: "worker-1")
            let ssh = try lab.sshTransport(sudo: true)
            defer { Task { await ssh.shutdown() } }
            await #expect(throws: NodeAccessError.sudoPasswordRequired(node: "worker-1")) {
                try await NodeReader(transport: ssh).read(NodeReadRequest(files: ["/etc/hostname"]), from: try await lab.target("worker-1"), timeout: .seconds(30))
            }
        }
    }

    @Test func aDeadAndAHangingNodeFailAloneWhileTheOthersFinish() async throws {
        try await withLab(yaml: "name: dead-and-hanging", nodes: 4) { lab in
            try await lab.stopNode("worker-2")
            // A stopped sshd still completes TCP handshakes from the kernel's backlog and
            // then never says a word: the node that hangs.
            guard let hanging = await lab.node(named: "worker-3")?.pid else { throw TestError("worker-3 has no sshd") }
            kill(hanging, SIGSTOP)
            defer { kill(hanging, SIGCONT) }

            let ssh = try lab.sshTransport()
            defer { Task { await ssh.shutdown() } }
            let reader = NodeReader(transport: ssh)
            let targets = try await ["worker-1", "worker-2", "worker-3", "worker-4"].asyncMap { try await lab.target($0) }
            // The read itself may take minutes: the per-node deadline alone must end the hang.
            let results = await FanOut(concurrency: 4, nodeTimeout: .seconds(8)).collect(over: targets) { node in
                try await reader.read(NodeReadRequest(files: ["/etc/hostname"], commands: [NamedCommand(name: "who", command: "echo $(id -u)")]), from: node, timeout: .seconds(600))
            }
            let byNode = Dictionary(uniqueKeysWithValues: results.map { ($0.node.name, $0.outcome) })
            for name in ["worker-1", "worker-4"] {
                guard case .ok(let snapshot) = byNode[name] else { Issue.record("\(name): \(String(describing: byNode[name]))"); continue }
                #expect(snapshot.commands["who"]?.outputText == "0\n")
            }
            guard case .unreachable(let reason) = byNode["worker-2"] else { Issue.record("worker-2: \(String(describing: byNode["worker-2"]))"); return }
            #expect(reason.hasPrefix("worker-2: unreachable over SSH"), "\(reason)")
            guard case .timedOut(let after) = byNode["worker-3"] else { Issue.record("worker-3: \(String(describing: byNode["worker-3"]))"); return }
            #expect(after == .seconds(8))
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
