// What a real apiserver gets from kubelets: container logs (with the error shapes that
// matter to nks-why-nologs) and node proxy endpoints such as /configz and /logs/.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

@Suite("logs and node proxy through the lab API server")
struct KubeletPassThroughTests {
    @Test func logsWithBadRequestStatusFail() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("job-1", namespace: "batch"))
            let message = "unable to retrieve container logs for containerd://4f1c0e5a"
            await lab.state.setPodLogs(namespace: "batch", pod: "job-1", container: "app", previous: false,
                                       answer: .status(code: 400, reason: "BadRequest", message: message))
            let output = try await lab.kubectl("logs", "job-1", "-n", "batch")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains("Error from server (BadRequest): \(message)"))
        }
    }

    @Test func logsWithErrorBodyOn200Succeed() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("job-1", namespace: "batch"))
            let body = "failed to try resolving symlinks in path \"/var/log/pods/batch_job-1/app/0.log\": no such file or directory"
            await lab.state.setPodLogs(namespace: "batch", pod: "job-1", container: nil, previous: false, answer: .bodyWithSuccess(body))
            let output = try await lab.kubectl("logs", "job-1", "-n", "batch")
            #expect(output.exitCode == 0, "\(output.standardErrorText)")
            #expect(output.standardOutputText.contains(body))
        }
    }

    @Test func logsTextTailPreviousAndContainerChoice() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.pod("web-1", namespace: "shop", containers: ["app", "sidecar"]))
            await lab.state.setPodLogs(namespace: "shop", pod: "web-1", container: "app", previous: false, answer: .text("one\ntwo\nthree\n"))
            await lab.state.setPodLogs(namespace: "shop", pod: "web-1", container: "app", previous: true, answer: .text("crashed\n"))
            let tail = try await lab.kubectl("logs", "web-1", "-n", "shop", "-c", "app", "--tail=2")
            #expect(tail.exitCode == 0, "\(tail.standardErrorText)")
            #expect(tail.standardOutputText == "two\nthree\n")
            let previous = try await lab.kubectl("logs", "web-1", "-n", "shop", "-c", "app", "--previous")
            #expect(previous.standardOutputText == "crashed\n")
            let noPrevious = try await lab.kubectl("logs", "web-1", "-n", "shop", "-c", "sidecar", "--previous")
            #expect(noPrevious.exitCode == 1)
            #expect(noPrevious.standardErrorText.contains(#"previous terminated container "sidecar" in pod "web-1" not found"#))
            let wrong = try await lab.kubectl("logs", "web-1", "-n", "shop", "-c", "nope")
            #expect(wrong.exitCode == 1)
            #expect(wrong.standardErrorText.contains("container nope is not valid for pod web-1"))
            let query = await lab.state.recordedRequests().first { $0.path.hasSuffix("/log") }?.queryItems
            #expect(query?["container"] == "app")
            #expect(query?["tailLines"] == "2")
        }
    }

    @Test func nodeProxyConfigzAndLogs() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            await lab.state.setNodeProxy(node: "node-a", path: "configz", answer: .json([
                "kubeletconfig": ["imageGCHighThresholdPercent": 85, "containerLogMaxSize": "10Mi"],
            ]))
            await lab.state.setNodeProxy(node: "node-a", path: "logs/", answer: .directoryListing)
            let configz = try await lab.kubectl("get", "--raw", "/api/v1/nodes/node-a/proxy/configz")
            #expect(configz.exitCode == 0, "\(configz.standardErrorText)")
            let document = try JSONValue(parsing: configz.standardOutput)
            #expect(document[path: "kubeletconfig", "imageGCHighThresholdPercent"]?.intValue == 85)
            #expect(configz.standardOutputText.contains(#""imageGCHighThresholdPercent":85"#))

            let withPort = try await lab.kubectl("get", "--raw", "/api/v1/nodes/node-a:10250/proxy/configz")
            #expect(withPort.standardOutput == configz.standardOutput)

            let logs = try await lab.kubectl("get", "--raw", "/api/v1/nodes/node-a/proxy/logs/?query=kubelet")
            #expect(logs.exitCode == 0, "\(logs.standardErrorText)")
            #expect(logs.standardOutputText.hasPrefix("<pre>"))

            let unknownNode = try await lab.kubectl("get", "--raw", "/api/v1/nodes/ghost/proxy/configz")
            #expect(unknownNode.exitCode == 1)
            #expect(unknownNode.standardErrorText.contains(#"nodes "ghost" not found"#))

            let unset = try await lab.kubectl("get", "--raw", "/api/v1/nodes/node-a/proxy/stats/summary")
            #expect(unset.exitCode == 1)
            #expect(unset.standardErrorText.contains("NotFound"))
        }
    }

    @Test func nodeProxyStatusAnswer() async throws {
        try await LabAPI.with { lab in
            try await lab.state.upsert(Fixtures.node("node-a"))
            await lab.state.setNodeProxy(node: "node-a", path: "configz", answer: .status(code: 503, message: "error trying to reach service: dial tcp 10.0.0.1:10250: connect: connection refused"))
            let output = try await lab.kubectl("get", "--raw", "/api/v1/nodes/node-a/proxy/configz")
            #expect(output.exitCode == 1)
            #expect(output.standardErrorText.contains("ServiceUnavailable"))
            #expect(output.standardErrorText.contains("connection refused"))
        }
    }
}
