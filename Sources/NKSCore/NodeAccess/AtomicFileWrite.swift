// Replaces one file on a node so that it is either the old file or the complete new one:
// content arrives on stdin into a temp file next to the target, whose sha256 is checked
// before anything else (a cut SSH connection still lets `head -c > tmp` exit 0), then
// owner, mode, fsync, validator, backup outside the directory, rename, read-back; then,
// in the same round trip, whatever must follow the write (activation, revision marker).
import Foundation

/// What the file must contain before it is replaced (compare-and-swap).
public enum ExpectedPrevious: Sendable, Hashable {
    case any
    case absent
    case sha256(String)
}

public struct AtomicFileWrite: Sendable, Hashable {
    public var path: String
    public var content: Data
    public var owner: String
    public var group: String
    /// Permission bits, e.g. 0o644.
    public var mode: Int
    /// A shell command run against the temp file before the rename; `{}` stands for its path,
    /// e.g. `logrotate -d {}`. A non-zero exit rejects the write.
    public var validator: String?
    public var expectedPrevious: ExpectedPrevious
    /// Node-side state; backups go to `<stateDirectory>/backup`, never next to the target,
    /// because daemons such as logrotate read every name in their include directories.
    public var stateDirectory: String
    /// An empty file created just before the rename, for a caller that must know later
    /// that the file was replaced but what should follow (activation) may not have run.
    public var flagBeforeRename: String?
    /// Shell commands run under `set -e` once the file is in place, in the same round trip
    /// (a push's activation commands and revision marker). Their output goes to stderr.
    public var followUp: [String]

    public init(path: String, content: Data, owner: String = "root", group: String = "root", mode: Int = 0o644,
                validator: String? = nil, expectedPrevious: ExpectedPrevious = .any, stateDirectory: String = "/var/lib/nks-sync",
                flagBeforeRename: String? = nil, followUp: [String] = []) {
        self.path = path
        self.content = content
        self.owner = owner
        self.group = group
        self.mode = mode
        self.validator = validator
        self.expectedPrevious = expectedPrevious
        self.stateDirectory = stateDirectory
        self.flagBeforeRename = flagBeforeRename
        self.followUp = followUp
    }

    /// Rejects requests that must not reach a node at all.
    public func validate() throws {
        try RemotePath.validate(path)
        try RemotePath.validate(stateDirectory)
        if let flagBeforeRename { try RemotePath.validate(flagBeforeRename) }
        let account = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        for (label, name) in [("owner", owner), ("group", group)] where name.isEmpty || !name.allSatisfy(account.contains) || name.hasPrefix("-") {
            throw NodeAccessError.invalidWrite(path: path, reason: "\(label) \(name.debugDescription) is not a user or group name")
        }
        guard (0...0o7777).contains(mode) else { throw NodeAccessError.invalidWrite(path: path, reason: "mode \(String(mode, radix: 8)) is out of range") }
        if case .sha256(let hash) = expectedPrevious, hash.count != 64 || !hash.allSatisfy(\.isHexDigit) {
            throw NodeAccessError.invalidWrite(path: path, reason: "expected previous sha256 is not 64 hex digits")
        }
    }
}

public struct AtomicWriteResult: Sendable, Hashable {
    public var path: String
    /// Read back from the final path after the rename.
    public var sha256: String
    /// Where the previous content was kept on the node; nil when there was no previous file.
    public var backupPath: String?
    /// How the request's follow-up commands went; `.none` when it had none.
    public var followUp: FollowUpOutcome = .none
}

public enum FollowUpOutcome: Sendable, Hashable {
    case none
    case completed
    /// The file is written; a follow-up command failed (the last line it printed, or its exit status).
    case failed(String)
}

public struct NodeWriter: Sendable {
    public var transport: any NodeTransport

    public init(transport: any NodeTransport) {
        self.transport = transport
    }

    public func write(_ request: AtomicFileWrite, to node: NodeTarget, timeout: Duration) async throws -> AtomicWriteResult {
        try request.validate()
        let boundary = FramedOutput.newBoundary(), stamp = Self.stamp()
        let script = Self.script(for: request, boundary: boundary, tempSuffix: Hashing.randomHex(bytes: 6), stamp: stamp)
        // Frames, a validator's or activation's messages: text, never near this.
        let result = try await transport.execute(script, standardInput: request.content, on: node, timeout: timeout, outputLimit: 4 * 1024 * 1024)
        return try Self.parse(result, request: request, boundary: boundary, backup: Self.backupPath(for: request, stamp: stamp), node: node.name)
    }

    static func stamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date) + "-" + Hashing.randomHex(bytes: 3)
    }

    /// Backups live outside the file's directory, named after the file and the write's stamp.
    static func backupPath(for request: AtomicFileWrite, stamp: String) -> String {
        request.stateDirectory + "/backup/" + RemotePath.flattened(request.path) + "." + stamp
    }

    /// The POSIX sh script; uses only test, head, wc, sha256sum, base64, mkdir, cat, cp,
    /// mv, chown, chmod, sync, rm and printf, as few of them as it can, since each is a
    /// process on every node. Exit 0 with a `written` frame, or exit 1 with an `error`
    /// frame; the old file is untouched in every error path.
    public static func script(for request: AtomicFileWrite, boundary: String, tempSuffix: String, stamp: String) -> String {
        let (directory, name) = RemotePath.split(request.path)
        let q = ShellQuoting.quote
        let backupDirectory = request.stateDirectory + "/backup"
        let backup = backupPath(for: request, stamp: stamp)
        var lines = [
            "B=" + q(boundary),
            // Relative names: every step after the directory check works inside the
            // directory it checked (see directoryCheck), whatever happens to the path.
            "target=./" + q(name),
            "dir=" + q(directory),
            // A leading dot and a trailing ~: names that include-directory readers skip.
            "tmp=./" + q(".\(name).nks-\(tempSuffix)~"),
            "home=$PWD",
            "umask 077",
            FramedOutput.header("start"),
            "nks_fail() {",
            // Drain stdin so the sender never writes into a closed pipe.
            "  cat > /dev/null 2>&1",
            "  " + FramedOutput.header("error", "\"$1\""),
            "  if [ $# -gt 1 ]; then " + FramedOutput.header("detail") + "; printf '%s' \"$2\" | base64; fi",
            "  " + FramedOutput.header("done"),
            "  exit 1",
            "}",
            "[ -d \"$dir\" ] || nks_fail no-such-directory",
        ] + directoryCheck(directory) + [
            "if [ -L \"$target\" ] || { [ -e \"$target\" ] && [ ! -f \"$target\" ]; }; then nks_fail not-a-regular-file; fi",
        ]
        switch request.expectedPrevious {
        case .any:
            break
        case .absent:
            lines.append("[ ! -e \"$target\" ] || nks_fail changed-on-node \"exists\"")
        case .sha256:
            lines.append("[ -e \"$target\" ] || nks_fail changed-on-node \"absent\"")
        }
        // A mode of read and write bits only, the owner's included, is given at creation
        // (umask in the subshell), which spares a chmod; the file is never more open than
        // it ends up.
        let createdWithMode = request.mode & ~0o666 == 0 && request.mode & 0o600 == 0o600
        let umask = createdWithMode ? "umask \(String(0o777 & ~request.mode, radix: 8)); " : ""
        lines += [
            // Create exclusively, and only then own the name through the trap.
            "( \(umask)set -C; : > \"$tmp\" ) 2>/dev/null || nks_fail cannot-create-temp-file",
            "trap 'rm -f \"$tmp\"' EXIT",
            "trap 'exit 1' HUP INT TERM PIPE",
            "head -c \(request.content.count) > \"$tmp\" || nks_fail cannot-write-temp-file",
        ]
        if case .sha256 = request.expectedPrevious {
            // One sha256sum for the content received and the file it replaces. Its second
            // line starts with a backslash when the target's name needs escaping.
            lines += [
                "sums=$(sha256sum - \"$target\" < \"$tmp\") || nks_fail unreadable",
                "set -f; set -- $sums; set +f",
                "sum=$1 cur=${3#\\\\}",
            ]
        } else {
            lines += [
                "sum=$(sha256sum < \"$tmp\") || nks_fail cannot-write-temp-file",
                "sum=${sum%% *}",
            ]
        }
        lines += [
            // The hash alone decides; the size only names the failure.
            "if [ \"$sum\" != \(Hashing.sha256Hex(request.content)) ]; then",
            "  size=$(wc -c < \"$tmp\")",
            "  [ \"$size\" -eq \(request.content.count) ] || nks_fail truncated-input \"received $size of \(request.content.count) bytes\"",
            "  nks_fail corrupted-input \"$sum\"",
            "fi",
        ]
        if case .sha256(let hash) = request.expectedPrevious {
            lines.append("[ \"$cur\" = \(q(hash.lowercased())) ] || nks_fail changed-on-node \"$cur\"")
        }
        lines += [
            "chown \(q(request.owner + ":" + request.group)) \"$tmp\" || nks_fail chown-failed",
        ]
        if !createdWithMode {
            // chown clears set-id bits, so the mode comes after it.
            lines.append("chmod \(String(request.mode, radix: 8)) \"$tmp\" || nks_fail chmod-failed")
        }
        lines += [
            "sync \"$tmp\" 2>/dev/null || sync",
        ]
        if let validator = request.validator {
            // The validator gets the temp file's full path and runs where scripts start.
            let command = "cd \"$home\" 2>/dev/null; " + validator.replacingOccurrences(of: "{}", with: "\"$tpath\"")
            lines.append("tpath=\"$PWD/${tmp#./}\"")
            lines.append("out=$( ( \(command) ) </dev/null 2>&1 ) || nks_fail validator-rejected \"$out\"")
        }
        lines += [
            "bk=",
            "if [ -e \"$target\" ]; then",
            "  [ -d \(q(backupDirectory)) ] || mkdir -p \(q(backupDirectory)) || nks_fail backup-failed",
            "  bk=" + q(backup),
            // The copy keeps the old file's mode, owner and times, in a directory only root enters.
            "  cp -p \"$target\" \"$bk\" || nks_fail backup-failed",
            "fi",
        ]
        if let flag = request.flagBeforeRename {
            let (flagDirectory, _) = RemotePath.split(flag)
            lines.append("{ mkdir -p \(q(flagDirectory)) && : > \(q(flag)); } || nks_fail cannot-create-flag")
        }
        lines += [
            "mv -f \"$tmp\" \"$target\" || nks_fail rename-failed",
            "sync . 2>/dev/null || sync",
            "sum=$(sha256sum < \"$target\") || nks_fail cannot-read-back",
            // What follows runs where scripts start, as before the directory was entered.
            "tmp=\"$PWD/${tmp#./}\"; cd \"$home\" 2>/dev/null || cd /",
            FramedOutput.header("written", "\"${sum%% *}\""),
            "if [ -n \"$bk\" ]; then " + FramedOutput.header("backup") + "; fi",
        ]
        if !request.followUp.isEmpty {
            lines += followUpLines(request.followUp)
        }
        lines.append(FramedOutput.header("done"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Enters the file's directory after making sure only root can change its entries:
    /// the directory is not a symlink, is root's and not writable by group or others, and
    /// so is every directory on the way to it, by the path as given and as resolved (a
    /// sticky directory such as /tmp is accepted on the way: others cannot rename root's
    /// entries in it). Then no one but root can swap the temp file or the target for a
    /// link between the steps that name them, and the script works relative to the
    /// directory it checked. Uses one stat whatever the depth.
    static func directoryCheck(_ directory: String) -> [String] {
        var logical = ["/"]
        for component in directory.split(separator: "/") { logical.append((logical.count == 1 ? "" : logical[logical.count - 1]) + "/" + component) }
        let q = ShellQuoting.quote
        return [
            "[ ! -L \"$dir\" ] || nks_fail unsafe-directory \"the directory is a symbolic link\"",
            "cd -P -- \"$dir\" 2>/dev/null || nks_fail no-such-directory",
            "set -- .; p=$PWD; while [ -n \"$p\" ]; do set -- \"$@\" \"$p\"; p=${p%/*}; done",
            "ck=$(stat -L -c '%u:%a' -- \"$@\" \(logical.map(q).joined(separator: " "))) || nks_fail unsafe-directory \"cannot inspect the directories on the way to it\"",
            "first=1",
            "for x in $ck; do",
            "  u=${x%%:*} m=${x#*:}",
            "  [ \"$u\" = 0 ] || nks_fail unsafe-directory \"a directory on the way to it belongs to uid $u, not root\"",
            "  case $m in *[2367]? | *[2367]) case $first$m in [1357]???) ;; *) nks_fail unsafe-directory \"a directory on the way to it is writable by group or others (mode $m)\";; esac;; esac",
            "  first=",
            "done",
        ]
    }

    /// The follow-up commands run in this shell (each on lines of its own, as written)
    /// under `set -e`, with their output on stderr so it cannot break the frames; a failure
    /// ends the script through the EXIT trap, which reports it.
    private static func followUpLines(_ commands: [String]) -> [String] {
        [
            "nks_follow_up_exit() {",
            "  st=$?",
            "  rm -f \"$tmp\"",
            "  exec >&3",
            "  if [ \"$st\" -ne 0 ]; then " + FramedOutput.header("follow-up-failed", "\"$st\"") + "; " + FramedOutput.header("done") + "; fi",
            "}",
            "exec 3>&1 >&2",
            "trap nks_follow_up_exit EXIT",
            "set -e",
        ] + commands + [
            "set +e",
            "trap 'rm -f \"$tmp\"' EXIT",
            "exec >&3 3>&-",
            FramedOutput.header("followed-up"),
        ]
    }

    static func parse(_ result: RemoteResult, request: AtomicFileWrite, boundary: String, backup: String, node: String) throws -> AtomicWriteResult {
        let frames: [Frame]
        do {
            frames = try FramedOutput.parse(result.standardOutput, boundary: boundary, node: node)
        } catch {
            if result.exitCode != 0 {
                let detail = result.standardErrorText.split(separator: "\n").last.map(String.init) ?? ""
                throw NodeAccessError.remoteScriptFailed(node: node, exitCode: result.exitCode, detail: detail)
            }
            throw error
        }
        if let error = frames.first(where: { $0.keyword == "error" }) {
            var reason = error.fields.joined(separator: " ")
            if let detail = frames.first(where: { $0.keyword == "detail" })?.payload {
                let text = String(decoding: detail, as: UTF8.self).split(separator: "\n").prefix(3).joined(separator: " / ")
                if !text.isEmpty { reason += ": " + text }
            }
            throw NodeAccessError.writeRejected(node: node, path: request.path, reason: reason)
        }
        guard let written = frames.first(where: { $0.keyword == "written" }), written.fields.count == 1 else {
            throw NodeAccessError.writeNotConfirmed(node: node, path: request.path, reason: "no read-back hash in the answer")
        }
        let expected = Hashing.sha256Hex(request.content)
        guard written.fields[0] == expected else {
            throw NodeAccessError.writeNotConfirmed(node: node, path: request.path, reason: "read-back sha256 \(written.fields[0]) differs from the content sent; something else changed the file")
        }
        var receipt = AtomicWriteResult(path: request.path, sha256: written.fields[0],
                                        backupPath: frames.contains(where: { $0.keyword == "backup" }) ? backup : nil)
        if !request.followUp.isEmpty {
            if frames.contains(where: { $0.keyword == "followed-up" }) {
                receipt.followUp = .completed
            } else {
                let status = frames.first(where: { $0.keyword == "follow-up-failed" })?.fields.first ?? String(result.exitCode)
                let lastLine = result.standardErrorText.split(separator: "\n").last.map(String.init)
                receipt.followUp = .failed(lastLine ?? "exit \(status)")
            }
        }
        return receipt
    }
}
