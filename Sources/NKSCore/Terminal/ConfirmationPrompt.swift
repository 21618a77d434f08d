// Asks a yes/no question on the terminal. The answer is awaited without blocking a thread
// in read(2), so a signal that cancels the command also ends the question.
import Foundation

public enum ConfirmationPrompt {
    /// True for "y" or "yes"; anything else, or end of input, is no.
    public static func ask(_ question: String) async throws -> Bool {
        FileHandle.standardError.write(Data(TerminalText.escapedKeepingLines(question).utf8))
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while poll(&input, 1, 0) == 0 {
            try await Task.sleep(for: .milliseconds(100))
        }
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
