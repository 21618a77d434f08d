// Which API answers are repeated and how: a 429 or 5xx on a read or a merge patch is tried
// again with growing pauses; a refusal that will not pass (forbidden, not found) and a JSON
// patch are reported at once; the last error says how often it was tried.
import Foundation
import Synchronization
import Testing
@testable import NKSCore

@Suite struct APIRetryTests {
    static let internalError = "Error from server (InternalError): Internal error occurred: etcdserver: leader changed"
    static let unavailable = "Error from server (ServiceUnavailable): the server is currently unable to handle the request"
    static let forbidden = #"Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope"#

    /// A client whose kubectl fails `failures` times with `stderr`, then answers `stdout`;
    /// pauses are recorded instead of slept.
    func client(failing failures: Int, with stderr: String, then stdout: String = KubectlClientTests.emptyList) -> (KubectlClient, RecordingRunner, Pauses) {
        let calls = Mutex(0)
        let runner = RecordingRunner { _ in
            let call = calls.withLock { $0 += 1; return $0 }
            return call <= failures ? output(stderr: stderr, exit: 1) : output(stdout)
        }
        let pauses = Pauses()
        var kubectl = KubectlClient(options: .defaults, runner: runner, environment: [:])
        kubectl.retry = APIRetry(attempts: 4, firstDelay: .milliseconds(500), maxDelay: .seconds(8)) { pauses.record($0) }
        return (kubectl, runner, pauses)
    }

    @Test func aReadRefusedByABusyServerIsTriedAgainWithGrowingPauses() async throws {
        let (kubectl, runner, pauses) = client(failing: 2, with: Self.internalError)
        let nodes = try await kubectl.list(Node.self)
        #expect(nodes.isEmpty)
        #expect(runner.invocations.count == 3)
        let slept = pauses.all
        #expect(slept.count == 2)
        #expect((Duration.milliseconds(375)...Duration.milliseconds(625)).contains(slept[0]), "\(slept)")
        #expect((Duration.milliseconds(750)...Duration.milliseconds(1250)).contains(slept[1]), "\(slept)")
    }

    @Test func aServerThatStaysUnavailableIsReportedWithHowOftenItWasTried() async throws {
        let (kubectl, runner, _) = client(failing: 100, with: Self.unavailable)
        let error = await #expect(throws: KubectlError.self) { try await kubectl.get(Node.self, name: "worker-1") }
        #expect(runner.invocations.count == 4)
        #expect("\(error!)".contains("the server is currently unable to handle the request (the same after 4 tries)"), "\(error!)")
    }

    @Test func aRefusalThatWillNotPassIsReportedAtOnce() async throws {
        let (kubectl, runner, pauses) = client(failing: 100, with: Self.forbidden)
        await #expect(throws: KubectlError.self) { _ = try await kubectl.list(Node.self) }
        #expect(runner.invocations.count == 1)
        #expect(pauses.all.isEmpty)
    }

    @Test func onlyPatchesThatSetValuesAreRepeated() async throws {
        let (merge, mergeRunner, _) = client(failing: 1, with: Self.internalError, then: "{}")
        _ = try await merge.patch(resource: "node", name: "worker-1", namespace: nil, patch: Data(#"{"spec":{"unschedulable":true}}"#.utf8), type: .merge)
        #expect(mergeRunner.invocations.count == 2)

        let (json, jsonRunner, _) = client(failing: 1, with: Self.internalError, then: "{}")
        await #expect(throws: KubectlError.self) {
            _ = try await json.patch(resource: "node", name: "worker-1", namespace: nil, patch: Data(#"[{"op":"add","path":"/spec/taints/-","value":{}}]"#.utf8), type: .json)
        }
        #expect(jsonRunner.invocations.count == 1)
    }

    @Test(arguments: [
        (502, "<html>bad gateway</html>", #"Error from server (InternalError): an error on the server ("<html>bad gateway</html>") has prevented the request from succeeding"#, true),
        (503, "", "Error from server (ServiceUnavailable): the server is currently unable to handle the request", true),
        (429, "", "Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later", true),
        (500, #"{"kind":"Status","reason":"InternalError","message":"Internal error occurred: etcdserver: request timed out"}"#,
         "Error from server (InternalError): Internal error occurred: etcdserver: request timed out", true),
        (404, #"{"kind":"Status","reason":"NotFound","message":"nodes \"x\" not found"}"#, #"Error from server (NotFound): nodes "x" not found"#, false),
    ])
    func theProxyRouteNamesAnAnswerAsKubectlWould(status: Int, body: String, line: String, transient: Bool) {
        let text = KubectlClient.kubectlStyleError(HTTPReply(status: status, body: Data(body.utf8)))
        #expect(text == line)
        #expect(KubectlError.classify(standardError: text, exitCode: 1, command: "kubectl get --raw /x").isTransient == transient)
    }
}

/// The pauses a retry would have slept.
final class Pauses: Sendable {
    private let recorded = Mutex<[Duration]>([])
    func record(_ pause: Duration) { recorded.withLock { $0.append(pause) } }
    var all: [Duration] { recorded.withLock { $0 } }
}
