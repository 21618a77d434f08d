// Which nodes a command looks at: names, a label selector, or a group of the manifest.
import ArgumentParser

public struct NodeSelectionOptions: ParsableArguments, Sendable {
    @Argument(help: "Node names (default: every node that matches -l/--group).")
    public var nodes: [String] = []

    @Option(name: [.customShort("l"), .customLong("selector")], help: "Label selector for nodes, as in kubectl (e.g. -l nodegroup=gpu).")
    public var selector: String?

    @Option(name: .customLong("group"), help: "Only nodes of this manifest group (repeatable).")
    public var groups: [String] = []

    public init() {}

    public func validate() throws {
        if let selector, selector.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("-l/--selector must not be empty")
        }
    }
}
