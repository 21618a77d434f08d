// The gatherer against a recording fake API and node shell: narrow queries, the node log
// query's HTML listing falling back to the journal, and a node that is gone.
import Foundation
import NKSCore
import Testing
@testable import NKSWhyNoLogs

final class FakeAPI: KubernetesAPI, @unchecked Sendable {
    private let lock = NSLock()
    private var _requests: [String] = []
    var pods: [String: Pod] = [:]
    var nodes: [String: Node] = [:]
    var events: [Event] = []
    var rawAnswers: [String: String] = [:]
    var logAnswer = PodLogs(command: "kubectl logs", exitCode: 0, output: Data(), standardError: "")

    var requests: [String] { lock.withLock { _requests } }
    private func record(_ request: String) { lock.withLock { _requests.append(request) } }

    func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope, labelSelector: String?, fieldSelector: String?) async throws -> [T] {
        record("list \(T.resource) \(namespace) field=\(fieldSelector ?? "-") label=\(labelSelector ?? "-")")
        guard T.self == Event.self else { return [] }
        let wanted = fieldSelector?.split(separator: ",").map { $0.split(separator: "=").map(String.init) } ?? []
        return events.filter { event in
            wanted.allSatisfy { pair in
                switch pair[0] {
                case "involvedObject.kind": return event.involvedObject.kind == pair[1]
                case "involvedObject.name": return event.involvedObject.name == pair[1]
                default: return true
                }
            }
        } as! [T]
    }

    func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String?) async throws -> T {
        record("get \(T.resource) \(name)")
        if T.self == Pod.self, let pod = pods[name] { return pod as! T }
        if T.self == Node.self, let node = nodes[name] { return node as! T }
        throw KubectlError.notFound(resource: T.resource, name: name, message: "\(T.resource) \"\(name)\" not found")
    }

    func raw(_ path: String) async throws -> Data {
        record("raw \(path)")
        guard let key = rawAnswers.keys.first(where: { path.hasPrefix($0) }) else {
            throw KubectlError.notFound(resource: nil, name: nil, message: "the server could not find the requested resource")
        }
        return Data(rawAnswers[key]!.utf8)
    }

    func logs(pod: String, namespace: String?, container: String?, previous: Bool, tailLines: Int?) async throws -> PodLogs {
        record("logs \(pod) tail=\(tailLines.map(String.init) ?? "-")")
        return logAnswer
    }

    func delete(resource: String, name: String, namespace: String?) async throws { Issue.record("the gatherer must not delete") }
    func create(_ object: Data, namespace: String?) async throws -> Data { Issue.record("the gatherer must not create"); return Data() }
    func patch(resource: String, name: String, namespace: String?, patch: Data, type: PatchType) async throws -> Data { Issue.record("the gatherer must not patch"); return Data() }
    func contexts() async throws -> [KubeContext] { [] }
    func currentContext() async throws -> String? { nil }
}

final class FakeShell: NodeShell, @unchecked Sendable {
    private let lock = NSLock()
    private var _commands: [String] = []
    var journal = ""
    var commands: [String] { lock.withLock { _commands } }

    func run(_ commands: [NamedCommand], on node: Node) async throws -> [String: ShellOutput] {
        lock.withLock { _commands += commands.map(\.command) }
        var results: [String: ShellOutput] = [:]
        for command in commands {
            let journalRead = command.name == "journal"
            results[command.name] = ShellOutput(exitCode: journalRead ? 0 : 1, outputText: journalRead ? journal : "container \"x\": not found")
        }
        return results
    }
}

private func seedAPI() -> FakeAPI {
    let api = FakeAPI()
    let seed = Fixture.seed()
    api.pods["hello-26fmz"] = seed.pod
    api.nodes["worker-1"] = seed.node
    api.logAnswer = seed.read.map { _ in PodLogs(command: "kubectl logs", exitCode: 0, output: Data("unable to retrieve container logs for containerd://\(Fixture.id)\n".utf8), standardError: "") }!
    api.events = [Event(metadata: ObjectMeta(name: "e1", namespace: "default"), involvedObject: ObjectReference(kind: "Node", name: "worker-1"), reason: "EvictionThresholdMet", message: "Attempting to reclaim ephemeral-storage", type: "Warning", lastTimestamp: Fixture.date("2023-04-10T10:38:39Z"))]
    // Node log query disabled: the kubelet's directory listing of /var/log.
    api.rawAnswers["/api/v1/nodes/worker-1/proxy/logs/"] = "<pre>\n<a href=\"containers/\">containers/</a>\n<a href=\"pods/\">pods/</a>\n</pre>\n"
    return api
}

@Test func fallsBackToTheJournalAndAsksNarrowly() async throws {
    let api = seedAPI()
    let shell = FakeShell()
    shell.journal = """
    2023-04-10T10:38:39.199718+0000 worker-1 kubelet[5148]: I0410 10:38:39.199718    5148 eviction_manager.go:338] "Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"
    2023-04-10T10:38:39.203363+0000 worker-1 kubelet[5148]: I0410 10:38:39.203363    5148 scope.go:110] "RemoveContainer" containerID="\(Fixture.id)"

    """
    let e = try await EvidenceGatherer(api: api, shell: shell, now: { Fixture.date("2023-04-10T12:00:00Z") }).gather(LogTarget(namespace: "batch", pod: "hello-26fmz"))
    #expect(e.kubeletLogSource == .journal)
    #expect(e.kubeletLines.count == 2)
    #expect(e.runtimeHasContainer == false)
    #expect(e.notes.contains { $0.contains("node log query is disabled on worker-1") })
    #expect(Diagnosis(e).cause == .containerGCDiskPressure)

    let requests = api.requests
    #expect(requests.contains("logs hello-26fmz tail=10"))
    #expect(requests.contains("list events named(\"batch\") field=involvedObject.kind=Pod,involvedObject.name=hello-26fmz label=-"))
    #expect(requests.contains("list events named(\"default\") field=involvedObject.kind=Node,involvedObject.name=worker-1 label=-"))
    #expect(requests.contains { $0.hasPrefix("raw /api/v1/nodes/worker-1/proxy/logs/?query=kubelet&sinceTime=2023-04-10T09:25:25Z") })
    // Nothing is listed without a selector.
    #expect(!requests.contains { $0.hasPrefix("list") && $0.contains("field=-") && $0.contains("label=-") })
    #expect(shell.commands.contains("crictl inspect '\(Fixture.id)'"))
    #expect(shell.commands.contains { $0.hasPrefix("journalctl -u kubelet --no-pager --utc -o short-iso-precise --since @") })
}

@Test func aGoneNodeIsNotContactedOverTheTransport() async throws {
    let api = seedAPI()
    api.nodes = [:]
    let shell = FakeShell()
    let e = try await EvidenceGatherer(api: api, shell: shell, now: { Fixture.date("2023-04-10T12:00:00Z") }).gather(LogTarget(namespace: "batch", pod: "hello-26fmz"))
    #expect(e.nodeMissing)
    #expect(shell.commands.isEmpty)
    #expect(Diagnosis(e).cause == .nodeGone)
}
