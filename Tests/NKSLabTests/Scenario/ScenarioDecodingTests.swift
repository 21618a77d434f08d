// Scenario files: the shipped ones decode, bad ones are rejected with file and reason, and
// defaults/groups/overrides resolve per node as documented.
import Foundation
import Testing
@testable import NKSLab

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let shippedScenarios = repositoryRoot.appendingPathComponent("scenarios")

@Suite struct ScenarioDecodingTests {
    @Test(arguments: ["basic", "drift"])
    func shippedScenarioLoads(name: String) throws {
        let scenario = try ScenarioLoader.load(name, searching: [shippedScenarios])
        #expect(scenario.name == name)
        let node = try scenario.resolveNode(index: 1)
        #expect(node.spec.files?["/etc/logrotate.d/docker"]?.content.contains("maxsize 100M") == true)
        #expect(node.spec.files?["/etc/default/grub"]?.content.contains("cgroup.memory=nokmem") == true)
        #expect(node.spec.cmdline?.contains("cgroup.memory=nokmem") == true)
    }

    @Test func basicLogrotateIsTheGuideCanonicalFile() throws {
        let scenario = try ScenarioLoader.load("basic", searching: [shippedScenarios])
        let content = try #require(scenario.resolveNode(index: 2).spec.files?["/etc/logrotate.d/docker"]?.content)
        let seed = try String(contentsOfFile: "/work/shared/seeds/000_f57689053f727a7a.txt", encoding: .utf8)
        let lines = seed.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("/var/lib/docker/containers") })
        let end = try #require(lines[start...].firstIndex { $0 == "}" })
        #expect(content == lines[start...end].joined(separator: "\n") + "\n")
    }

    @Test func driftScenarioDriftsAboutOneNodeInTen() throws {
        let scenario = try ScenarioLoader.load("drift", searching: [shippedScenarios])
        let nodes = try scenario.resolveNodes(count: 100)
        func withoutLabels(_ spec: NodeSpec) -> NodeSpec { var spec = spec; spec.labels = nil; return spec }
        let base = withoutLabels(try scenario.resolveNode(index: 1).spec)
        let drifted = nodes.filter { withoutLabels($0.spec) != base }
        #expect(drifted.map(\.index) == [3, 7, 11, 15, 19, 27, 31, 38, 53, 65])
        #expect(nodes[6].spec.files?["/etc/logrotate.d/docker"] == nil)
        #expect(nodes[10].state == .unreadable && nodes[10].spec.files?["/etc/logrotate.d/docker"]?.mode == "0000")
        #expect(nodes[14].spec.files?["/etc/default/grub"]?.content.contains("nokmem") == false)
        #expect(nodes[18].spec.files?["/etc/default/grub"]?.content.contains("nokmem") == true && nodes[18].spec.cmdline?.contains("nokmem") == false)
        #expect(nodes[30].state == .unreachable && nodes[37].state == .hostKeyChanged)
    }

    @Test func groupsLabelNodesAndLaterLayersWin() throws {
        let scenario = try ScenarioLoader.decode("""
            name: layers
            defaults:
              labels: {tier: base}
              files:
                /etc/a: {content: "default\\n"}
                /etc/b: {content: "b\\n"}
            nodeGroups:
              - name: pool-a
                nodes: {indexes: "1-2"}
                labels: {tier: a}
            overrides:
              - nodes: {names: "worker-2"}
                spec:
                  files: {/etc/a: {content: "edited\\n"}}
                  removeFiles: [/etc/b]
            """, file: "layers.yaml")
        let nodes = try scenario.resolveNodes(count: 3)
        #expect(nodes.map { $0.spec.labels?["tier"] } == ["a", "a", "base"])
        #expect(nodes.map { $0.spec.labels?["nks-lab/node-group"] } == ["pool-a", "pool-a", nil])
        #expect(nodes.map { $0.spec.files?["/etc/a"]?.content } == ["default\n", "edited\n", "default\n"])
        #expect(nodes[1].spec.files?["/etc/b"] == nil && nodes[1].spec.removeFiles == ["/etc/b"])
        #expect(nodes[0].spec.files?["/etc/b"] != nil)
    }

    struct BadScenario: Sendable, CustomStringConvertible {
        var yaml: String
        var problem: String
        var description: String { problem }
    }

    @Test(arguments: [
        BadScenario(yaml: "description: no name\n", problem: "the top level lacks the required field 'name'"),
        BadScenario(yaml: "name: x\nnodeCount: 0\n", problem: "nodeCount must be at least 1, not 0"),
        BadScenario(yaml: "name: x\nnodeNames: worker\n", problem: "nodeNames 'worker' must contain {index}"),
        BadScenario(yaml: "name: x\ndefaults:\n  files:\n    /usr/bin/x: {content: a}\n", problem: "defaults: file /usr/bin/x is not under /etc/, /var/lib/ or /var/log/"),
        BadScenario(yaml: "name: x\ndefaults:\n  files:\n    /etc/x: {content: a, mode: \"rw\"}\n", problem: "defaults: file /etc/x has mode 'rw'"),
        BadScenario(yaml: "name: x\noverrides:\n  - nodes: {}\n    spec: {}\n", problem: "overrides[0]: a node selector needs one of all, indexes, every or names"),
        BadScenario(yaml: "name: x\noverrides:\n  - nodes: {indexes: \"3-1\"}\n    spec: {}\n", problem: "overrides[0]: indexes '3-1' must be numbers or ranges"),
        BadScenario(yaml: "name: x\ndefaults:\n  state: sleepy\n", problem: "defaults.state"),
        BadScenario(yaml: "name: x\nobjects:\n  - kind: Pod\n", problem: "objects[0] needs apiVersion, kind and metadata.name"),
        BadScenario(yaml: "name: x\npodLogs:\n  - {namespace: d, pod: p}\n", problem: "podLogs[0] (p) needs exactly one of text, status or bodyWithSuccess"),
        BadScenario(yaml: "name: [unclosed\n", problem: "bad.yaml"),
    ])
    func invalidScenarioIsRejectedWithFileAndReason(_ bad: BadScenario) throws {
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.decode(bad.yaml, file: "bad.yaml") }
        #expect(error.file == "bad.yaml")
        #expect(error.description.contains(bad.problem), "\(error.description)")
        #expect(error.description.hasPrefix("scenario bad.yaml: ") && !error.description.contains("\n"))
    }

    @Test func unknownScenarioNameSaysWhereItLooked() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load("nope", searching: [shippedScenarios]) }
        #expect(error?.description.contains(shippedScenarios.path) == true)
    }

    @Test(arguments: [
        (NodeSelector(indexes: "1-3,7"), [1, 2, 3, 7]),
        (NodeSelector(every: 5, offset: 2), [2, 7]),
        (NodeSelector(every: 5), [5, 10]),
        (NodeSelector(names: "worker-1?"), [10]),
        (NodeSelector(all: true), Array(1...10)),
    ])
    func selectorPicksNodes(selector: NodeSelector, expected: [Int]) throws {
        let picked = try (1...10).filter { try selector.selects(index: $0, name: "worker-\($0)") }
        #expect(picked == expected)
    }
}
