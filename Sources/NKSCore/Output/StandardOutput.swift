// The plugins' text goes to stdout as rendered, with anything that could drive the
// terminal escaped (TerminalText) whatever path it took: renderers end their own lines,
// and Swift's print would add one more.
import Foundation

public enum StandardOutput {
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(TerminalText.escapedKeepingLines(text).utf8))
    }
}
