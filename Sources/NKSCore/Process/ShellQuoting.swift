// POSIX shell quoting for anything that reaches a remote command line: paths, node names,
// values. Single quotes survive every byte but the single quote itself, which is closed,
// escaped and reopened.
public enum ShellQuoting {
    /// Always quotes: safe for every string, including the empty one.
    public static func quote(_ value: String) -> String {
        // Byte by byte: whole node scripts pass through here on every round trip, and
        // Foundation's replacingOccurrences costs more than the rest of building them.
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        quoted.reserveCapacity(value.utf8.count + 2)
        for byte in value.utf8 {
            if byte == UInt8(ascii: "'") {
                quoted += Array(#"'\''"#.utf8)
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "'"))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// Quotes only when the string holds anything but plainly safe characters; for
    /// messages that show a command to a person.
    public static func quoteIfNeeded(_ value: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+")
        return !value.isEmpty && value.allSatisfy(safe.contains) ? value : quote(value)
    }
}
