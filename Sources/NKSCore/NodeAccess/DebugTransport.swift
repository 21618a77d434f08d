// Runs node scripts through `kubectl debug node/NAME --profile=sysadmin` for clusters without
// SSH: the script runs under `chroot /host`, its output is read with `kubectl logs` once the
// pod finished, and the helper pod is deleted afterwards whatever happened.
import Foundation

public struct DebugTransport: NodeTransport {
    public var image: String
    /// Global kubectl flags (--kubeconfig, --context, -n …) put before every subcommand.
    public var kubectlArguments: [String]
    public var pollInterval: Duration
    private let runner: any ProcessRunning

    /// One argv string is capped by the kernel (MAX_ARG_STRLEN, 128 KiB); the script,
    /// including any file content, travels as one.
    public static let scriptLimit = 120_000
    static let containerName = "debugger"

    public init(image: String, kubectlArguments: [String] = [], runner: any ProcessRunning = SubprocessRunner(), pollInterval: Duration = .seconds(1)) {
        self.image = image
        self.kubectlArguments = kubectlArguments
        self.runner = runner
        self.pollInterval = pollInterval
    }

    /// There is no stdin into a non-interactive debug pod, so content is embedded as base64
    /// and piped into the script; stderr is dropped because `kubectl logs` would mix it into
    /// the framed stdout.
    public static func hostScript(_ script: String, standardInput: Data) -> String {
        if standardInput.isEmpty { return "exec 2>/dev/null\n" + script }
        return "exec 2>/dev/null\nprintf '%s' " + ShellQuoting.quote(standardInput.base64EncodedString())
            + " | base64 -d | sh -c " + ShellQuoting.quote(script)
    }

    public func createArguments(node: NodeTarget, hostScript: String) -> [String] {
        kubectlArguments + ["debug", "node/" + node.name, "--profile=sysadmin", "--image=" + image, "--quiet=false",
                            "--", "chroot", "/host", "sh", "-c", hostScript]
    }

    public func statusArguments(pod: String) -> [String] { kubectlArguments + ["get", "pod", pod, "-o", "json"] }
    public func logsArguments(pod: String) -> [String] { kubectlArguments + ["logs", pod, "-c", Self.containerName] }
    public func deleteArguments(pod: String) -> [String] {
        kubectlArguments + ["delete", "pod", pod, "--ignore-not-found", "--wait=false"]
    }

    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration) async throws -> RemoteResult {
        try await execute(script, standardInput: standardInput, on: node, timeout: timeout, outputLimit: Self.defaultOutputLimit)
    }

    public func execute(_ script: String, standardInput: Data, on node: NodeTarget, timeout: Duration, outputLimit: Int) async throws -> RemoteResult {
        let hostScript = Self.hostScript(script, standardInput: standardInput)
        guard hostScript.utf8.count <= Self.scriptLimit else {
            throw NodeAccessError.scriptTooLarge(node: node.name, bytes: hostScript.utf8.count, limit: Self.scriptLimit)
        }
        let deadline = ContinuousClock.now + timeout
        let created = try await kubectl(createArguments(node: node, hostScript: hostScript), node: node, deadline: deadline, timeout: timeout)
        guard let pod = Self.podName(in: created.standardOutputText + "\n" + created.standardErrorText) else {
            let detail = created.standardErrorText.split(separator: "\n").last.map(String.init) ?? "no pod name in kubectl's answer"
            throw NodeAccessError.debugPodNotCreated(node: node.name, detail: detail)
        }
        do {
            let result = try await runToCompletion(pod: pod, node: node, deadline: deadline, timeout: timeout, outputLimit: outputLimit)
            await delete(pod: pod)
            return result
        } catch {
            await delete(pod: pod)
            throw error
        }
    }

    public func shutdown() async {}

    private func runToCompletion(pod: String, node: NodeTarget, deadline: ContinuousClock.Instant, timeout: Duration, outputLimit: Int) async throws -> RemoteResult {
        var exitCode: Int32?
        while exitCode == nil {
            let answer = try await kubectl(statusArguments(pod: pod), node: node, deadline: deadline, timeout: timeout)
            let status = answer.succeeded ? (try? JSONDecoder().decode(PodView.self, from: answer.standardOutput)) : nil
            let container = status?.status?.containerStatuses?.first { $0.name == Self.containerName }
            if let waiting = container?.state?.waiting?.reason, Self.imagePullReasons.contains(waiting) {
                throw NodeAccessError.debugImagePullStuck(node: node.name, pod: pod, image: image, reason: waiting)
            }
            if let terminated = container?.state?.terminated {
                exitCode = terminated.exitCode
            } else if status?.status?.phase == "Failed" {
                throw NodeAccessError.debugPodFailed(node: node.name, pod: pod, reason: status?.status?.reason ?? "phase Failed")
            } else {
                guard ContinuousClock.now + pollInterval < deadline else {
                    throw NodeAccessError.timedOut(node: node.name, after: timeout)
                }
                try await Task.sleep(for: pollInterval)
            }
        }
        let logs = try await kubectl(logsArguments(pod: pod), node: node, deadline: deadline, timeout: timeout, outputLimit: outputLimit)
        guard logs.succeeded else {
            throw NodeAccessError.debugPodFailed(node: node.name, pod: pod, reason: "kubectl logs: " + (logs.standardErrorText.split(separator: "\n").last.map(String.init) ?? "failed"))
        }
        return RemoteResult(exitCode: exitCode ?? 0, standardOutput: logs.standardOutput, standardError: Data())
    }

    private func kubectl(_ arguments: [String], node: NodeTarget, deadline: ContinuousClock.Instant, timeout: Duration,
                         outputLimit: Int = 16 * 1024 * 1024) async throws -> ProcessOutput {
        let remaining = deadline - ContinuousClock.now
        guard remaining > .zero else { throw NodeAccessError.timedOut(node: node.name, after: timeout) }
        do {
            return try await runner.run(ProcessInvocation("kubectl", arguments, timeout: remaining, outputLimit: outputLimit))
        } catch ProcessRunnerError.outputTooLarge(_, let limit) {
            throw NodeAccessError.malformedOutput(node: node.name, reason: "the node sent more than the \(limit) bytes its script can print; reading stopped there")
        } catch ProcessRunnerError.timedOut {
            throw NodeAccessError.timedOut(node: node.name, after: timeout)
        }
    }

    /// Runs detached so that a cancelled caller (a node that hit its timeout) still cleans up.
    private func delete(pod: String) async {
        let runner = self.runner
        let arguments = deleteArguments(pod: pod)
        await Task.detached {
            _ = try? await runner.run(ProcessInvocation("kubectl", arguments, timeout: .seconds(30)))
        }.value
    }

    static let imagePullReasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]

    /// kubectl prints "Creating debugging pod NAME with container debugger on node NODE."
    static func podName(in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 4, words[0] == "Creating", words[1] == "debugging", words[2] == "pod" {
                return String(words[3])
            }
        }
        return nil
    }
}

/// The few fields of a Pod the transport looks at.
private struct PodView: Decodable {
    struct Status: Decodable {
        var phase: String?
        var reason: String?
        var containerStatuses: [ContainerStatus]?
    }
    struct ContainerStatus: Decodable {
        var name: String
        var state: State?
    }
    struct State: Decodable {
        var waiting: Waiting?
        var terminated: Terminated?
    }
    struct Waiting: Decodable { var reason: String? }
    struct Terminated: Decodable { var exitCode: Int32 }
    var status: Status?
}
