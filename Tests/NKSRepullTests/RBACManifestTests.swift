// deploy/rbac/nks-repull.yaml grants each use of nks-repull only what it needs: reading is
// cluster-wide, deleting pods is the repair role's one write, and patching workload templates
// (--fix-manifests) is a namespaced Role, never a ClusterRole.
import Foundation
import Testing
import Yams
@testable import NKSRepull

private struct Rule { var groups: [String]; var resources: [String]; var verbs: [String] }
private struct Role { var kind: String; var name: String; var namespace: String?; var rules: [Rule] }

private func roles() throws -> [Role] {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/rbac/nks-repull.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    return try Yams.load_all(yaml: text).compactMap { document -> Role? in
        guard let object = document as? [String: Any], let kind = object["kind"] as? String, kind.hasSuffix("Role") else { return nil }
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let rules = (object["rules"] as? [[String: Any]] ?? []).map {
            Rule(groups: $0["apiGroups"] as? [String] ?? [], resources: $0["resources"] as? [String] ?? [], verbs: $0["verbs"] as? [String] ?? [])
        }
        return Role(kind: kind, name: metadata["name"] as? String ?? "", namespace: metadata["namespace"] as? String, rules: rules)
    }
}

@Test func onlyANamespacedRoleMayPatchWorkloads() throws {
    let all = try roles()
    #expect(Set(all.map(\.name)) == ["nks-repull-read", "nks-repull-repair", "nks-repull-fix-manifests"])
    for role in all where role.kind == "ClusterRole" {
        let writes = role.rules.filter { !Set($0.verbs).isSubset(of: ["get", "list", "watch"]) }
        if role.name == "nks-repull-repair" {
            #expect(writes.map(\.resources) == [["pods"]] && writes.map(\.verbs) == [["delete"]], "\(role.name)")
        } else {
            #expect(writes.isEmpty, "\(role.name) writes: \(writes.map(\.resources))")
        }
    }
    let fix = try #require(all.first { $0.name == "nks-repull-fix-manifests" })
    #expect(fix.kind == "Role")
    // The workloads whose template the planner patches, and nothing more.
    let patched = Set(OwnerResolver.paths.values.map(\.resource)).subtracting(["replicasets"])
    #expect(Set(fix.rules.flatMap(\.resources)) == patched)
    #expect(Set(fix.rules.flatMap(\.verbs)).isSubset(of: ["get", "patch"]))
}
