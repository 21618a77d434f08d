// Walks a node read's frames in the order its script prints them; any other order means the
// answer is not the script's, and the whole answer is rejected.
import Foundation

struct FrameCursor {
    private var frames: ArraySlice<Frame>
    let node: String

    init(_ frames: [Frame], node: String) {
        self.frames = frames[...]
        self.node = node
    }

    func fail(_ reason: String) -> NodeAccessError { .malformedOutput(node: node, reason: reason) }

    var peek: Frame? { frames.first }

    mutating func next(_ keyword: String) throws -> Frame {
        guard let frame = frames.popFirst() else { throw fail("expected '\(keyword)', output ended") }
        guard frame.keyword == keyword else { throw fail("expected '\(keyword)', found '\(frame.keyword)'") }
        return frame
    }

    /// The next frame if it has this keyword.
    mutating func next(ifKeyword keyword: String) -> Frame? {
        guard frames.first?.keyword == keyword else { return nil }
        return frames.popFirst()
    }

    func expectEnd() throws {
        if let extra = frames.first { throw fail("unexpected frame '\(extra.keyword)' after the last item") }
    }
}

/// The command part of both read scripts: each command's output (bounded, base64) and its
/// exit code.
enum NodeReadCommands {
    static func scriptLines(_ request: NodeReadRequest) -> [String] {
        let limit = request.maxFileSize
        var lines: [String] = []
        for (index, command) in request.commands.enumerated() {
            lines += [
                FramedOutput.header("command", "\(index)"),
                FramedOutput.header("content"),
                // fd 4 is the real stdout (the script's `exec 4>&1`), so the output bypasses
                // the $(...) that captures the exit code.
                "rc=$( { { ( \(command.command) ) </dev/null 2>/dev/null 3>&- 4>&-; printf %s \"$?\" >&3; } | head -c \(limit + 1) | base64 >&4; } 3>&1 )",
                FramedOutput.header("exit", "\"${rc:-none}\""),
                FramedOutput.header("end"),
            ]
        }
        return lines
    }

    static func parse(_ cursor: inout FrameCursor, request: NodeReadRequest) throws -> [String: CommandResult] {
        var commands: [String: CommandResult] = [:]
        for (index, command) in request.commands.enumerated() {
            guard try cursor.next("command").fields == ["\(index)"] else { throw cursor.fail("command frames out of order at \(command.name)") }
            var output = try cursor.next("content").payload ?? Data()
            let exit = try cursor.next("exit")
            guard exit.fields.count == 1, let code = Int32(exit.fields[0]) else { throw cursor.fail("no exit code for command \(command.name)") }
            let truncated = output.count > request.maxFileSize
            if truncated { output = output.prefix(request.maxFileSize) }
            commands[command.name] = CommandResult(name: command.name, exitCode: code, output: output, truncated: truncated)
            _ = try cursor.next("end")
        }
        return commands
    }
}

extension RemoteFile {
    /// `%a %u %g %s %U %G` from stat: mode, uid, gid, size, user, group. Every number is
    /// checked here, once: a node's root can send anything, and a negative or absurd size
    /// would otherwise become a range that traps and takes the whole fleet's run with it.
    mutating func apply(meta fields: [String], cursor: FrameCursor) throws {
        guard fields.count == 6, let size = Self.count(fields[3]), let uid = Self.count(fields[1]), let gid = Self.count(fields[2]),
              (1...4).contains(fields[0].count), fields[0].allSatisfy({ ("0"..."7").contains($0) })
        else { throw cursor.fail("bad metadata for \(path)") }
        mode = fields[0]
        self.uid = uid
        self.gid = gid
        self.size = size
        user = fields[4]
        group = fields[5]
    }

    /// A plain decimal number a file system can report (sizes, uids, gids): digits only,
    /// no sign, at most 18 of them, so it is never negative and sums of them cannot overflow.
    static func count(_ text: String) -> Int? {
        guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int(text)
    }

    /// What was read; more than the limit means the file grew past it between stat and
    /// read (or is a /proc file, whose size stat reports as 0).
    mutating func apply(content: Data, limit: Int) {
        if content.count > limit {
            state = .tooLarge
        } else {
            state = .present
            self.content = content
            size = content.count
            sha256 = Hashing.sha256Hex(content)
        }
    }
}
