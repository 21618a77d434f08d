// The kubectl debug transport against a fake kubectl: exact argument lists, output taken
// from the logs, and the helper pod deleted on success, failure and timeout.
import Foundation
import Testing
@testable import NKSCore

@Suite struct DebugTransportTests {
    static let pod = "node-debugger-worker-1-abcde"
    let node = NodeTarget(name: "worker-1", address: "10.0.0.5")

    static func podJSON(waiting: String? = nil, exitCode: Int? = nil, phase: String = "Running") -> String {
        var state = "{}"
        if let waiting { state = #"{"waiting":{"reason":"\#(waiting)"}}"# }
        if let exitCode { state = #"{"terminated":{"exitCode":\#(exitCode)}}"# }
        return #"{"status":{"phase":"\#(phase)","containerStatuses":[{"name":"debugger","state":\#(state)}]}}"#
    }

    func transport(_ runner: FakeProcessRunner) -> DebugTransport {
        DebugTransport(image: "busybox:1.36", kubectlArguments: ["--context", "prod1"], runner: runner, pollInterval: .milliseconds(10))
    }

    func kubectl(polls: [String], logs: String = "OUT") -> FakeProcessRunner {
        let remaining = LockedQueue(polls)
        return FakeProcessRunner { invocation in
            switch invocation.arguments.dropFirst(2).first {
            case "debug": return output("Creating debugging pod \(Self.pod) with container debugger on node worker-1.\n")
            case "get": return output(remaining.next())
            case "logs": return output(logs)
            case "delete": return output("pod \"\(Self.pod)\" deleted\n")
            default: return output(stderr: "unexpected", exit: 1)
            }
        }
    }

    @Test func runsTheScriptReadsTheLogsAndDeletesThePod() async throws {
        let runner = kubectl(polls: [Self.podJSON(waiting: "ContainerCreating"), Self.podJSON(exitCode: 3, phase: "Failed")], logs: "framed output")
        let result = try await transport(runner).execute("echo hi", standardInput: Data(), on: node, timeout: .seconds(10))
        #expect(result.exitCode == 3)
        #expect(result.standardOutput == Data("framed output".utf8))
        let calls = runner.invocations
        #expect(calls.allSatisfy { $0.executable == "kubectl" })
        #expect(calls.first?.arguments == ["--context", "prod1", "debug", "node/worker-1", "--profile=sysadmin", "--image=busybox:1.36", "--quiet=false",
                                           "--", "chroot", "/host", "sh", "-c", "exec 2>/dev/null\necho hi"])
        #expect(calls.dropFirst().first?.arguments == ["--context", "prod1", "get", "pod", Self.pod, "-o", "json"])
        #expect(calls.suffix(2).map(\.arguments) == [
            ["--context", "prod1", "logs", Self.pod, "-c", "debugger"],
            ["--context", "prod1", "delete", "pod", Self.pod, "--ignore-not-found", "--wait=false"],
        ])
    }

    @Test func carriesStandardInputInsideTheScriptAndItSurvivesTheShell() async throws {
        let content = Data("line 1\n'quoted' $(x)\n".utf8) + Data([0, 255, 10])
        let script = DebugTransport.hostScript("cat > \"$1\"; cat", standardInput: content)
        let output = try await SubprocessRunner().run(ProcessInvocation("sh", ["-c", script]))
        #expect(output.standardOutput == content)
    }

    @Test func reportsAnImagePullThatIsStuckAndStillDeletesThePod() async throws {
        let runner = kubectl(polls: [Self.podJSON(waiting: "ContainerCreating"), Self.podJSON(waiting: "ImagePullBackOff")])
        do {
            _ = try await transport(runner).execute("true", standardInput: Data(), on: node, timeout: .seconds(10))
            Issue.record("a stuck image pull was not reported")
        } catch let error as NodeAccessError {
            #expect(error == .debugImagePullStuck(node: "worker-1", pod: Self.pod, image: "busybox:1.36", reason: "ImagePullBackOff"))
            #expect(error.description.contains("--debug-image"))
        }
        #expect(runner.invocations.last?.arguments.contains("delete") == true)
    }

    @Test func deletesThePodWhenTheNodeTimesOut() async throws {
        let runner = kubectl(polls: [])
        await #expect(throws: NodeAccessError.timedOut(node: "worker-1", after: .milliseconds(200))) {
            try await transport(runner).execute("sleep 100", standardInput: Data(), on: node, timeout: .milliseconds(200))
        }
        #expect(runner.invocations.last?.arguments.suffix(4) == ["pod", Self.pod, "--ignore-not-found", "--wait=false"])
    }

    @Test func deletesThePodWhenTheCallerIsCancelled() async throws {
        let runner = kubectl(polls: [])
        let task = Task { try await transport(runner).execute("sleep 100", standardInput: Data(), on: node, timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        _ = try? await task.value
        #expect(runner.invocations.last?.arguments.contains("delete") == true)
    }

    @Test func reportsAPodThatCouldNotBeCreated() async throws {
        let runner = FakeProcessRunner { _ in output(stderr: "Error from server (Forbidden): pods is forbidden: User cannot create pods\n", exit: 1) }
        await #expect(throws: NodeAccessError.debugPodNotCreated(node: "worker-1", detail: "Error from server (Forbidden): pods is forbidden: User cannot create pods")) {
            try await transport(runner).execute("true", standardInput: Data(), on: node, timeout: .seconds(5))
        }
        #expect(runner.invocations.count == 1)
    }

    @Test func refusesScriptsLargerThanOneArgument() async throws {
        let runner = kubectl(polls: [])
        await #expect(throws: NodeAccessError.self) {
            try await transport(runner).execute("cat", standardInput: Data(count: 200_000), on: node, timeout: .seconds(5))
        }
        #expect(runner.invocations.isEmpty)
    }
}

/// Hands out canned answers in order, then repeats a "still running" pod.
final class LockedQueue: @unchecked Sendable {
    private var items: [String]
    private let lock = NSLock()
    init(_ items: [String]) { self.items = items }
    func next() -> String {
        lock.withLock { items.isEmpty ? DebugTransportTests.podJSON() : items.removeFirst() }
    }
}
