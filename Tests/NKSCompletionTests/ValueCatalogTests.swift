// Every value a plugin takes is either listed by its definition (an enum) or has a
// source in the plugin's catalog, so a new option cannot be silently left without
// completion: this fails until it is classified.
import NKSCompletion
import Testing

struct ValueCatalogTests {
    @Test(arguments: Plugin.allCases)
    func everyValueHasASource(_ plugin: Plugin) throws {
        var unclassified: [String] = []
        func visit(_ command: CommandNode, path: String) {
            for argument in command.arguments where argument.takesValue && (argument.allValues ?? []).isEmpty && argument.pathKind == nil {
                // The library's `help` subcommand takes command names.
                if command.commandName == "help" { continue }
                if plugin.catalog.source(for: argument) == nil { unclassified.append("\(path): \(argument.key)") }
            }
            for subcommand in command.subcommands { visit(subcommand, path: path + " " + subcommand.commandName) }
        }
        let tree = try plugin.tree
        visit(tree, path: tree.commandName)
        #expect(unclassified == [])
    }

    @Test func theTreeIsReadFromTheDefinitions() throws {
        let sync = try Plugin.sync.tree
        #expect(sync.commandName == "kubectl nks-sync")
        let status = try #require(sync.subcommand(named: "status"))
        let namespace = try #require(status.argument(spelled: "-n"))
        #expect(namespace.key == "namespace")
        #expect(namespace.kind == .option)
        let output = try #require(status.argument(spelled: "--output"))
        #expect(output.allValues == ["table", "wide", "json", "yaml", "name"])
        #expect(status.positionals.map(\.key) == ["nodes"])
    }
}
