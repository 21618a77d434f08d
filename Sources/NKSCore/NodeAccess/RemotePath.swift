// Checks a node path before any script is built from it: absolute, no `.`/`..`, no empty
// components, no NUL. Everything else (spaces, quotes, newlines, `$()`, non-ASCII) is
// allowed because it only ever reaches the node through ShellQuoting.quote.
import Crypto
import Foundation

public enum RemotePath {
    public static func validate(_ path: String) throws {
        guard path.hasPrefix("/") else { throw NodeAccessError.invalidPath(path: path, reason: "relative path") }
        guard !path.contains("\0") else { throw NodeAccessError.invalidPath(path: path, reason: "contains a NUL byte") }
        guard path != "/" else { throw NodeAccessError.invalidPath(path: path, reason: "the root directory is not a file") }
        guard !path.hasSuffix("/") else { throw NodeAccessError.invalidPath(path: path, reason: "ends with /") }
        let components = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for component in components {
            if component.isEmpty { throw NodeAccessError.invalidPath(path: path, reason: "empty component (//)") }
            if component == "." || component == ".." {
                throw NodeAccessError.invalidPath(path: path, reason: "\(component) component")
            }
        }
    }

    /// (directory, file name) of a validated path.
    static func split(_ path: String) -> (directory: String, name: String) {
        let slash = path.lastIndex(of: "/")!
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// A single file name that stands for a whole path, for backups kept flat in one
    /// directory: percent-encoded, and shortened with a hash when it would be too long.
    static func flattened(_ path: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".utf8)
        var encoded = ""
        for byte in path.dropFirst().utf8 {
            if safe.contains(byte) { encoded.unicodeScalars.append(UnicodeScalar(byte)) } else { encoded += String(format: "%%%02X", byte) }
        }
        if encoded.utf8.count > 180 {
            encoded = String(encoded.prefix(120)) + "-" + Hashing.sha256Hex(Data(path.utf8)).prefix(16)
        }
        return encoded
    }
}

public enum Hashing {
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex without String(format:), which is slow enough to show when every
    /// file of every node is hashed.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Random lowercase hex, for frame boundaries and temp names.
    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
