// NodeConfigState's encoding: the shape the CRD's schema describes, and small enough
// (about 1 KiB of status for a node with 20 managed files) that paged lists of thousands
// stay cheap.
import Foundation
import Testing
@testable import NKSCore

@Suite struct NodeConfigStateTests {
    static let paths = (0..<20).map { "/etc/logrotate.d/app\($0)" }

    static func twentyEntryState(drifted: Int = 0) -> NodeConfigState {
        var state = NodeConfigState.forNode(name: "worker-0042", uid: "3f1c2a9e-5b7d-4c1e-9a2f-0d6b8e4f7a11",
                                            spec: .init(desiredRevision: "4b825dc642cb"))
        let entries = paths.enumerated().map { index, path in
            index < drifted
                ? NodeConfigState.Entry(path: path, state: "drifted", sha256: String(repeating: "ab", count: 32))
                : NodeConfigState.Entry(path: path, state: "in-sync")
        }
        state.status = .init(
            agentVersion: "0.9.0", observedRevision: "4b825dc642cb", appliedRevision: "4b825dc642cb",
            phase: drifted > 0 ? .degraded : .applied, entries: entries,
            message: drifted > 0 ? "\(drifted) entries drifted" : "20 entries in sync",
            lastCheckTime: Date(timeIntervalSince1970: 1_780_000_000))
        return state
    }

    @Test func twentyInSyncEntriesEncodeToAboutOneKibibyte() throws {
        let state = Self.twentyEntryState()
        let status = try KubernetesJSON.encoder().encode(state.status)
        let object = try KubernetesJSON.encoder().encode(state)
        // 20 paths of 21-22 characters: about 1.25 KiB of status, 1.5 KiB with the object's
        // name, owner and spec (the server adds its metadata on top).
        #expect((1000...1400).contains(status.count), "status encoded to \(status.count) bytes")
        #expect(object.count <= 1700, "object encoded to \(object.count) bytes")
    }

    @Test func driftedEntriesCarryFullDigestsAndStaySmall() throws {
        let state = Self.twentyEntryState(drifted: 3)
        let object = try KubernetesJSON.encoder().encode(state)
        #expect(object.count < 2048, "object encoded to \(object.count) bytes")
        let text = String(decoding: object, as: UTF8.self)
        #expect(text.components(separatedBy: "\"sha256\"").count - 1 == 3)
    }

    @Test func encodesTheCRDsFieldNamesAndRoundTrips() throws {
        let state = Self.twentyEntryState(drifted: 1)
        let data = try KubernetesJSON.encoder().encode(state)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["apiVersion"] as? String == "nks-sync.kubectl-nks.io/v1alpha1")
        #expect(object["kind"] as? String == "NodeConfigState")
        let status = try #require(object["status"] as? [String: Any])
        #expect(Set(status.keys) == ["agentVersion", "observedRevision", "appliedRevision", "phase", "entries", "message", "lastCheckTime"])
        #expect(status["phase"] as? String == "Degraded")
        let first = try #require((status["entries"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["path", "state", "sha256"])
        let owner = try #require((object["metadata"] as? [String: Any])?["ownerReferences"] as? [[String: Any]])
        #expect(owner.first?["kind"] as? String == "Node")
        #expect(owner.first?["name"] as? String == "worker-0042")
        let decoded = try KubernetesJSON.decoder().decode(NodeConfigState.self, from: data)
        #expect(decoded == state)
    }
}
