// Per-node API calls through one `kubectl proxy` against the lab's API server: the same
// bytes and the same typed errors as a kubectl process per call, and no proxy left behind.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct KubectlProxyOnLabTests {
    @Test func proxiedCallsAnswerAsKubectlDoesAndEndWithTheRun() async throws {
        try await withLab(scenario: "drift", nodes: 3) { lab in
            let direct = KubectlClient(options: lab.kubectlOptions)
            let proxied = direct.withProxy()
            let proxy = try #require(proxied.proxy)

            for node in ["worker-1", "worker-2", "worker-3"] {
                let path = "/api/v1/nodes/\(node)/proxy/configz"
                #expect(try await proxied.raw(path) == (try await direct.raw(path)), "\(node)")
            }
            #expect(Self.proxies(for: lab).count == 1, "one proxy serves every call of the run")

            await #expect(throws: KubectlError.notFound(resource: "nodes", name: "worker-9", message: #"nodes "worker-9" not found"#)) {
                try await proxied.raw("/api/v1/nodes/worker-9")
            }

            _ = try await proxied.annotate(resource: "node", name: "worker-2", namespace: nil, annotations: ["nks-sync.kubectl-nks.io/revision": "abc123"])
            let annotated = try await direct.get(Node.self, name: "worker-2", namespace: nil)
            #expect(annotated.metadata.annotations?["nks-sync.kubectl-nks.io/revision"] == "abc123")

            await proxy.stop()
            try await Task.sleep(for: .milliseconds(300))
            #expect(Self.proxies(for: lab) == [])
            // After stop, calls fall back to a kubectl process each and still answer.
            #expect(try await proxied.raw("/api/v1/nodes/worker-1/proxy/configz") == (try await direct.raw("/api/v1/nodes/worker-1/proxy/configz")))
        }
    }

    @Test func nodesAreListedPageByPageThroughTheProxyAsKubectlListsThem() async throws {
        try await withLab(scenario: "basic", nodes: 5) { lab in
            let direct = KubectlClient(options: lab.kubectlOptions)
            var proxied = direct.withProxy()
            proxied.listPageSize = 2
            let expected = try await direct.list(Node.self, namespace: .all, labelSelector: nil, fieldSelector: nil).map(\.metadata.name)
            let before = await lab.state.recordedRequests().count

            let paged = try await proxied.list(Node.self, namespace: .all, labelSelector: nil, fieldSelector: nil).map(\.metadata.name)

            #expect(paged == expected)
            #expect(paged.count == 5)
            let pages = await lab.state.recordedRequests().dropFirst(before).filter { $0.method == "GET" && $0.path == "/api/v1/nodes" }
            #expect(pages.count == 3, "\(pages.map(\.query))")
            #expect(pages.allSatisfy { $0.query.hasPrefix("limit=2") }, "\(pages.map(\.query))")
            #expect(pages.dropFirst().allSatisfy { $0.query.contains("&continue=") }, "\(pages.map(\.query))")
            // A selector with spaces, commas and parentheses reaches the server intact.
            let selected = try await proxied.list(Node.self, namespace: .all, labelSelector: "kubernetes.io/hostname in (worker-2,worker-4)", fieldSelector: nil)
            #expect(selected.map(\.metadata.name) == ["worker-2", "worker-4"])
            await proxied.proxy?.stop()
        }
    }

    @Test func aProxyThatCannotStartSendsCallsBackToKubectl() async throws {
        try await withLab(scenario: "basic", nodes: 1) { lab in
            // A kubectl that knows no `proxy` (a wrapper, a restricted build): the client
            // must still answer through plain kubectl.
            let bin = FileManager.default.temporaryDirectory.appendingPathComponent("nks-noproxy-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: bin) }
            let wrapper = bin.appendingPathComponent("kubectl")
            try Data("#!/bin/sh\nfor a; do [ \"$a\" = proxy ] && { echo 'error: unknown command \"proxy\"' >&2; exit 1; }; done\nexec kubectl \"$@\"\n".utf8).write(to: wrapper)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
            let client = KubectlClient(options: lab.kubectlOptions, environment: ["NKS_KUBECTL": wrapper.path]).withProxy()
            let path = "/api/v1/nodes/worker-1/proxy/configz"
            #expect(try await client.raw(path) == (try await KubectlClient(options: lab.kubectlOptions).raw(path)))
            await client.proxy?.stop()
        }
    }

    @Test func theProxyEndsWhenTheProcessThatStartedItIsGone() async throws {
        // The supervisor's stdin is the lifeline: here its writer (`sleep 1`) exits, as a
        // killed plugin would, and the supervised command must end with it.
        let output = try await SubprocessRunner().run(ProcessInvocation(
            "sh", ["-c", "sleep 1 | sh -c \"$0\" sh sleep 300", KubectlProxy.supervisor],
            timeout: .seconds(30)
        ))
        #expect(output.exitCode == 128 + SIGTERM)
    }

    /// `kubectl proxy` processes started with this lab's kubeconfig.
    static func proxies(for lab: Lab) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry -> String? in
            guard Int32(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard arguments.first?.hasSuffix("kubectl") == true, arguments.contains("proxy"),
                  arguments.contains("--kubeconfig=\(lab.paths.kubeconfig.path)") else { return nil }
            return entry
        }
    }
}
