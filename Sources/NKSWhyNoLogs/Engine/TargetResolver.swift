// Turns POD / -l / --job / --cronjob into the pods to explain. Pods that are gone are found
// by name in their Job's events ("Created pod: NAME") and a CronJob's ("Created job NAME").
import Foundation
import NKSCore

public struct TargetRequest: Sendable, Hashable {
    public var pod: String?
    public var container: String?
    public var previous = false
    public var selector: String?
    public var job: String?
    public var cronJob: String?
}

public struct TargetResolver: Sendable {
    public var api: any KubernetesAPI
    public var namespace: String
    public var allNamespaces = false

    public func resolve(_ request: TargetRequest) async throws -> ([LogTarget], OwnerHint?) {
        let make = { (ns: String, pod: String) in LogTarget(namespace: ns, pod: pod, container: request.container, previous: request.previous) }
        if let pod = request.pod { return ([make(namespace, pod)], nil) }
        if let selector = request.selector {
            let pods = try await api.list(Pod.self, namespace: allNamespaces ? .all : .named(namespace), labelSelector: selector, fieldSelector: nil)
            guard !pods.isEmpty else { throw ResolveError(message: "no pods match -l \(selector) in \(allNamespaces ? "any namespace" : "namespace \(namespace)")") }
            return (pods.map { make($0.metadata.namespace ?? namespace, $0.metadata.name) }, nil)
        }
        if let job = request.job {
            let names = try await podNames(ofJob: job)
            guard !names.isEmpty else { throw ResolveError(message: "no pods of Job \(job) in namespace \(namespace), and no events that name them (events expire after an hour); give the pod's name") }
            return (names.map { make(namespace, $0) }, OwnerHint(job: job))
        }
        if let cronJob = request.cronJob {
            var names: [String] = []
            for job in try await jobNames(ofCronJob: cronJob) {
                names += try await podNames(ofJob: job)
            }
            guard !names.isEmpty else { throw ResolveError(message: "no pods of CronJob \(cronJob) in namespace \(namespace), and no events that name them (events expire after an hour); give the pod's name") }
            return (names.map { make(namespace, $0) }, OwnerHint(cronJob: cronJob))
        }
        return ([], nil)
    }

    /// Live pods by the job-name label, plus pods the job controller's events name.
    func podNames(ofJob job: String) async throws -> [String] {
        let live = try await api.list(Pod.self, namespace: .named(namespace), labelSelector: "job-name=\(job)", fieldSelector: nil).map(\.metadata.name)
        let events = try await api.list(Event.self, namespace: .named(namespace), labelSelector: nil, fieldSelector: "involvedObject.kind=Job,involvedObject.name=\(job)")
        let created = events.compactMap { Self.name(in: $0, after: "Created pod: ") }
        return Self.unique(live + created)
    }

    /// Jobs the CronJob owns now, plus Jobs its events say it created (deleted ones too).
    func jobNames(ofCronJob cronJob: String) async throws -> [String] {
        let jobs = try await api.list(Job.self, namespace: .named(namespace), labelSelector: nil, fieldSelector: nil)
            .filter { $0.metadata.controller?.kind == "CronJob" && $0.metadata.controller?.name == cronJob }.map(\.metadata.name)
        let events = try await api.list(Event.self, namespace: .named(namespace), labelSelector: nil, fieldSelector: "involvedObject.kind=CronJob,involvedObject.name=\(cronJob)")
        let created = events.compactMap { Self.name(in: $0, after: "Created job ") }
        return Self.unique(jobs + created)
    }

    static func name(in event: Event, after prefix: String) -> String? {
        guard let message = event.message, let range = message.range(of: prefix) else { return nil }
        let name = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        return name.isEmpty ? nil : String(name)
    }

    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}

struct ResolveError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
