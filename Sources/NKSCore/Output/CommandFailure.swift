// Turns any error that escapes a command into kubectl's way of failing: one line
// `error: …` on stderr and the documented exit code, never a stack or a debug dump.
import ArgumentParser
import Foundation

public enum CommandFailure {
    /// Runs a command's body; errors other than exit codes and usage errors (which
    /// swift-argument-parser already prints well) become one line and exit 2.
    public static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            printError(error)
            throw ExitStatus.failure
        }
    }

    public static func printError(_ error: any Error) {
        // Messages quote git, kubectl, nodes and the API server: control characters in them
        // are shown escaped, never sent to the operator's terminal.
        let text = "\(error)".split(separator: "\n").map { "error: " + TerminalText.escaped(String($0)) }.joined(separator: "\n")
        StandardError.writeLine(text)
    }
}
