// Tells a difference in layout (indentation, spacing, blank lines) from one in content, so
// status and diff can say at once that a node's file means the same as the canonical one.
public enum WhitespaceDifference {
    /// True when the texts differ, but only in whitespace: the same words in the same order.
    public static func isOnlyWhitespace(_ old: String, _ new: String) -> Bool {
        old != new && words(old) == words(new)
    }

    private static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isWhitespace)
    }
}
