// The real kubectl against the lab's custom resources: applying the shipped CRD and agent
// RBAC, then NodeConfigStates through get (server-side Table with the CRD's printer
// columns), selectors, paging, status patches, optimistic concurrency and watches.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite("kubectl and custom resources on the lab API server")
struct KubectlCustomResourceTests {
    static let deploy = repositoryRoot.appendingPathComponent("deploy")
    static let crdFile = deploy.appendingPathComponent("crds/nodeconfigstates.yaml").path
    static let agentRBACFile = deploy.appendingPathComponent("rbac/nks-sync-agent.yaml").path
    static let collection = "/apis/nks-sync.kubectl-nks.io/v1alpha1/nodeconfigstates"

    /// Applies the CRD through kubectl and creates NodeConfigStates for `nodes`.
    static func installed(_ lab: LabAPI, nodes: [String] = []) async throws {
        let applied = try await lab.kubectl("apply", "-f", crdFile)
        #expect(applied.exitCode == 0, "\(applied.standardErrorText)\(applied.standardOutputText)")
        #expect(applied.standardOutputText.contains("customresourcedefinition.apiextensions.k8s.io/nodeconfigstates.nks-sync.kubectl-nks.io created"))
        for (index, node) in nodes.enumerated() {
            let file = lab.directory.appendingPathComponent("\(node).json")
            let object: JSONValue = [
                "apiVersion": "nks-sync.kubectl-nks.io/v1alpha1", "kind": "NodeConfigState",
                "metadata": ["name": .string(node), "labels": ["pool": .string(index % 2 == 0 ? "even" : "odd")]],
                "spec": ["desiredRevision": "rev1"],
                "status": ["phase": "Applied"],
            ]
            try FileManager.default.createDirectory(at: lab.directory, withIntermediateDirectories: true)
            try object.serialized().write(to: file)
            let created = try await lab.kubectl("create", "-f", file.path)
            #expect(created.exitCode == 0, "\(created.standardErrorText)")
        }
    }

    @Test func applyingTheCRDServesNodeConfigStates() async throws {
        try await LabAPI.with { lab in
            let before = try await lab.kubectl("get", "nodeconfigstates")
            #expect(before.exitCode == 1)
            #expect(before.standardErrorText.contains("the server doesn't have a resource type \"nodeconfigstates\""))
            try await Self.installed(lab, nodes: ["node-a"])
            let crd = try #require(await lab.state.object(kind: "CustomResourceDefinition", namespace: nil,
                                                         name: "nodeconfigstates.nks-sync.kubectl-nks.io"))
            #expect(crd[path: "status", "conditions"]?.arrayValue?.contains { $0["type"] == "Established" && $0["status"] == "True" } == true)
            // The CRD's enum is the entry vocabulary of NKSCore's model (and of `status`).
            let states = crd[path: "spec", "versions"]?[0]?[path: "schema", "openAPIV3Schema", "properties", "status", "properties",
                                                            "entries", "items", "properties", "state", "enum"]
            #expect(states == .array(NodeConfigState.states.map(JSONValue.string)))
            let again = try await lab.kubectl("apply", "-f", Self.crdFile)
            #expect(again.exitCode == 0, "\(again.standardErrorText)")
            #expect(again.standardOutputText.contains("unchanged"))
            let resources = try await lab.kubectl("api-resources", "--api-group=nks-sync.kubectl-nks.io")
            #expect(resources.exitCode == 0, "\(resources.standardErrorText)")
            #expect(resources.standardOutputText.contains("nodeconfigstates"))
            #expect(resources.standardOutputText.contains("ncs"))
            #expect(resources.standardOutputText.contains("nks-sync.kubectl-nks.io/v1alpha1"))
            let short = try await lab.kubectl("get", "ncs", "node-a", "-o", "name")
            #expect(short.exitCode == 0, "\(short.standardErrorText)")
            #expect(short.lines == ["nodeconfigstate.nks-sync.kubectl-nks.io/node-a"])
        }
    }

    @Test func agentRBACIsAccepted() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab)
            let output = try await lab.kubectl("apply", "-f", Self.agentRBACFile)
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            for line in ["namespace/nks-sync-system created", "serviceaccount/nks-sync-agent created",
                         "clusterrole.rbac.authorization.k8s.io/nks-sync-agent created",
                         "clusterrolebinding.rbac.authorization.k8s.io/nks-sync-agent created",
                         "role.rbac.authorization.k8s.io/nks-sync-agent created",
                         "rolebinding.rbac.authorization.k8s.io/nks-sync-agent created"] {
                #expect(output.standardOutputText.contains(line), "missing: \(line)\n\(output.standardOutputText)")
            }
            let role = await lab.state.object(kind: "ClusterRole", namespace: nil, name: "nks-sync-agent")
            #expect(role?["rules"]?[1]?["resources"] == ["nodeconfigstates/status"])
        }
    }

    @Test func getPrintsThePrinterColumnsAndCreateDropsStatus() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a", "node-b"])
            // Status given at creation is dropped: only the agent sets it, through /status.
            #expect(await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-a")?["status"] == nil)
            let patched = try await lab.kubectl("patch", "nodeconfigstate", "node-a", "--subresource=status", "--type=merge",
                                                "-p", #"{"status":{"appliedRevision":"rev1","phase":"Applied","agentVersion":"0.9.0"}}"#)
            #expect(patched.exitCode == 0, "\(patched.standardErrorText)")
            #expect(patched.standardOutputText.contains("nodeconfigstate.nks-sync.kubectl-nks.io/node-a patched"))
            let table = try await lab.kubectl("get", "nodeconfigstates")
            #expect(table.exitCode == 0, "\(table.standardErrorText)")
            let lines = table.lines
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAME", "DESIRED", "APPLIED", "PHASE", "AGE"])
            #expect(lines.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["node-a", "rev1", "rev1", "Applied"])
            // Absent values are null cells, which kubectl leaves blank.
            let blank = lines.dropFirst(2).first?.split(separator: " ", omittingEmptySubsequences: true) ?? []
            #expect(blank.count == 3 && blank.prefix(2) == ["node-b", "rev1"], "\(table.standardOutputText)")
            let wide = try await lab.kubectl("get", "ncs", "node-a", "-o", "wide")
            #expect(wide.exitCode == 0, "\(wide.standardErrorText)")
            #expect(wide.lines.first?.contains("AGENT") == true)
            #expect(wide.lines.first?.contains("LAST CHECK") == true)
            #expect(wide.lines.last?.contains("0.9.0") == true)
        }
    }

    @Test func jsonOutputSelectorsAndChunks() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a", "node-b", "node-c", "node-d", "node-e"])
            let json = try await lab.kubectl("get", "nodeconfigstates", "-o", "json")
            #expect(json.exitCode == 0, "\(json.standardErrorText)")
            let list = try JSONValue(parsing: json.standardOutputText)
            #expect(list["items"]?.arrayValue?.count == 5)
            #expect(list["items"]?[0]?["apiVersion"] == "nks-sync.kubectl-nks.io/v1alpha1")
            #expect(list["items"]?[0]?[path: "metadata", "generation"]?.intValue == 1)
            let labelled = try await lab.kubectl("get", "ncs", "-l", "pool=even", "-o", "name")
            #expect(labelled.lines == ["node-a", "node-c", "node-e"].map { "nodeconfigstate.nks-sync.kubectl-nks.io/\($0)" })
            let named = try await lab.kubectl("get", "ncs", "--field-selector", "metadata.name=node-d", "-o", "name")
            #expect(named.lines == ["nodeconfigstate.nks-sync.kubectl-nks.io/node-d"])
            let badField = try await lab.kubectl("get", "ncs", "--field-selector", "spec.desiredRevision=rev1")
            #expect(badField.exitCode == 1)
            #expect(badField.standardErrorText.contains("field label not supported: spec.desiredRevision"))
            let chunked = try await lab.kubectl("get", "ncs", "--chunk-size", "2", "-o", "name")
            #expect(chunked.exitCode == 0, "\(chunked.standardErrorText)")
            #expect(chunked.lines.count == 5)
            let pages = await lab.state.recordedRequests().filter { $0.path == Self.collection && $0.queryItems["limit"] == "2" }
            #expect(pages.count == 3)
            #expect(pages.filter { $0.queryItems["continue"] != nil }.count == 2)
            // `kubectl get` pages its Tables too: one header, rows from three requests.
            let chunkedTable = try await lab.kubectl("get", "ncs", "--chunk-size", "2")
            #expect(chunkedTable.lines.count == 6, "\(chunkedTable.standardOutputText)")
            let tablePages = await lab.state.recordedRequests().filter {
                $0.path == Self.collection && $0.queryItems["limit"] == "2" && $0.accept?.contains("as=Table") == true
            }
            #expect(tablePages.count == 3)
        }
    }

    @Test func statusAndSpecHaveOneWriterEach() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a"])
            // A status write through /status changes nothing else...
            let status = try await lab.kubectl("patch", "ncs", "node-a", "--subresource=status", "--type=merge",
                                               "-p", #"{"spec":{"desiredRevision":"evil"},"status":{"phase":"Applying"}}"#)
            #expect(status.exitCode == 0, "\(status.standardErrorText)")
            var stored = await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-a")
            #expect(stored?[path: "spec", "desiredRevision"] == "rev1")
            #expect(stored?[path: "status", "phase"] == "Applying")
            #expect(stored?[path: "metadata", "generation"]?.intValue == 1)
            // ...and a main-resource write changes no status, but bumps the generation.
            let spec = try await lab.kubectl("patch", "ncs", "node-a", "--type=merge",
                                             "-p", #"{"spec":{"desiredRevision":"rev2"},"status":{"phase":"Degraded"}}"#)
            #expect(spec.exitCode == 0, "\(spec.standardErrorText)")
            stored = await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-a")
            #expect(stored?[path: "spec", "desiredRevision"] == "rev2")
            #expect(stored?[path: "status", "phase"] == "Applying")
            #expect(stored?[path: "metadata", "generation"]?.intValue == 2)
            // Strategic merge needs Go types: custom resources refuse it, as the real server does.
            let strategic = try await lab.kubectl("patch", "ncs", "node-a", "--type=strategic", "-p", #"{"spec":{"desiredRevision":"x"}}"#)
            #expect(strategic.exitCode == 1)
            #expect(strategic.standardErrorText.contains(
                "application/strategic-merge-patch+json is not supported by nks-sync.kubectl-nks.io/v1alpha1, Kind=NodeConfigState: the body of the request was in an unknown format"),
                "\(strategic.standardErrorText)")
        }
    }

    @Test func staleResourceVersionGetsTheRealConflict() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a"])
            let read = try await lab.kubectl("get", "ncs", "node-a", "-o", "json")
            var object = try JSONValue(parsing: read.standardOutputText)
            // Another writer changes the object after it was read.
            let other = try await lab.kubectl("patch", "ncs", "node-a", "--type=merge", "-p", #"{"spec":{"desiredRevision":"rev2"}}"#)
            #expect(other.exitCode == 0, "\(other.standardErrorText)")
            object[path: "spec", "desiredRevision"] = "rev3"
            let file = lab.directory.appendingPathComponent("stale.json")
            try object.serialized().write(to: file)
            let replaced = try await lab.kubectl("replace", "-f", file.path)
            #expect(replaced.exitCode == 1)
            #expect(replaced.standardErrorText.contains(
                #"Error from server (Conflict): error when replacing "\#(file.path)": Operation cannot be fulfilled on nodeconfigstates.nks-sync.kubectl-nks.io "node-a": the object has been modified; please apply your changes to the latest version and try again"#),
                "\(replaced.standardErrorText)")
            #expect(await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-a")?[path: "spec", "desiredRevision"] == "rev2")
            // A status update from a stale read conflicts too (the agent must re-read).
            let statusPatch = try await lab.kubectl("patch", "ncs", "node-a", "--subresource=status", "--type=merge",
                                                    "-p", #"{"metadata":{"resourceVersion":"\#(object[path: "metadata", "resourceVersion"]?.stringValue ?? "")"},"status":{"phase":"Applied"}}"#)
            #expect(statusPatch.exitCode == 1)
            #expect(statusPatch.standardErrorText.contains("Error from server (Conflict)"), "\(statusPatch.standardErrorText)")
            // A PUT without any resourceVersion is refused for custom resources (kubectl
            // replace would fill it in; --raw sends the body as it is).
            object[path: "metadata", "resourceVersion"] = nil
            try object.serialized().write(to: file)
            let unconditional = try await lab.kubectl("replace", "--raw", "\(Self.collection)/node-a", "-f", file.path)
            #expect(unconditional.exitCode == 1)
            #expect(unconditional.standardErrorText.contains("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"),
                    "\(unconditional.standardErrorText)")
        }
    }

    @Test func watchSeesStatusChanges() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a", "node-b"])
            let watcher = Task {
                try await SubprocessRunner().run(ProcessInvocation(
                    "timeout", ["-s", "TERM", "10", "/usr/bin/kubectl", "--kubeconfig", lab.kubeconfig,
                                "get", "ncs", "--field-selector", "metadata.name=node-b", "--watch", "-o", "json", "--output-watch-events"],
                    environment: lab.environment, timeout: .seconds(30)))
            }
            try await Self.waitForWatch(lab)
            _ = try await lab.kubectl("patch", "ncs", "node-a", "--subresource=status", "--type=merge", "-p", #"{"status":{"phase":"Degraded"}}"#)
            let patched = try await lab.kubectl("patch", "ncs", "node-b", "--subresource=status", "--type=merge", "-p", #"{"status":{"phase":"Applied"}}"#)
            #expect(patched.exitCode == 0, "\(patched.standardErrorText)")
            let output = try await watcher.value
            #expect(output.exitCode == 124, "\(output.standardErrorText)")
            let events = try KubectlWatchTests.events(in: output.standardOutputText)
            #expect(events.map(\.type) == ["ADDED", "MODIFIED"])
            #expect(events.allSatisfy { $0.object[path: "metadata", "name"] == "node-b" })
            #expect(events.last?.object[path: "status", "phase"] == "Applied")
        }
    }

    @Test func tooOldWatchAndContinueGet410Expired() async throws {
        try await LabAPI.with(historyLimit: 8) { lab in
            try await Self.installed(lab, nodes: ["node-a", "node-b"])
            let start = try #require(await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-b")?[path: "metadata", "resourceVersion"]?.stringValue)
            let fresh = try await lab.kubectl("get", "--raw", "\(Self.collection)?watch=true&resourceVersion=\(start)&timeoutSeconds=1")
            #expect(fresh.exitCode == 0, "\(fresh.standardErrorText)")
            #expect(fresh.standardOutputText.isEmpty, "\(fresh.standardOutputText)")
            let firstPage = try JSONValue(parsing: try await lab.kubectl("get", "--raw", "\(Self.collection)?limit=1").standardOutputText)
            let token = try #require(firstPage[path: "metadata", "continue"]?.stringValue?.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            for round in 0..<10 {
                let output = try await lab.kubectl("patch", "ncs", "node-a", "--subresource=status", "--type=merge",
                                                   "-p", #"{"status":{"message":"round \#(round)"}}"#)
                #expect(output.exitCode == 0, "\(output.standardErrorText)")
            }
            let oldest = await lab.state.oldestWatchableResourceVersion
            #expect(oldest > Int(start)!)
            // The watch cache answers 200 with one ERROR event, as client-go expects.
            let stale = try await lab.kubectl("get", "--raw", "\(Self.collection)?watch=true&resourceVersion=\(start)")
            #expect(stale.exitCode == 0, "\(stale.standardErrorText)")
            let event = try JSONValue(parsing: stale.standardOutputText)
            #expect(event["type"] == "ERROR")
            #expect(event[path: "object", "code"]?.intValue == 410)
            #expect(event[path: "object", "reason"] == "Expired")
            #expect(event[path: "object", "message"] == .string("too old resource version: \(start) (\(oldest))"))
            // A list continued from a page older than the server keeps is 410 as well.
            let continued = try await lab.kubectl("get", "--raw", "\(Self.collection)?limit=1&continue=\(token)")
            #expect(continued.exitCode == 1)
            #expect(continued.standardErrorText.contains("Error from server (Expired): The provided continue parameter is too old"),
                    "\(continued.standardErrorText)")
        }
    }

    @Test func requestsAreCountedPerClient() async throws {
        try await LabAPI.with { lab in
            try await Self.installed(lab, nodes: ["node-a"])
            _ = try await lab.kubectl("get", "ncs", "node-a")
            let counts = await lab.state.requestCountsByClient()
            let kubectl = try #require(counts.first { $0.key.hasPrefix("kubectl/") })
            #expect(kubectl.value.byVerb["create"] == 2)
            #expect((kubectl.value.byVerb["get"] ?? 0) >= 2)
            let raw = try await lab.kubectl("get", "--raw", APIRequestHandler.requestCountsPath)
            #expect(raw.exitCode == 0, "\(raw.standardErrorText)")
            let document = try JSONValue(parsing: raw.standardOutputText)
            #expect(document[kubectl.key]?["byVerb"]?["create"]?.intValue == 2)
        }
    }

    static func waitForWatch(_ lab: LabAPI) async throws {
        for _ in 0..<200 {
            if await lab.state.recordedRequests().contains(where: { $0.queryItems["watch"] == "true" }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("kubectl never opened a watch")
    }
}

@Suite("kubectl and the lab's custom resource schemas")
struct KubectlCustomResourceSchemaTests {
    @Test func unknownFieldsAndBadValuesAreRefusedAsTheRealServerDoes() async throws {
        try await LabAPI.with { lab in
            try await KubectlCustomResourceTests.installed(lab, nodes: ["node-a"])
            let file = lab.directory.appendingPathComponent("typo.json")
            let misspelt: JSONValue = [
                "apiVersion": "nks-sync.kubectl-nks.io/v1alpha1", "kind": "NodeConfigState",
                "metadata": ["name": "node-b"], "spec": ["desiredRevison": "rev1"],
            ]
            try misspelt.serialized().write(to: file)
            let typo = try await lab.kubectl("create", "-f", file.path)
            #expect(typo.exitCode == 1)
            #expect(typo.standardErrorText.contains(
                #"Error from server (BadRequest): error when creating "\#(file.path)": NodeConfigState in version "v1alpha1" cannot be handled as a NodeConfigState: strict decoding error: unknown field "spec.desiredRevison""#),
                "\(typo.standardErrorText)")
            #expect(await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-b") == nil)
            // Without strict validation the undeclared field is pruned, not stored.
            let pruned = try await lab.kubectl("create", "--validate=false", "-f", file.path)
            #expect(pruned.exitCode == 0, "\(pruned.standardErrorText)")
            #expect(await lab.state.object(kind: "NodeConfigState", namespace: nil, name: "node-b")?["spec"] == [:])
            let phase = try await lab.kubectl("patch", "ncs", "node-a", "--subresource=status", "--type=merge",
                                              "-p", #"{"status":{"phase":"Done","entries":[{"state":"in-sync"}]}}"#)
            #expect(phase.exitCode == 1)
            #expect(phase.standardErrorText.contains(#"The NodeConfigState "node-a" is invalid: "#), "\(phase.standardErrorText)")
            #expect(phase.standardErrorText.contains(#"* status.entries[0].path: Required value"#), "\(phase.standardErrorText)")
            #expect(phase.standardErrorText.contains(
                #"* status.phase: Unsupported value: "Done": supported values: "Pending", "Applying", "AwaitingDrain", "Rebooting", "Applied", "Degraded""#),
                "\(phase.standardErrorText)")
            let number = try await lab.kubectl("patch", "ncs", "node-a", "--type=merge", "-p", #"{"spec":{"desiredRevision":42}}"#)
            #expect(number.exitCode == 1)
            #expect(number.standardErrorText.contains(
                #"spec.desiredRevision: Invalid value: "integer": spec.desiredRevision in body must be of type string: "integer""#),
                "\(number.standardErrorText)")
        }
    }
}
