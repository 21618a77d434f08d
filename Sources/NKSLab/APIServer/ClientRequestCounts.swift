// How many requests one client made, by RBAC verb: the measure of what a design costs the
// API server (one paged LIST versus thousands of GETs, a watch versus polling), which
// tests and benchmarks read through ClusterState or `GET /lab/request-counts`.
import Foundation

public struct ClientRequestCounts: Sendable, Hashable {
    public private(set) var total = 0
    /// "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection";
    /// discovery and other non-resource requests count as "get".
    public private(set) var byVerb: [String: Int] = [:]

    public init() {}

    mutating func count(verb: String) {
        total += 1
        byVerb[verb, default: 0] += 1
    }

    var document: JSONValue {
        ["total": .number(Double(total)), "byVerb": .object(byVerb.mapValues { .number(Double($0)) })]
    }
}
