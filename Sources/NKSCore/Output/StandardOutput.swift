// The plugins' text goes to stdout exactly as rendered: renderers end their own lines, and
// Swift's print would add one more.
import Foundation

public enum StandardOutput {
    public static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
