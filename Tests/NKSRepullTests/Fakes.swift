// In-memory stand-ins for the cluster and the nodes: they answer from fixed data and
// record what the engine asked them to do.
import Foundation
import NKSCore
@testable import NKSRepull

final class FakeCluster: KubernetesAPI, @unchecked Sendable {
    let lock = NSLock()
    var rawAnswers: [String: String] = [:]
    private(set) var deleted: [String] = []
    /// Objects created; repull creates none, and tests may assert so.
    private(set) var created: [String] = []
    private(set) var patches: [(String, String)] = []

    init(raw: [String: String] = [:]) { rawAnswers = raw }

    func list<T: KubernetesObject>(_ type: T.Type, namespace: NamespaceScope, labelSelector: String?, fieldSelector: String?) async throws -> [T] { [] }
    func get<T: KubernetesObject>(_ type: T.Type, name: String, namespace: String?) async throws -> T { throw RepairFailure("not found") }
    func raw(_ path: String) async throws -> Data {
        guard let answer = lock.withLock({ rawAnswers[path] }) else { throw RepairFailure("not found: \(path)") }
        return Data(answer.utf8)
    }
    func logs(pod: String, namespace: String?, container: String?, previous: Bool, tailLines: Int?) async throws -> PodLogs {
        PodLogs(command: "", exitCode: 0, output: Data(), standardError: "")
    }
    func delete(resource: String, name: String, namespace: String?) async throws {
        lock.withLock { deleted.append("\(resource)/\(namespace ?? "")/\(name)") }
    }
    func create(_ object: Data, namespace: String?) async throws -> Data {
        lock.withLock { created.append(String(decoding: object, as: UTF8.self)) }
        return object
    }
    func patch(resource: String, name: String, namespace: String?, patch: Data, type: PatchType) async throws -> Data {
        lock.withLock { patches.append(("\(resource)/\(namespace ?? "")/\(name)", String(decoding: patch, as: UTF8.self))) }
        return Data("{}".utf8)
    }
    func contexts() async throws -> [KubeContext] { [] }
    func currentContext() async throws -> String? { nil }
}

final class FakeNodes: NodeTransport, @unchecked Sendable {
    let lock = NSLock()
    private(set) var scripts: [(String, String)] = []
    var failing: Set<String> = []
    /// Scripts running on each node right now, and whether two ever ran on one node at once.
    private var running: [String: Int] = [:]
    private(set) var overlapped = false
    let delay: Duration

    init(failing: Set<String> = [], delay: Duration = .zero) {
        self.failing = failing
        self.delay = delay
    }

    func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        lock.withLock {
            scripts.append((node.name, script))
            running[node.name, default: 0] += 1
            if running[node.name]! > 1 { overlapped = true }
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        lock.withLock { running[node.name]! -= 1 }
        let fails = lock.withLock { failing.contains(node.name) }
        return RemoteResult(exitCode: fails ? 1 : 0, standardOutput: Data(), standardError: fails ? Data("pull failed: connection refused\n".utf8) : Data())
    }
    func shutdown() async {}
}

enum Fixture {
    static func node(_ name: String, runtime: String, kubelet: String = "v1.28.5") -> Node {
        Node(metadata: ObjectMeta(name: name), status: .init(addresses: [.init(type: .internalIP, address: "10.0.0.1")],
                                                             nodeInfo: .init(kubeletVersion: kubelet, containerRuntimeVersion: runtime)))
    }

    static func pod(_ name: String, node: String?, image: String, reason: String, message: String?,
                    initImage: String? = nil, owner: OwnerReference? = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-7d9c", uid: "u1", controller: true)) -> Pod {
        var initContainers: [Pod.Container]? = nil
        var initStatuses: [ContainerStatus]? = nil
        if let initImage {
            initContainers = [Pod.Container(name: "init", image: initImage)]
            initStatuses = [ContainerStatus(name: "init", image: initImage, state: .init(waiting: .init(reason: reason, message: message)))]
        }
        let appState: ContainerState = initImage == nil ? .init(waiting: .init(reason: reason, message: message)) : .init(waiting: .init(reason: "PodInitializing"))
        return Pod(metadata: ObjectMeta(name: name, namespace: "shop", ownerReferences: owner.map { [$0] }),
                   spec: .init(nodeName: node, containers: [Pod.Container(name: "app", image: image)], initContainers: initContainers, serviceAccountName: "web"),
                   status: .init(phase: "Pending", containerStatuses: [ContainerStatus(name: "app", image: image, state: appState)], initContainerStatuses: initStatuses))
    }

    static func event(pod: String, container: String = "app", reason: String, message: String, at seconds: TimeInterval) -> Event {
        Event(metadata: ObjectMeta(name: "\(pod).\(Int(seconds))", namespace: "shop"),
              involvedObject: ObjectReference(kind: "Pod", name: pod, namespace: "shop", fieldPath: "spec.containers{\(container)}"),
              reason: reason, message: message, type: reason == "BackOff" ? "Normal" : "Warning",
              lastTimestamp: Date(timeIntervalSince1970: seconds))
    }
}
