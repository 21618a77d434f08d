// The node read with one stat and one head|base64 per file: every file framed on its own,
// so it needs nothing of stat and head beyond POSIX-ish basics. The fallback when the
// batched read's answer cannot be accounted for.
import Foundation

enum PerFileReadScript {
    /// The POSIX sh script; uses only test, stat, head, base64 and printf.
    static func script(for request: NodeReadRequest, boundary: String) -> String {
        let limit = request.maxFileSize
        var lines = ["B=" + ShellQuoting.quote(boundary), "exec 4>&1", FramedOutput.header("start")]
        for (index, path) in request.files.enumerated() {
            lines += [
                FramedOutput.header("file", "\(index)"),
                "f=" + ShellQuoting.quote(path),
                "if [ ! -e \"$f\" ] && [ ! -L \"$f\" ]; then " + FramedOutput.header("state", "missing"),
                "else",
                "  m=$(stat -c '%a %u %g %s %U %G' \"$f\" 2>/dev/null) && " + FramedOutput.header("meta", "\"$m\""),
                // The size is the fourth field of $m: no second stat. stat without -L and
                // the -L test first: a symlink is refused, never followed.
                "  s=${m#* * * }; s=${s%% *}",
                "  if [ -L \"$f\" ] || [ ! -f \"$f\" ]; then " + FramedOutput.header("state", "not-a-regular-file"),
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
        lines += NodeReadCommands.scriptLines(request)
        lines.append(FramedOutput.header("done"))
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ output: Data, request: NodeReadRequest, boundary: String, node: String) throws -> NodeSnapshot {
        var cursor = FrameCursor(try FramedOutput.parse(output, boundary: boundary, node: node), node: node)
        var files: [String: RemoteFile] = [:]
        for (index, path) in request.files.enumerated() {
            guard try cursor.next("file").fields == ["\(index)"] else { throw cursor.fail("file frames out of order at \(path)") }
            var file = RemoteFile(path: path, state: .missing)
            if let meta = cursor.next(ifKeyword: "meta") { try file.apply(meta: meta.fields, cursor: cursor) }
            let stateFrame = try cursor.next("state")
            guard stateFrame.fields.count == 1, let state = RemoteFileState(rawValue: stateFrame.fields[0]) else {
                throw cursor.fail("unknown state for \(path)")
            }
            file.state = state
            if state != .missing, file.mode == nil, state != .unreadable { throw cursor.fail("no metadata for \(path)") }
            if state == .present { file.apply(content: try cursor.next("content").payload ?? Data(), limit: request.maxFileSize) }
            _ = try cursor.next("end")
            files[path] = file
        }
        let commands = try NodeReadCommands.parse(&cursor, request: request)
        try cursor.expectEnd()
        return NodeSnapshot(node: node, files: files, commands: commands)
    }
}
