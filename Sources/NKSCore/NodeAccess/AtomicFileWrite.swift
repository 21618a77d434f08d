// Replaces one file on a node so that it is either the old file or the complete new one:
// content arrives on stdin into a temp file next to the target, whose size and sha256 are
// checked before anything else (a cut SSH connection still lets `cat > tmp` exit 0), then
// owner, mode, fsync, validator, backup outside the directory, rename, read-back.
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

    public init(path: String, content: Data, owner: String = "root", group: String = "root", mode: Int = 0o644,
                validator: String? = nil, expectedPrevious: ExpectedPrevious = .any, stateDirectory: String = "/var/lib/nks-sync",
                flagBeforeRename: String? = nil) {
        self.path = path
        self.content = content
        self.owner = owner
        self.group = group
        self.mode = mode
        self.validator = validator
        self.expectedPrevious = expectedPrevious
        self.stateDirectory = stateDirectory
        self.flagBeforeRename = flagBeforeRename
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
}

public struct NodeWriter: Sendable {
    public var transport: any NodeTransport

    public init(transport: any NodeTransport) {
        self.transport = transport
    }

    public func write(_ request: AtomicFileWrite, to node: NodeTarget, timeout: Duration) async throws -> AtomicWriteResult {
        try request.validate()
        let boundary = FramedOutput.newBoundary()
        let script = Self.script(for: request, boundary: boundary, tempSuffix: Hashing.randomHex(bytes: 6), stamp: Self.stamp())
        let result = try await transport.execute(script, standardInput: request.content, on: node, timeout: timeout)
        return try Self.parse(result, request: request, boundary: boundary, node: node.name)
    }

    static func stamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date) + "-" + Hashing.randomHex(bytes: 3)
    }

    /// The POSIX sh script; uses only test, stat, head, sha256sum, base64, mkdir, cat, mv,
    /// chown, chmod, sync, rm and printf. Exit 0 with a `written` frame, or exit 1 with an
    /// `error` frame; the old file is untouched in every error path.
    public static func script(for request: AtomicFileWrite, boundary: String, tempSuffix: String, stamp: String) -> String {
        let (directory, name) = RemotePath.split(request.path)
        let q = ShellQuoting.quote
        let backupDirectory = request.stateDirectory + "/backup"
        let backup = backupDirectory + "/" + RemotePath.flattened(request.path) + "." + stamp
        var lines = [
            "B=" + q(boundary),
            "target=" + q(request.path),
            "dir=" + q(directory),
            // A leading dot and a trailing ~: names that include-directory readers skip.
            "tmp=\"$dir/\"" + q(".\(name).nks-\(tempSuffix)~"),
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
            "if [ -L \"$target\" ] || { [ -e \"$target\" ] && [ ! -f \"$target\" ]; }; then nks_fail not-a-regular-file; fi",
        ]
        switch request.expectedPrevious {
        case .any:
            break
        case .absent:
            lines.append("[ ! -e \"$target\" ] || nks_fail changed-on-node \"exists\"")
        case .sha256(let hash):
            lines += [
                "[ -e \"$target\" ] || nks_fail changed-on-node \"absent\"",
                "cur=$(sha256sum < \"$target\") || nks_fail unreadable",
                "cur=${cur%% *}",
                "[ \"$cur\" = \(q(hash.lowercased())) ] || nks_fail changed-on-node \"$cur\"",
            ]
        }
        lines += [
            // Create exclusively, and only then own the name through the trap.
            "( set -C; : > \"$tmp\" ) 2>/dev/null || nks_fail cannot-create-temp-file",
            "trap 'rm -f \"$tmp\"' EXIT",
            "trap 'exit 1' HUP INT TERM PIPE",
            "head -c \(request.content.count) > \"$tmp\" || nks_fail cannot-write-temp-file",
            "size=$(stat -c %s \"$tmp\") || nks_fail cannot-write-temp-file",
            "[ \"$size\" = \(request.content.count) ] || nks_fail truncated-input \"received $size of \(request.content.count) bytes\"",
            "sum=$(sha256sum < \"$tmp\") || nks_fail cannot-write-temp-file",
            "sum=${sum%% *}",
            "[ \"$sum\" = \(Hashing.sha256Hex(request.content)) ] || nks_fail corrupted-input \"$sum\"",
            "chown \(q(request.owner + ":" + request.group)) \"$tmp\" || nks_fail chown-failed",
            "chmod \(String(request.mode, radix: 8)) \"$tmp\" || nks_fail chmod-failed",
            "sync \"$tmp\" 2>/dev/null || sync",
        ]
        if let validator = request.validator {
            let command = validator.replacingOccurrences(of: "{}", with: "\"$tmp\"")
            lines.append("out=$( ( \(command) ) </dev/null 2>&1 ) || nks_fail validator-rejected \"$out\"")
        }
        lines += [
            "bk=",
            "if [ -e \"$target\" ]; then",
            "  mkdir -p \(q(backupDirectory)) || nks_fail backup-failed",
            "  bk=" + q(backup),
            "  cat \"$target\" > \"$bk\" || nks_fail backup-failed",
            "  stat -c '%a %u %g' \"$target\" > \"$bk.meta\" || nks_fail backup-failed",
            "fi",
        ]
        if let flag = request.flagBeforeRename {
            let (flagDirectory, _) = RemotePath.split(flag)
            lines.append("{ mkdir -p \(q(flagDirectory)) && : > \(q(flag)); } || nks_fail cannot-create-flag")
        }
        lines += [
            "mv -f \"$tmp\" \"$target\" || nks_fail rename-failed",
            "sync \"$dir\" 2>/dev/null || sync",
            "sum=$(sha256sum < \"$target\") || nks_fail cannot-read-back",
            FramedOutput.header("written", "\"${sum%% *}\""),
            "if [ -n \"$bk\" ]; then " + FramedOutput.header("backup") + "; printf '%s' \"$bk\" | base64; fi",
            FramedOutput.header("done"),
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ result: RemoteResult, request: AtomicFileWrite, boundary: String, node: String) throws -> AtomicWriteResult {
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
        let backup = frames.first(where: { $0.keyword == "backup" })?.payload.map { String(decoding: $0, as: UTF8.self) }
        return AtomicWriteResult(path: request.path, sha256: written.fields[0], backupPath: backup)
    }
}
