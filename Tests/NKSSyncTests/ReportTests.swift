import Foundation
import Testing
@testable import NKSCore
@testable import NKSStore
@testable import NKSSync

@Suite struct ReportTests {
    func drifted(_ node: String, actual: String, desired: String = "rotate 10\n") -> (node: String, status: EntryStatus) {
        (node, EntryStatus(path: "/etc/logrotate.d/docker", kind: "file", state: .drifted, detail: "content differs", desired: desired, actual: actual))
    }

    @Test func groupsNodesWithIdenticalDiffs() {
        let statuses = (1...37).map { drifted("worker-\($0)", actual: "rotate 5\n") }
            + [drifted("worker-99", actual: "rotate 7\n")]
            + [("worker-100", EntryStatus(path: "/etc/logrotate.d/docker", kind: "file", state: .inSync, detail: "", desired: "rotate 10\n", actual: "rotate 10\n"))]
        let report = DiffReport(statuses)
        #expect(report.groups.map(\.nodes.count) == [37, 1])
        let text = report.render()
        #expect(text.hasPrefix("# /etc/logrotate.d/docker — 37 nodes: worker-1, worker-2, worker-3, worker-4, worker-5, worker-6, worker-7, worker-8, … (+29)\n--- node:/etc/logrotate.d/docker\n+++ store:/etc/logrotate.d/docker\n@@ -1 +1 @@\n-rotate 5\n+rotate 10\n"))
        #expect(text.contains("# /etc/logrotate.d/docker — 1 node: worker-99\n"))
    }

    @Test func aWhitespaceOnlyDifferenceIsNamedInTheHeader() {
        let report = DiffReport([drifted("worker-1", actual: "{\nrotate 10\n}\n", desired: "{\n    rotate 10\n}\n"),
                                 drifted("worker-2", actual: "{\nrotate 5\n}\n", desired: "{\n    rotate 10\n}\n")])
        let text = report.render()
        #expect(text.contains("# /etc/logrotate.d/docker (whitespace only) — 1 node: worker-1\n--- node:"))
        #expect(text.contains("# /etc/logrotate.d/docker — 1 node: worker-2\n--- node:"))
    }

    @Test func missingFilesDiffAgainstDevNull() {
        let report = DiffReport([("worker-1", EntryStatus(path: "/etc/x", kind: "file", state: .missing, detail: "absent", desired: "a\n", actual: nil))])
        #expect(report.render().contains("--- /dev/null\n+++ store:/etc/x\n@@ -0,0 +1 @@\n+a\n"))
    }

    @Test func escapeSequencesFromNodesAreShownNotInterpreted() {
        let report = DiffReport([drifted("evil", actual: "rotate 5\u{1B}]0;owned\u{07}\n")])
        let text = report.render()
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\u{1b}]0;owned\\u{7}"))
    }

    @Test func statusJSONHasTheDocumentedShape() throws {
        let report = StatusReport(revision: "abc123", nodes: [
            .init(name: "worker-1", cluster: nil, group: "workers", reachable: true, appliedRevision: "abc123", error: nil, entries: [
                .init(path: "/etc/default/grub", kind: "kernel-args", state: .pendingReboot, detail: "/proc/cmdline lacks cgroup.memory=nokmem; reboot to apply"),
            ]),
        ])
        let json = try JSONSerialization.jsonObject(with: StructuredOutput.jsonData(report)) as! [String: Any]
        #expect(json["revision"] as? String == "abc123")
        let node = (json["nodes"] as! [[String: Any]])[0]
        #expect(Set(node.keys) == ["name", "group", "reachable", "appliedRevision", "entries"])
        let entry = (node["entries"] as! [[String: Any]])[0]
        #expect(entry["state"] as? String == "pending-reboot")
        #expect(Set(entry.keys) == ["path", "kind", "state", "detail"])
        #expect(report.hasDrift)
        #expect(report.summary == "1 node: 1 pending-reboot")
    }

    @Test func tablesSummariseNodesOrListEntries() {
        let report = StatusReport(revision: "r", nodes: [
            .init(name: "worker-1", cluster: nil, group: "workers", reachable: true, appliedRevision: "0123456789abcdef", error: nil, entries: [
                .init(path: "/etc/logrotate.d/docker", kind: "file", state: .inSync, detail: ""),
                .init(path: "/etc/default/grub", kind: "kernel-args", state: .drifted, detail: "GRUB_CMDLINE_LINUX lacks cgroup.memory=nokmem"),
            ]),
            .init(name: "worker-2", cluster: nil, group: "workers", reachable: false, appliedRevision: nil, error: "connection refused", entries: [
                .init(path: "/etc/logrotate.d/docker", kind: "file", state: .unreachable, detail: "connection refused"),
            ]),
        ])
        #expect(StatusTable.render(report, wide: false, showCluster: false).render() == """
        NODE       GROUP     APPLIED        IN-SYNC   STATE
        worker-1   workers   0123456789ab   1/2       drifted /etc/default/grub
        worker-2   workers   <none>         -         unreachable: connection refused

        """)
        let wide = StatusTable.render(report, wide: true, showCluster: true).render()
        #expect(wide.contains("worker-1   workers   /etc/default/grub"))
        #expect(wide.hasPrefix("CLUSTER   NODE"))
        #expect(report.summary == "2 nodes: 1 unreachable, 1 drifted")
    }
}
