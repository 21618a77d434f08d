// The part of OpenSSH's control-master protocol (PROTOCOL.mux, version 4) that a passenger
// session needs: hello, new session, and the master's answers. Every message is a uint32
// length, then a uint32 type, then fields in SSH wire format (big-endian uint32, strings
// as uint32 length + bytes).
import Foundation

enum SSHMuxMessage {
    static let protocolVersion: UInt32 = 4

    enum Kind: UInt32 {
        case hello = 0x0000_0001
        case newSession = 0x1000_0002
        case terminate = 0x1000_0005
        case ok = 0x8000_0001
        case permissionDenied = 0x8000_0002
        case failure = 0x8000_0003
        case exitMessage = 0x8000_0004
        case sessionOpened = 0x8000_0006
        case ttyAllocationFailed = 0x8000_0008
    }

    /// Larger answers than this are not from a master (its replies are a few dozen bytes).
    static let maximumLength = 256 * 1024

    static func hello() -> [UInt8] {
        packet(.hello, [protocolVersion])
    }

    /// A session without a terminal, X11 or agent forwarding and without an escape
    /// character (0xffffffff), so the bytes on its stdin reach the command untouched.
    static func newSession(requestID: UInt32, command: String) -> [UInt8] {
        var body: [UInt8] = []
        append(requestID, to: &body)
        appendString([], to: &body)  // reserved
        for flag: UInt32 in [0, 0, 0, 0] { append(flag, to: &body) }  // tty, X11, agent, subsystem
        append(0xffff_ffff, to: &body)
        appendString([], to: &body)  // terminal type
        appendString(Array(command.utf8), to: &body)
        return packet(.newSession, body)
    }

    static func terminate(requestID: UInt32) -> [UInt8] {
        packet(.terminate, [requestID])
    }

    private static func packet(_ kind: Kind, _ fields: [UInt32]) -> [UInt8] {
        var body: [UInt8] = []
        for field in fields { append(field, to: &body) }
        return packet(kind, body)
    }

    private static func packet(_ kind: Kind, _ body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        append(UInt32(4 + body.count), to: &bytes)
        append(kind.rawValue, to: &bytes)
        return bytes + body
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    private static func appendString(_ value: [UInt8], to bytes: inout [UInt8]) {
        append(UInt32(value.count), to: &bytes)
        bytes += value
    }
}

/// What a master says, as far as a passenger cares.
enum SSHMuxReply: Equatable, Sendable {
    case hello(version: UInt32)
    case ok(requestID: UInt32)
    case sessionOpened(requestID: UInt32, sessionID: UInt32)
    /// MUX_S_FAILURE or MUX_S_PERMISSION_DENIED, with the master's reason.
    case refused(requestID: UInt32, reason: String)
    case exit(sessionID: UInt32, status: UInt32)
    case ttyAllocationFailed
    /// A message this client never asks for; skipped.
    case other(kind: UInt32)
}

struct SSHMuxProtocolError: Error, Equatable, CustomStringConvertible {
    var description: String
}

/// Cuts the master's byte stream into replies.
struct SSHMuxReader {
    private var buffer: [UInt8] = []

    mutating func append(_ bytes: some Collection<UInt8>) {
        buffer += bytes
    }

    /// The next complete reply, or nil until more bytes arrive.
    mutating func next() throws(SSHMuxProtocolError) -> SSHMuxReply? {
        guard buffer.count >= 4 else { return nil }
        let length = Int(Self.uint32(buffer, at: 0))
        guard length >= 4, length <= SSHMuxMessage.maximumLength else {
            throw SSHMuxProtocolError(description: "the control socket sent a message of \(length) bytes; it does not speak the OpenSSH multiplexing protocol")
        }
        guard buffer.count >= 4 + length else { return nil }
        let message = Array(buffer[4..<(4 + length)])
        buffer.removeFirst(4 + length)
        return try Self.decode(message)
    }

    private static func decode(_ message: [UInt8]) throws(SSHMuxProtocolError) -> SSHMuxReply {
        var cursor = 4
        func field() throws(SSHMuxProtocolError) -> UInt32 {
            guard cursor + 4 <= message.count else { throw SSHMuxProtocolError(description: "a multiplexing message ended early") }
            defer { cursor += 4 }
            return uint32(message, at: cursor)
        }
        func string() throws(SSHMuxProtocolError) -> String {
            let count = Int(try field())
            guard count <= message.count - cursor else { throw SSHMuxProtocolError(description: "a multiplexing message ended early") }
            defer { cursor += count }
            return String(decoding: message[cursor..<(cursor + count)], as: UTF8.self)
        }
        let kind = uint32(message, at: 0)
        switch SSHMuxMessage.Kind(rawValue: kind) {
        case .hello:
            return .hello(version: try field())
        case .ok:
            return .ok(requestID: try field())
        case .sessionOpened:
            return .sessionOpened(requestID: try field(), sessionID: try field())
        case .failure, .permissionDenied:
            return .refused(requestID: try field(), reason: try string())
        case .exitMessage:
            return .exit(sessionID: try field(), status: try field())
        case .ttyAllocationFailed:
            return .ttyAllocationFailed
        case .newSession, .terminate, nil:
            return .other(kind: kind)
        }
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
