// KubectlClient against real programs: the real kubectl 1.32 with throwaway kubeconfigs, and
// small fake kubectl scripts chosen through NKS_KUBECTL for what a real cluster cannot be
// made to do on demand (precise exit codes, huge lists, hanging, concurrency).
import Foundation
import Testing
@testable import NKSCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes executable `#!/bin/sh` scripts into a fresh temporary directory.
struct FakeKubectl {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-fake-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func script(_ body: String, named name: String = "kubectl") throws -> String {
        let file = path(name)
        try ("#!/bin/sh\n" + body + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        return file
    }

    func client(_ script: String, options: KubectlOptions = .defaults, deadlineGrace: Duration = .seconds(5)) -> KubectlClient {
        KubectlClient(options: options, environment: ["NKS_KUBECTL": script], deadlineGrace: deadlineGrace)
    }
}

@Suite struct KubectlEndToEndTests {
    static let deadKubeconfig = """
    apiVersion: v1
    kind: Config
    clusters:
    - name: dead
      cluster:
        server: http://127.0.0.1:1
    - name: blue
      cluster:
        server: https://blue.example.invalid:6443
    contexts:
    - name: dead
      context: {cluster: dead, user: ops, namespace: kube-system}
    - name: prod-blue
      context: {cluster: blue, user: ops}
    current-context: dead
    users:
    - name: ops
      user: {token: nks-test-secret-token}
    """

    // MARK: The real kubectl

    @Test func realKubectlReportsARefusedServerAsUnreachable() async throws {
        let kubeconfig = try TemporaryKubeconfig.write(Self.deadKubeconfig)
        let kubectl = KubectlClient(options: KubectlOptions(kubeconfig: kubeconfig, requestTimeout: "5s"), environment: [:])
        await #expect(throws: KubectlError.unreachable(server: "127.0.0.1:1", message: "connection refused")) {
            _ = try await kubectl.list(Pod.self)
        }
    }

    @Test func realKubectlReadsKUBECONFIGFromItsEnvironment() async throws {
        let kubeconfig = try TemporaryKubeconfig.write(Self.deadKubeconfig)
        let kubectl = KubectlClient(options: KubectlOptions(requestTimeout: "5s"), environment: [:], childEnvironment: ["KUBECONFIG": kubeconfig])
        await #expect(throws: KubectlError.unreachable(server: "127.0.0.1:1", message: "connection refused")) {
            _ = try await kubectl.raw("/api/v1/nodes/w1/proxy/configz")
        }
    }

    @Test func realKubectlRejectsAnUnknownContext() async throws {
        let kubeconfig = try TemporaryKubeconfig.write(Self.deadKubeconfig)
        let kubectl = KubectlClient(options: KubectlOptions(kubeconfig: kubeconfig, context: "nope"), environment: [:])
        await #expect(throws: KubectlError.badConfiguration(message: "Error in configuration: context was not found for specified context: nope")) {
            _ = try await kubectl.list(Node.self)
        }
    }

    @Test func realKubectlListsContextsOfAKubeconfig() async throws {
        let kubeconfig = try TemporaryKubeconfig.write(Self.deadKubeconfig)
        let kubectl = KubectlClient(options: KubectlOptions(kubeconfig: kubeconfig), environment: [:])
        let contexts = try await kubectl.contexts()
        #expect(contexts == [
            KubeContext(name: "dead", cluster: "dead", user: "ops", namespace: "kube-system", isCurrent: true),
            KubeContext(name: "prod-blue", cluster: "blue", user: "ops", namespace: nil, isCurrent: false),
        ])
        #expect(try await kubectl.currentContext() == "dead")

        var chosen = kubectl
        chosen.options.context = "prod-blue"
        #expect(try await chosen.contexts().filter(\.isCurrent).map(\.name) == ["prod-blue"])

        let empty = try TemporaryKubeconfig.write("apiVersion: v1\nkind: Config\n")
        let none = KubectlClient(options: KubectlOptions(kubeconfig: empty), environment: [:])
        #expect(try await none.contexts().isEmpty)
        #expect(try await none.currentContext() == nil)
    }

    @Test func aMissingKubectlIsNamed() async throws {
        let kubectl = KubectlClient(environment: ["NKS_KUBECTL": "nks-no-such-kubectl"])
        await #expect(throws: KubectlError.kubectlNotFound(executable: "nks-no-such-kubectl")) {
            _ = try await kubectl.list(Node.self)
        }
        let byPath = KubectlClient(environment: ["NKS_KUBECTL": "/nonexistent/nks/kubectl"])
        await #expect(throws: KubectlError.kubectlNotFound(executable: "/nonexistent/nks/kubectl")) {
            _ = try await byPath.list(Node.self)
        }
    }

    // MARK: Fake kubectl scripts

    @Test func passesArgumentsAndInheritsTheEnvironment() async throws {
        let fake = try FakeKubectl()
        let script = try fake.script(#"""
        for argument in "$@"; do printf '%s\n' "$argument"; done > "$(dirname "$0")/arguments"
        printf '%s' "$PATH" > "$(dirname "$0")/path"
        printf '{"kind":"List","items":[]}'
        """#)
        let options = KubectlOptions(context: "prod 1", namespace: "batch", impersonateUser: "alice", impersonateGroups: ["ops team"])
        _ = try await fake.client(script, options: options).list(Pod.self, labelSelector: "app in (a,b)")
        let arguments = try String(contentsOfFile: fake.path("arguments"), encoding: .utf8)
        #expect(arguments == "--context=prod 1\n--as=alice\n--as-group=ops team\nget\npods\n--output=json\n--namespace=batch\n--selector=app in (a,b)\n")
        let path = try String(contentsOfFile: fake.path("path"), encoding: .utf8)
        #expect(path == ProcessInfo.processInfo.environment["PATH"])
    }

    @Test func capturesExitCodeAndStandardError() async throws {
        let fake = try FakeKubectl()
        let forbidden = try fake.script(#"""
        echo 'Error from server (Forbidden): nodes "w1" is forbidden: User "alice" cannot get resource "nodes/proxy" in API group "" at the cluster scope' >&2
        exit 1
        """#, named: "forbidden")
        do {
            _ = try await fake.client(forbidden).raw("/api/v1/nodes/w1/proxy/configz")
            Issue.record("no error")
        } catch KubectlError.forbidden(let detail) {
            #expect(detail.user == "alice" && detail.verb == "get" && detail.resource == "nodes/proxy" && detail.namespace == nil)
        }

        let odd = try fake.script("echo 'first complaint' >&2; echo 'second complaint' >&2; exit 3", named: "odd")
        await #expect(throws: KubectlError.failed(command: "\(odd) get --raw /healthz", exitCode: 3, message: "first complaint")) {
            _ = try await fake.client(odd).raw("/healthz")
        }

        let logs = try fake.script("printf 'line 1\\nline 2\\n'; echo 'error: container report is terminated' >&2; exit 1", named: "logs")
        let result = try await fake.client(logs).logs(pod: "job-x", namespace: "batch")
        #expect(result.exitCode == 1)
        #expect(result.text == "line 1\nline 2\n")
        #expect(result.standardError == "error: container report is terminated\n")
    }

    @Test func decodesSeveralMegabytesOfJSON() async throws {
        let fake = try FakeKubectl()
        let count = 60_000
        let script = try fake.script(#"""
        awk 'BEGIN {
          printf "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"},\"items\":["
          for (i = 0; i < \#(count); i++) {
            if (i > 0) printf ","
            printf "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-%d\",\"namespace\":\"batch\",\"creationTimestamp\":\"2024-05-01T10:00:00Z\",\"labels\":{\"app\":\"report\"}},\"spec\":{\"nodeName\":\"w%d\"},\"status\":{\"phase\":\"Running\"}}", i, i % 100
          }
          printf "]}"
        }'
        """#)
        let pods = try await fake.client(script).list(Pod.self)
        #expect(pods.count == count)
        #expect(pods.last?.metadata.name == "pod-\(count - 1)")
        #expect(pods.last?.spec?.nodeName == "w\((count - 1) % 100)")
        let bytes = try await SubprocessRunner().run(ProcessInvocation(script)).standardOutput.count
        #expect(bytes > 5_000_000, "the document is several MB (\(bytes) bytes)")
    }

    @Test func malformedOutputFromKubectlIsAnErrorNotACrash() async throws {
        let fake = try FakeKubectl()
        let truncated = try fake.script(#"printf '{"kind":"List","items":[{"metadata":{"name":"w1"'"#)
        do {
            _ = try await fake.client(truncated).list(Node.self)
            Issue.record("no error")
        } catch KubectlError.malformedOutput(let command, _) {
            #expect(command == "\(truncated) get nodes --output=json")
        }
    }

    @Test func aHangingKubectlIsKilledByTheRequestTimeout() async throws {
        let fake = try FakeKubectl()
        let script = try fake.script(#"echo $$ > "$(dirname "$0")/pid"; exec sleep 60"#)
        let kubectl = fake.client(script, options: KubectlOptions(requestTimeout: "1s"), deadlineGrace: .zero)
        do {
            _ = try await kubectl.list(Node.self)
            Issue.record("a hanging kubectl returned")
        } catch KubectlError.timedOut(let command, let message) {
            #expect(command == "\(script) --request-timeout=1s get nodes --output=json")
            #expect(message == "stopped after 2s")
        }
        let pid = try #require(Int32(String(contentsOfFile: fake.path("pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<50 where alive {
            alive = kill(pid, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!alive, "kubectl (pid \(pid)) still runs after its deadline")
    }

    /// Each fake call waits for the other's marker: run one after the other, the first would
    /// give up and fail, so both succeeding shows the two ran at the same time.
    @Test func independentCallsRunConcurrently() async throws {
        let fake = try FakeKubectl()
        let script = try fake.script(#"""
        dir=$(dirname "$0")
        case "$*" in
          *"get nodes"*) mine=nodes; theirs=pods ;;
          *) mine=pods; theirs=nodes ;;
        esac
        touch "$dir/$mine"
        i=0
        while [ ! -e "$dir/$theirs" ]; do
          i=$((i + 1)); [ "$i" -gt 200 ] && { echo "error: $theirs never started" >&2; exit 1; }
          sleep 0.05
        done
        printf '{"kind":"List","items":[{"metadata":{"name":"%s-1"}}]}' "$mine"
        """#)
        let kubectl = fake.client(script)
        async let nodes = kubectl.list(Node.self)
        async let pods = kubectl.list(Pod.self, namespace: .all)
        let (nodeNames, podNames) = try await (nodes.map(\.metadata.name), pods.map(\.metadata.name))
        #expect(nodeNames == ["nodes-1"])
        #expect(podNames == ["pods-1"])
    }
}
