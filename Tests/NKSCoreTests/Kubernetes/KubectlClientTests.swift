// The command lines KubectlClient builds for each operation and how it turns kubectl's
// answers into values or errors, observed through a recording ProcessRunning.
import Foundation
import Synchronization
import Testing
@testable import NKSCore

/// Answers every run with one canned output and remembers what it was asked to run.
final class RecordingRunner: ProcessRunning {
    private let recorded = Mutex<[ProcessInvocation]>([])
    let answer: @Sendable (ProcessInvocation) throws -> ProcessOutput

    init(answer: @escaping @Sendable (ProcessInvocation) throws -> ProcessOutput) {
        self.answer = answer
    }

    convenience init(exitCode: Int32 = 0, stdout: String = "", stderr: String = "") {
        self.init { _ in ProcessOutput(exitCode: exitCode, standardOutput: Data(stdout.utf8), standardError: Data(stderr.utf8)) }
    }

    var invocations: [ProcessInvocation] { recorded.withLock { $0 } }

    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        recorded.withLock { $0.append(invocation) }
        return try answer(invocation)
    }
}

@Suite struct KubectlClientTests {
    static let emptyList = #"{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}"#

    private func client(_ runner: RecordingRunner, _ options: KubectlOptions = .defaults, environment: [String: String] = [:]) -> KubectlClient {
        KubectlClient(options: options, runner: runner, environment: environment)
    }

    @Test func listBuildsGetWithScopeAndSelectors() async throws {
        let runner = RecordingRunner(stdout: Self.emptyList)
        let options = KubectlOptions(context: "prod-1", namespace: "batch", requestTimeout: "10s")
        let kubectl = client(runner, options)

        _ = try await kubectl.list(Pod.self, labelSelector: "job-name=nightly", fieldSelector: "status.phase=Failed")
        _ = try await kubectl.list(Pod.self, namespace: .all)
        _ = try await kubectl.list(Event.self, namespace: .named("default"), fieldSelector: "involvedObject.kind=Node")
        _ = try await kubectl.list(Node.self, namespace: .named("ignored-for-nodes"))

        let commands = runner.invocations.map(\.arguments)
        #expect(commands == [
            ["--context=prod-1", "--request-timeout=10s", "get", "pods", "--output=json", "--namespace=batch", "--selector=job-name=nightly", "--field-selector=status.phase=Failed"],
            ["--context=prod-1", "--request-timeout=10s", "get", "pods", "--output=json", "--all-namespaces"],
            ["--context=prod-1", "--request-timeout=10s", "get", "events", "--output=json", "--namespace=default", "--field-selector=involvedObject.kind=Node"],
            ["--context=prod-1", "--request-timeout=10s", "get", "nodes", "--output=json"],
        ])
        #expect(runner.invocations.allSatisfy { $0.executable == "kubectl" })
        #expect(runner.invocations.allSatisfy { $0.environment.isEmpty }, "KUBECONFIG and the rest of the environment are inherited untouched")
        #expect(runner.invocations.allSatisfy { $0.timeout == .seconds(25) }, "twice the request timeout plus the grace")
    }

    @Test func listFollowsAllNamespacesButGetDoesNot() async throws {
        let runner = RecordingRunner(stdout: #"{"metadata":{"name":"web","namespace":"default"}}"#)
        let kubectl = client(runner, KubectlOptions(allNamespaces: true))
        _ = try await kubectl.get(Pod.self, name: "web")
        #expect(runner.invocations[0].arguments == ["get", "pods", "web", "--output=json"], "kubectl refuses a name with -A")
    }

    @Test func getRawLogsDeletePatchCommands() async throws {
        let runner = RecordingRunner(stdout: #"{"metadata":{"name":"web"}}"#)
        let kubectl = client(runner, KubectlOptions(namespace: "batch"))

        let pod = try await kubectl.get(Pod.self, name: "web", namespace: "default")
        #expect(pod.metadata.name == "web")
        _ = try await kubectl.get(CronJob.self, name: "nightly")
        _ = try await kubectl.raw("/api/v1/nodes/w1/proxy/logs/?query=kubelet")
        _ = try await kubectl.logs(pod: "job-x", namespace: nil, container: "report", previous: true, tailLines: 200)
        try await kubectl.delete(resource: "pods", name: "node-debugger-w1-abcde", namespace: "default")
        _ = try await kubectl.patch(resource: "nodes", name: "w1", namespace: nil, patch: Data(#"{"spec":{"unschedulable":true}}"#.utf8), type: .strategic)
        _ = try await kubectl.annotate(resource: "nodes", name: "w1", namespace: nil, annotations: ["nks.io/revision": "abc123", "nks.io/old": nil])

        #expect(runner.invocations.map(\.arguments) == [
            ["get", "pods", "web", "--output=json", "--namespace=default"],
            ["get", "cronjobs.batch", "nightly", "--output=json", "--namespace=batch"],
            ["get", "--raw", "/api/v1/nodes/w1/proxy/logs/?query=kubelet"],
            ["logs", "job-x", "--namespace=batch", "--container=report", "--previous", "--tail=200"],
            ["delete", "pods", "node-debugger-w1-abcde", "--wait=false", "--namespace=default"],
            ["patch", "nodes", "w1", "--type=strategic", #"--patch={"spec":{"unschedulable":true}}"#, "--output=json", "--namespace=batch"],
            ["patch", "nodes", "w1", "--type=merge", #"--patch={"metadata":{"annotations":{"nks.io/old":null,"nks.io/revision":"abc123"}}}"#, "--output=json", "--namespace=batch"],
        ])
    }

    @Test func kubectlComesFromNKSKubectlWhenSet() async throws {
        #expect(KubectlClient.executable(in: ["NKS_KUBECTL": "/opt/k8s/kubectl-1.32"]) == "/opt/k8s/kubectl-1.32")
        #expect(KubectlClient.executable(in: ["NKS_KUBECTL": ""]) == "kubectl")
        #expect(KubectlClient.executable(in: [:]) == "kubectl")
    }

    @Test func deadlineFollowsRequestTimeout() {
        let runner = RecordingRunner()
        #expect(client(runner).deadline == .seconds(300))
        #expect(client(runner, KubectlOptions(requestTimeout: "0")).deadline == .seconds(300))
        #expect(client(runner, KubectlOptions(requestTimeout: "2s")).deadline == .seconds(9))
    }

    @Test func failuresAreClassified() async throws {
        let runner = RecordingRunner(exitCode: 1, stderr: #"Error from server (NotFound): pods "web" not found"#)
        await #expect(throws: KubectlError.notFound(resource: "pods", name: "web", message: #"pods "web" not found"#)) {
            try await client(runner).get(Pod.self, name: "web", namespace: "default")
        }
    }

    @Test func malformedJSONNamesTheCommand() async throws {
        let runner = RecordingRunner(stdout: #"{"items": [{"metadata": {"name": 42}}]}"#)
        do {
            _ = try await client(runner).list(Namespace.self)
            Issue.record("decoded a number as a name")
        } catch let error as KubectlError {
            guard case .malformedOutput(let command, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(command == "kubectl get namespaces --output=json")
            #expect(reason.contains("items[0].metadata.name"), "\(reason)")
        }
        let notJSON = RecordingRunner(stdout: "No resources found in default namespace.\n")
        await #expect(throws: KubectlError.self) { try await client(notJSON).list(Pod.self) }
    }

    @Test func runnerErrorsBecomeKubectlErrors() async throws {
        let missing = RecordingRunner { _ in throw ProcessRunnerError.executableNotFound("kubectl") }
        await #expect(throws: KubectlError.kubectlNotFound(executable: "kubectl")) { try await client(missing).raw("/healthz") }
        let slow = RecordingRunner { invocation in throw ProcessRunnerError.timedOut(command: invocation.commandLine, after: .seconds(9)) }
        await #expect(throws: KubectlError.timedOut(command: "kubectl get --raw /healthz", message: "stopped after 9s")) {
            try await client(slow).raw("/healthz")
        }
    }

    @Test func logsKeepAFailedReadInsteadOfThrowing() async throws {
        let stderr = #"Error from server (BadRequest): previous terminated container "report" in pod "job-x" not found"#
        let logs = try await client(RecordingRunner(exitCode: 1, stdout: "", stderr: stderr)).logs(pod: "job-x", namespace: "batch", container: nil, previous: true, tailLines: nil)
        #expect(logs.exitCode == 1)
        #expect(logs.standardError == stderr)
        #expect(logs.failure == .failed(command: "kubectl logs job-x --namespace=batch --previous", exitCode: 1, message: stderr))

        let gone = "unable to retrieve container logs for containerd://4f1e9c2b7a6d5e3f8c0b1a2d3e4f5a6b7c8d9e0f"
        let ok = try await client(RecordingRunner(stdout: gone)).logs(pod: "job-x", namespace: "batch")
        #expect(ok.succeeded && ok.failure == nil)
        #expect(ok.text == gone, "the kubelet's message in a 200 body stays as raw text")
    }

    @Test func currentContextPrefersTheFlag() async throws {
        let runner = RecordingRunner(stdout: "from-file\n")
        #expect(try await client(runner, KubectlOptions(context: "flag")).currentContext() == "flag")
        #expect(runner.invocations.isEmpty)
        #expect(try await client(runner).currentContext() == "from-file")
        #expect(try await client(RecordingRunner(exitCode: 1, stderr: "error: current-context is not set\n")).currentContext() == nil)
    }
}
