// What a login name, a jump host and a node address may look like before they reach ssh.
// ssh's own ProxyJump turns `-J` into a command line run by a shell, and a user's
// ProxyCommand or `Match exec` may expand %r and %h into one: a value with shell syntax or
// a leading `-` could run a program on the operator's machine. Only plain names pass.
public enum SSHDestinationSyntax {
    private static let nameCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")

    /// A POSIX-style login name: letters, digits, `.`, `_`, `-`, not starting with `-`.
    public static func isUserName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.first != "-" && text.allSatisfy(nameCharacters.contains)
    }

    /// A host name, an IPv4 address, or an IPv6 address (bare or in brackets).
    public static func isAddress(_ text: String) -> Bool {
        var host = Substring(text)
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, host.count <= 253, host.first != "-" else { return false }
        if host.contains(":") { return host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        return host.allSatisfy(nameCharacters.contains)
    }

    /// `[user@]host[:port]`, or several of them separated by commas, as `ssh -J` takes them.
    public static func isJumpHost(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { hop in
            var rest = Substring(hop)
            if let at = rest.lastIndex(of: "@") {
                guard isUserName(String(rest[..<at])) else { return false }
                rest = rest[rest.index(after: at)...]
            }
            // A port after the last colon, unless the colon belongs to a bare IPv6 address.
            if let colon = rest.lastIndex(of: ":"), rest.hasPrefix("[") || rest.filter({ $0 == ":" }).count == 1 {
                let port = rest[rest.index(after: colon)...]
                guard let number = Int(port), port.allSatisfy(\.isASCII), (1...65535).contains(number) else { return false }
                rest = rest[..<colon]
            }
            return isAddress(String(rest))
        }
    }
}
