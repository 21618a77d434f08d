// The API server overloaded or broken, through the real kubectl and the real plugin: a
// 429 with Retry-After is retried by kubectl's client, a 500 or 503 without one by the
// plugin (reads and value-setting patches only), and the run succeeds; an API server that
// stays broken stops the run before any node is written, with one line that carries the
// server's message and how often it was tried; a revision annotation that keeps failing
// fails that node, and a rerun records it.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct APIFaultTests {
    static let scenario = "name: api-faults\ndefaults:\n  files:\n    /etc/nks/app.conf: {content: \"old\\n\"}\n"
    static let manifest = "version: 1\nentries:\n  - path: /etc/nks/app.conf\n"
    static let canonical = ["/etc/nks/app.conf": "setting = new\n"]

    static func nodeLists(_ lab: Lab) async -> Int {
        await lab.state.recordedRequests().filter { $0.method == "GET" && $0.path == "/api/v1/nodes" }.count
    }

    @Test func tooManyRequestsWithRetryAfterIsRetriedAndTheRunSucceeds() async throws {
        try await withLab(yaml: Self.scenario, nodes: 2) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: Self.canonical)
            defer { store.remove() }
            await lab.state.inject(APIFault(method: "GET", pathPrefix: "/api/v1/nodes", code: 429, times: 2, retryAfterSeconds: 1))
            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 0, "\(push.standardOutputText)\(push.standardErrorText)")
            #expect(await Self.nodeLists(lab) == 3, "two refused lists and the one that answered")
            for node in ["worker-1", "worker-2"] {
                #expect(try await lab.readFile("/etc/nks/app.conf", on: node) == Self.canonical["/etc/nks/app.conf"])
            }
        }
    }

    @Test(arguments: [500, 503])
    func aServerErrorWithoutRetryAfterIsRetriedByThePlugin(code: Int) async throws {
        try await withLab(yaml: Self.scenario, nodes: 2) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: Self.canonical)
            defer { store.remove() }
            await lab.state.inject(APIFault(method: "GET", pathPrefix: "/api/v1/nodes", code: code, times: 2))
            await lab.state.inject(APIFault(method: "PATCH", pathPrefix: "/api/v1/nodes/worker-2", code: code, times: 1))
            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 0, "\(push.standardOutputText)\(push.standardErrorText)")
            #expect(await Self.nodeLists(lab) == 3, "two refused lists and the one that answered")
            for node in ["worker-1", "worker-2"] {
                #expect(try await lab.readFile("/etc/nks/app.conf", on: node) == Self.canonical["/etc/nks/app.conf"])
                let annotation = try await store.kubectl(["get", "node", node, "-o", "jsonpath={.metadata.annotations.nks-sync\\.kubectl-nks\\.io/revision}"])
                #expect(annotation.standardOutputText == store.revision, "\(node)")
            }
        }
    }

    @Test(arguments: [(500, nil as Int?, "Internal error occurred: injected by the lab"), (429, nil, "Too many requests, please try again later.")])
    func aBrokenAPIServerStopsThePushBeforeAnyNodeIsWritten(code: Int, retryAfter: Int?, message: String) async throws {
        try await withLab(yaml: Self.scenario, nodes: 2) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: Self.canonical)
            defer { store.remove() }
            await lab.state.inject(APIFault(method: "GET", pathPrefix: "/api/v1/nodes", code: code, retryAfterSeconds: retryAfter))
            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 2)
            #expect(push.standardErrorText.hasPrefix("error: "), "\(push.standardErrorText)")
            #expect(push.standardErrorText.contains(message + " (the same after 4 tries)"), "\(push.standardErrorText)")
            #expect(push.standardErrorText.filter { $0 == "\n" }.count == 1, "not one line: \(push.standardErrorText)")
            for node in ["worker-1", "worker-2"] {
                #expect(try await lab.readFile("/etc/nks/app.conf", on: node) == "old\n", "\(node) was written")
            }
            #expect(try await store.git(["for-each-ref", "refs/nks/pushes"]).standardOutputText.isEmpty, "a push that never started was recorded")
        }
    }

    @Test func aFailedRevisionAnnotationFailsTheNodeAndARerunRecordsIt() async throws {
        try await withLab(yaml: Self.scenario, nodes: 1) { lab in
            let store = try await PluginStore(lab: lab, manifest: Self.manifest, files: Self.canonical)
            defer { store.remove() }
            await lab.state.inject(APIFault(method: "PATCH", pathPrefix: "/api/v1/nodes/worker-1", code: 500, times: 4))
            let push = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(push.exitCode == 2, "\(push.standardOutputText)\(push.standardErrorText)")
            #expect(push.standardErrorText.contains("worker-1: failed"), "\(push.standardErrorText)")
            // The file is on the node, complete; the record says the node failed.
            #expect(try await lab.readFile("/etc/nks/app.conf", on: "worker-1") == Self.canonical["/etc/nks/app.conf"])
            let pushRef = try await store.git(["for-each-ref", "--format=%(refname)", "refs/nks/pushes"]).standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)
            let record = try await store.git(["show", pushRef + ":push.json"]).standardOutputText
            #expect(record.contains("\"outcome\" : \"failed\""), "\(record)")

            let rerun = try await store.kubectl(["nks-sync", "push", "--yes"])
            #expect(rerun.exitCode == 0, "\(rerun.standardOutputText)\(rerun.standardErrorText)")
            #expect(rerun.standardOutputText.contains("worker-1   (revision not recorded)   none"), "\(rerun.standardOutputText)")
            let annotation = try await store.kubectl(["get", "node", "worker-1", "-o", "jsonpath={.metadata.annotations.nks-sync\\.kubectl-nks\\.io/revision}"])
            #expect(annotation.standardOutputText == store.revision, "the rerun left the Node without its revision")
        }
    }
}
