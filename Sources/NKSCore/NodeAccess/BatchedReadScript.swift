// The node read with a handful of processes whatever the number of files: one stat for the
// metadata of every file, one `head -v | base64` for the content of every readable regular
// file not over the limit, told apart by head's `==> path <==` headers and stat's sizes. At hundreds of nodes
// the processes a read starts on each node are most of its cost after the SSH handshake.
// The answer must account for every byte; when it does not (a file changed size while it
// was read, a head that prints no headers), NodeReader reads again with PerFileReadScript.
import Foundation

enum BatchedReadScript {
    /// Files whose size stat does not tell (procfs and sysfs say 0 or 4096): at most one is
    /// read last in the batch, taking the rest of the output; others one by one.
    static func sizeIsUnknown(_ path: String) -> Bool {
        path.hasPrefix("/proc/") || path.hasPrefix("/sys/")
    }

    /// The POSIX sh script; uses only test, stat, head (GNU's -v), base64 and printf.
    static func script(for request: NodeReadRequest, boundary: String) -> String {
        let limit = request.maxFileSize
        let q = ShellQuoting.quote
        func header(_ keyword: String, _ fields: String = "") -> String { FramedOutput.header(keyword, fields) }
        let files = Array(request.files.enumerated())
        let sized = files.filter { !sizeIsUnknown($0.element) }
        let unsized = files.filter { sizeIsUnknown($0.element) }
        func notRead(_ index: Int) -> String {
            "elif [ -L \"$f\" ] || { [ -e \"$f\" ] && [ ! -f \"$f\" ]; }; then \(header("state", "'\(index) not-a-regular-file'")); "
                + "elif [ -e \"$f\" ]; then \(header("state", "'\(index) unreadable'")); fi"
        }
        // Opening the file is the only honest readability test: `test -r` answers from the
        // uid alone and says yes to root even without CAP_DAC_OVERRIDE. `true` is a regular
        // builtin, so a failed redirection is a status, not an exit of the shell.
        // A symlink is never followed: a link at a managed path to a root-only file
        // (/etc/shadow) would otherwise be printed by diff and recorded by snapshot.
        let readable = "[ ! -L \"$f\" ] && [ -f \"$f\" ] && true 2>/dev/null < \"$f\""

        var lines = ["B=" + q(boundary), "exec 4>&1", header("start"), "set --", "e="]
        for (index, path) in files {
            lines.append("f=\(q(path)); if [ -e \"$f\" ] || [ -L \"$f\" ]; then set -- \"$@\" \"$f\"; e=\"$e \(index)\"; \(header("exists", "\(index)")); fi")
        }
        lines += [
            "m=; [ $# -eq 0 ] || m=$(stat -c \"$B meta %a %u %g %s %U %G\" -- \"$@\" 2>/dev/null)",
            "[ -z \"$m\" ] || printf '%s\\n' \"$m\"",
            // Each file's size as s<index>, from the eight words of its meta line, so files
            // over the limit are left out of the read.
            "set -f; set -- $m; set +f",
            "for i in $e; do [ $# -ge 8 ] || break; eval \"s$i=\\$6\"; shift 8; done",
            "set --",
            "t=",
        ]
        for (index, path) in sized {
            lines.append("f=\(q(path)); if \(readable) && [ \"${s\(index):-0}\" -gt \(limit) ]; then \(header("state", "'\(index) too-large'")); "
                + "elif \(readable); then set -- \"$@\" \"$f\"; \(header("read", "\(index)")); \(notRead(index))")
        }
        for (index, path) in unsized {
            lines.append("f=\(q(path)); if [ -z \"$t\" ] && \(readable); then t=\(index); set -- \"$@\" \"$f\"; \(header("read", "\(index)")); fi")
        }
        lines.append("[ $# -eq 0 ] || { \(header("content")); head -v -c \(limit + 1) -- \"$@\" 2>/dev/null | base64; }")
        for (index, path) in unsized {
            lines.append("f=\(q(path)); if [ \"$t\" != \(index) ]; then \(header("single", "\(index)")); "
                + "if [ ! -e \"$f\" ] && [ ! -L \"$f\" ]; then \(header("state", "'\(index) missing'")); "
                + "elif \(readable); then \(header("content")); head -c \(limit + 1) < \"$f\" | base64; \(notRead(index)); fi")
        }
        lines += NodeReadCommands.scriptLines(request)
        lines.append(header("done"))
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ output: Data, request: NodeReadRequest, boundary: String, node: String) throws -> NodeSnapshot {
        var cursor = FrameCursor(try FramedOutput.parse(output, boundary: boundary, node: node), node: node)
        let paths = request.files
        var files = paths.map { RemoteFile(path: $0, state: .missing) }
        func index(_ frame: Frame) throws -> Int {
            guard let field = frame.fields.first, let index = Int(field), paths.indices.contains(index) else {
                throw cursor.fail("'\(frame.keyword)' names no requested file")
            }
            return index
        }

        var existing: [Int] = []
        while let frame = cursor.next(ifKeyword: "exists") {
            let index = try index(frame)
            guard index > (existing.last ?? -1) else { throw cursor.fail("file frames out of order at \(paths[index])") }
            existing.append(index)
        }
        for index in existing { try files[index].apply(meta: try cursor.next("meta").fields, cursor: cursor) }

        var decided = Set<Int>()
        var reads: [Int] = []
        func decide(_ frame: Frame) throws {
            let index = try index(frame)
            guard existing.contains(index), decided.insert(index).inserted else { throw cursor.fail("\(paths[index]) reported twice or never found") }
            if frame.keyword == "read" { reads.append(index); return }
            guard frame.fields.count == 2, let state = RemoteFileState(rawValue: frame.fields[1]), state != .present else {
                throw cursor.fail("unknown state for \(paths[index])")
            }
            files[index].state = state
        }
        while let frame = cursor.peek, ["read", "state"].contains(frame.keyword) { try decide(try cursor.next(frame.keyword)) }
        if !reads.isEmpty { try split(try cursor.next("content").payload ?? Data(), into: &files, reads: reads, limit: request.maxFileSize, cursor: cursor) }

        while let single = cursor.next(ifKeyword: "single") {
            let index = try index(single)
            guard sizeIsUnknown(paths[index]) else { throw cursor.fail("\(paths[index]) read on its own") }
            if let state = cursor.next(ifKeyword: "state") {
                if state.fields == ["\(index)", "missing"], !existing.contains(index) { continue }
                try decide(state)
            } else {
                guard existing.contains(index), decided.insert(index).inserted else { throw cursor.fail("\(paths[index]) reported twice or never found") }
                files[index].apply(content: try cursor.next("content").payload ?? Data(), limit: request.maxFileSize)
            }
        }
        // A file that vanished between the two passes, or a stat that skipped one: the
        // answer does not account for it.
        guard decided.count == existing.count else { throw cursor.fail("some files were found but never read") }

        let commands = try NodeReadCommands.parse(&cursor, request: request)
        try cursor.expectEnd()
        return NodeSnapshot(node: node, files: Dictionary(uniqueKeysWithValues: zip(paths, files)), commands: commands)
    }

    /// Cuts head's output at the expected headers: `==> path <==` and, for every file after
    /// the first, a blank line before it; a sized file is min(size, limit + 1) bytes long, a
    /// file of unknown size (always last) is the rest.
    private static func split(_ content: Data, into files: inout [RemoteFile], reads: [Int], limit: Int, cursor: FrameCursor) throws {
        let bytes = [UInt8](content)
        var offset = 0
        for (position, index) in reads.enumerated() {
            let header = Array(((position == 0 ? "" : "\n") + "==> \(files[index].path) <==\n").utf8)
            guard bytes.count - offset >= header.count, bytes[offset..<(offset + header.count)].elementsEqual(header) else {
                throw cursor.fail("the content of \(files[index].path) does not start where its size says")
            }
            offset += header.count
            let length: Int
            if sizeIsUnknown(files[index].path) {
                guard position == reads.count - 1 else { throw cursor.fail("\(files[index].path) is not last") }
                length = bytes.count - offset
            } else {
                length = min(files[index].size ?? 0, limit + 1)
            }
            guard bytes.count - offset >= length else { throw cursor.fail("the content of \(files[index].path) is shorter than its size") }
            files[index].apply(content: Data(bytes[offset..<(offset + length)]), limit: limit)
            offset += length
        }
        guard offset == bytes.count else { throw cursor.fail("the content is longer than the files' sizes") }
    }
}

extension NodeAccessError {
    /// An answer from a script that ran to its end but cannot be accounted for.
    var isUnaccountedAnswer: Bool {
        if case .malformedOutput = self { return true }
        return false
    }
}
