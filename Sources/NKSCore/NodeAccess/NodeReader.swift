// Reads many files and facts from one node in a single round trip: one script prints every
// file and command result in frames (see FramedOutput), and the parser turns them back into
// a NodeSnapshot or rejects the whole answer. The script reads all files with a handful of
// processes (BatchedReadScript); an answer it cannot account for byte by byte — a file that
// changed while it was read, a head or stat that does not behave like GNU's — is read once
// more with one process group per file (PerFileReadScript).
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
        do {
            return try await read(request, from: node, timeout: timeout, script: .batched)
        } catch let error as NodeAccessError where error.isUnaccountedAnswer {
            return try await read(request, from: node, timeout: timeout, script: .perFile)
        }
    }

    func read(_ request: NodeReadRequest, from node: NodeTarget, timeout: Duration, script: NodeReadScript) async throws -> NodeSnapshot {
        for path in request.files { try RemotePath.validate(path) }
        let boundary = FramedOutput.newBoundary()
        let result = try await transport.execute(script.script(for: request, boundary: boundary), standardInput: Data(), on: node, timeout: timeout,
                                                 outputLimit: request.answerLimit)
        do {
            return try script.parse(result.standardOutput, request: request, boundary: boundary, node: node.name)
        } catch let error as NodeAccessError where result.exitCode != 0 {
            // Output that cannot be parsed from a script that failed: the failure is the news.
            let detail = result.standardErrorText.split(separator: "\n").last.map(String.init) ?? "\(error)"
            throw NodeAccessError.remoteScriptFailed(node: node.name, exitCode: result.exitCode, detail: detail)
        }
    }
}

extension NodeReadRequest {
    /// The most an honest answer can hold: each file and command at most the limit plus one
    /// byte (and, in the batched read, head's header naming it), base64 with its line
    /// breaks, plus a frame line per item; stderr is held to the same.
    var answerLimit: Int {
        let items = files.map { $0.utf8.count + 16 } + commands.map { _ in 0 }
        let encoded = items.reduce(0) { total, extra in
            let raw = maxFileSize + 1 + extra
            return total + (raw + 2) / 3 * 4 + raw / 57 + 1 + 512
        }
        return encoded + 64 * 1024
    }
}

/// The two ways to write a read script: all files with a few processes, or each on its own.
enum NodeReadScript: CaseIterable, Sendable {
    case batched
    case perFile

    func script(for request: NodeReadRequest, boundary: String) -> String {
        switch self {
        case .batched: BatchedReadScript.script(for: request, boundary: boundary)
        case .perFile: PerFileReadScript.script(for: request, boundary: boundary)
        }
    }

    func parse(_ output: Data, request: NodeReadRequest, boundary: String, node: String) throws -> NodeSnapshot {
        switch self {
        case .batched: try BatchedReadScript.parse(output, request: request, boundary: boundary, node: node)
        case .perFile: try PerFileReadScript.parse(output, request: request, boundary: boundary, node: node)
        }
    }
}
