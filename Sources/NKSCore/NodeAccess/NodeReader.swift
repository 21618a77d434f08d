// Reads many files and facts from one node in a single round trip: one script prints every
// file and command result in frames (see FramedOutput), and the parser turns them back into
// a NodeSnapshot or rejects the whole answer.
import Foundation

/// A fact gathered by running a command on the node, e.g. `cmdline` = `cat /proc/cmdline`.
public struct NamedCommand: Sendable, Hashable {
    public var name: String
    public var command: String

    public init(name: String, command: String) {
        self.name = name
        self.command = command
    }
}

public struct NodeReadRequest: Sendable, Hashable {
    public var files: [String]
    public var commands: [NamedCommand]
    /// Larger files are reported as `tooLarge` with their metadata but no content.
    public var maxFileSize: Int

    public init(files: [String], commands: [NamedCommand] = [], maxFileSize: Int = 1024 * 1024) {
        self.files = files
        self.commands = commands
        self.maxFileSize = maxFileSize
    }
}

public enum RemoteFileState: String, Sendable, Hashable, CaseIterable {
    case present
    case missing
    case unreadable
    case notARegularFile = "not-a-regular-file"
    case tooLarge = "too-large"
}

public struct RemoteFile: Sendable, Hashable {
    public var path: String
    public var state: RemoteFileState
    /// Permission bits as octal text, e.g. "644"; nil when the file could not be stat'ed.
    public var mode: String?
    public var uid: Int?
    public var gid: Int?
    public var user: String?
    public var group: String?
    public var size: Int?
    /// Set when the content was read (state `present`).
    public var sha256: String?
    public var content: Data?

    public init(path: String, state: RemoteFileState, mode: String? = nil, uid: Int? = nil, gid: Int? = nil,
                user: String? = nil, group: String? = nil, size: Int? = nil, sha256: String? = nil, content: Data? = nil) {
        self.path = path
        self.state = state
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.user = user
        self.group = group
        self.size = size
        self.sha256 = sha256
        self.content = content
    }
}

public struct CommandResult: Sendable, Hashable {
    public var name: String
    public var exitCode: Int32
    public var output: Data
    /// The command printed more than the size limit; `output` holds the first part.
    public var truncated: Bool

    public var outputText: String { String(decoding: output, as: UTF8.self) }
}

public struct NodeSnapshot: Sendable, Hashable {
    public var node: String
    public var files: [String: RemoteFile]
    public var commands: [String: CommandResult]
}

public struct NodeReader: Sendable {
    public var transport: any NodeTransport

    public init(transport: any NodeTransport) {
        self.transport = transport
    }

    public func read(_ request: NodeReadRequest, from node: NodeTarget, timeout: Duration) async throws -> NodeSnapshot {
        for path in request.files { try RemotePath.validate(path) }
        let boundary = FramedOutput.newBoundary()
        let result = try await transport.execute(Self.script(for: request, boundary: boundary), standardInput: Data(), on: node, timeout: timeout)
        do {
            return try Self.parse(result.standardOutput, request: request, boundary: boundary, node: node.name)
        } catch let error as NodeAccessError where result.exitCode != 0 {
            // Output that cannot be parsed from a script that failed: the failure is the news.
            let detail = result.standardErrorText.split(separator: "\n").last.map(String.init) ?? "\(error)"
            throw NodeAccessError.remoteScriptFailed(node: node.name, exitCode: result.exitCode, detail: detail)
        }
    }

    /// The POSIX sh script; uses only test, stat, head, base64 and printf.
    public static func script(for request: NodeReadRequest, boundary: String) -> String {
        let limit = request.maxFileSize
        var lines = [
            "B=" + ShellQuoting.quote(boundary),
            // fd 4 is the real stdout, so command output can bypass the $(...) that captures
            // the command's exit code.
            "exec 4>&1",
            FramedOutput.header("start"),
        ]
        for (index, path) in request.files.enumerated() {
            lines += [
                FramedOutput.header("file", "\(index)"),
                "f=" + ShellQuoting.quote(path),
                "if [ ! -e \"$f\" ]; then " + FramedOutput.header("state", "missing"),
                "else",
                "  m=$(stat -L -c '%a %u %g %s %U %G' \"$f\" 2>/dev/null) && " + FramedOutput.header("meta", "\"$m\""),
                // The size is the fourth field of $m: no second stat (each fork counts at
                // hundreds of nodes).
                "  s=${m#* * * }; s=${s%% *}",
                "  if [ ! -f \"$f\" ]; then " + FramedOutput.header("state", "not-a-regular-file"),
                // Opening the file is the only honest readability test: `test -r` answers
                // from the uid alone and says yes to root even without CAP_DAC_OVERRIDE.
                // `true` is a regular builtin, so a failed redirection is a status, not an
                // exit of the shell, and needs no subshell.
                "  elif ! true 2>/dev/null < \"$f\"; then " + FramedOutput.header("state", "unreadable"),
                "  elif [ \"${s:-0}\" -gt \(limit) ]; then " + FramedOutput.header("state", "too-large"),
                "  else " + FramedOutput.header("state", "present") + "; " + FramedOutput.header("content")
                    + "; head -c \(limit + 1) < \"$f\" | base64",
                "  fi",
                "fi",
                FramedOutput.header("end"),
            ]
        }
        for (index, command) in request.commands.enumerated() {
            lines += [
                FramedOutput.header("command", "\(index)"),
                FramedOutput.header("content"),
                "rc=$( { { ( \(command.command) ) </dev/null 2>/dev/null 3>&- 4>&-; printf %s \"$?\" >&3; } | head -c \(limit + 1) | base64 >&4; } 3>&1 )",
                FramedOutput.header("exit", "\"${rc:-none}\""),
                FramedOutput.header("end"),
            ]
        }
        lines.append(FramedOutput.header("done"))
        return lines.joined(separator: "\n") + "\n"
    }

    public static func parse(_ output: Data, request: NodeReadRequest, boundary: String, node: String) throws -> NodeSnapshot {
        func fail(_ reason: String) -> NodeAccessError { .malformedOutput(node: node, reason: reason) }
        var frames = try FramedOutput.parse(output, boundary: boundary, node: node)[...]
        func next(_ keyword: String) throws -> Frame {
            guard let frame = frames.popFirst() else { throw fail("expected '\(keyword)', output ended") }
            guard frame.keyword == keyword else { throw fail("expected '\(keyword)', found '\(frame.keyword)'") }
            return frame
        }

        var files: [String: RemoteFile] = [:]
        for (index, path) in request.files.enumerated() {
            guard try next("file").fields == ["\(index)"] else { throw fail("file frames out of order at \(path)") }
            var file = RemoteFile(path: path, state: .missing)
            if frames.first?.keyword == "meta" {
                let meta = try next("meta").fields
                guard meta.count == 6, let size = Int(meta[3]), let uid = Int(meta[1]), let gid = Int(meta[2]),
                      !meta[0].isEmpty, meta[0].allSatisfy({ ("0"..."7").contains($0) })
                else { throw fail("bad metadata for \(path)") }
                file.mode = meta[0]
                file.uid = uid
                file.gid = gid
                file.size = size
                file.user = meta[4]
                file.group = meta[5]
            }
            let stateFrame = try next("state")
            guard stateFrame.fields.count == 1, let state = RemoteFileState(rawValue: stateFrame.fields[0]) else {
                throw fail("unknown state for \(path)")
            }
            file.state = state
            if state != .missing, file.mode == nil, state != .unreadable { throw fail("no metadata for \(path)") }
            if state == .present {
                let content = try next("content").payload ?? Data()
                if content.count > request.maxFileSize {
                    // It grew past the limit between stat and read (or /proc reports size 0).
                    file.state = .tooLarge
                } else {
                    file.content = content
                    file.size = content.count
                    file.sha256 = Hashing.sha256Hex(content)
                }
            }
            _ = try next("end")
            files[path] = file
        }

        var commands: [String: CommandResult] = [:]
        for (index, command) in request.commands.enumerated() {
            guard try next("command").fields == ["\(index)"] else { throw fail("command frames out of order at \(command.name)") }
            var output = try next("content").payload ?? Data()
            let exit = try next("exit")
            guard exit.fields.count == 1, let code = Int32(exit.fields[0]) else { throw fail("no exit code for command \(command.name)") }
            let truncated = output.count > request.maxFileSize
            if truncated { output = output.prefix(request.maxFileSize) }
            commands[command.name] = CommandResult(name: command.name, exitCode: code, output: output, truncated: truncated)
            _ = try next("end")
        }
        if let extra = frames.first { throw fail("unexpected frame '\(extra.keyword)' after the last item") }
        return NodeSnapshot(node: node, files: files, commands: commands)
    }
}
