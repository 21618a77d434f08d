// POSIX shell quoting for anything that reaches a remote command line: paths, node names,
// values. Single quotes survive every byte but the single quote itself, which is closed,
// escaped and reopened.
public enum ShellQuoting {
    /// Always quotes: safe for every string, including the empty one.
    public static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Quotes only when the string holds anything but plainly safe characters; for
    /// messages that show a command to a person.
    public static func quoteIfNeeded(_ value: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+")
        return !value.isEmpty && value.allSatisfy(safe.contains) ? value : quote(value)
    }
}
