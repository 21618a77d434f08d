// A git object id (SHA-1 in the repositories libgit2 1.5 creates), printable as hex.
import CLibGit2

public struct GitObjectID: Sendable, Hashable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) { self.raw = raw }

    public var hex: String {
        var copy = raw
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        git_oid_tostr(&buffer, buffer.count, &copy)
        return String(cString: buffer)
    }

    public var shortHex: String { String(hex.prefix(12)) }
    public var description: String { hex }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        var a = lhs.raw, b = rhs.raw
        return git_oid_equal(&a, &b) != 0
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(hex) }
}
