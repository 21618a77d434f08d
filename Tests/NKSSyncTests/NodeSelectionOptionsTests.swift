// Node selection flags read as kubectl's: -l/--selector, node names, manifest groups.
import ArgumentParser
import Testing
@testable import NKSSync

@Suite struct NodeSelectionOptionsTests {
    @Test(arguments: [["-l", "nodegroup=gpu"], ["--selector", "nodegroup=gpu"], ["--selector=nodegroup=gpu"]])
    func selectorAsInKubectl(_ arguments: [String]) throws {
        #expect(try NodeSelectionOptions.parse(arguments).selector == "nodegroup=gpu")
    }

    @Test func anEmptySelectorIsRefusedNamingTheFlag() {
        #expect(throws: (any Error).self) { try NodeSelectionOptions.parse(["-l", " "]) }
    }
}
