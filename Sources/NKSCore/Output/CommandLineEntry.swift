// The entry point every executable calls. On Linux, `await Command.main()` from a
// main.swift resolves to swift-argument-parser's synchronous main, which refuses async
// commands; parsing and running explicitly works everywhere.
import ArgumentParser

extension AsyncParsableCommand {
    public static func runFromCommandLine() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
