// The whole of a `kubectl_complete-<plugin>` executable: read the words kubectl passes,
// answer in cobra's protocol, and never let an error reach the candidate list.
import ArgumentParser
import Foundation

public enum CompletionMain {
    public static func run(
        _ command: any ParsableCommand.Type,
        catalog: ValueCatalog,
        arguments: [String] = Array(CommandLine.arguments.dropFirst())
    ) async {
        let completion: Completion
        if let root = try? CommandNode.describing(command) {
            completion = await CompletionEngine(root: root, catalog: catalog, lookups: LiveLookups()).complete(arguments)
        } else {
            completion = .nothing
        }
        FileHandle.standardOutput.write(Data(completion.rendered.utf8))
    }
}
