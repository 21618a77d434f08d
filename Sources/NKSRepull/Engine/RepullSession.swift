// Gathers what a run needs (pods, their events, the nodes they run on) in concurrent
// reads, finds the failing pulls and makes the plan.
import Foundation
import NKSCore

public struct RepullSession: Sendable {
    public var api: any KubernetesAPI
    public var settings: RepairSettings

    public init(api: any KubernetesAPI, settings: RepairSettings) {
        self.api = api
        self.settings = settings
    }

    public func plan(podNames: [String], selector: String?, scope: NamespaceScope) async throws -> (RepullPlan, [Node]) {
        async let podList = api.list(Pod.self, namespace: scope, labelSelector: selector, fieldSelector: nil)
        async let eventList = api.list(Event.self, namespace: scope, labelSelector: nil, fieldSelector: "involvedObject.kind=Pod")
        async let nodeList = api.list(Node.self, namespace: .all, labelSelector: nil, fieldSelector: nil)
        var pods = try await podList
        if !podNames.isEmpty {
            let missing = podNames.filter { name in !pods.contains { $0.metadata.name == name } }
            if let first = missing.first {
                throw RepairFailure("pod \(first.debugDescription) not found in the namespace; check the name and -n")
            }
            pods = pods.filter { podNames.contains($0.metadata.name) }
        }
        let failures = PullFailureFinder.find(pods: pods, events: try await eventList)
        let nodes = try await nodeList
        let plan = try await RepullPlanner(api: api, settings: settings).plan(failures: failures, pods: pods, nodes: nodes)
        return (plan, nodes)
    }
}

extension RepairFailure: CustomStringConvertible {
    public var description: String { message }
}
