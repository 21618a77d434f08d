// Classifies kubectl's real stderr texts. Sources of the texts:
// - measured here with kubectl v1.32.4 (refused, no such host, missing context/user/cluster,
//   bad kubeconfig file, unset current-context), klog lines included as printed;
// - kubernetes/kubectl pkg/cmd/util/helpers.go (commit aa28433, 1.32 line) StandardErrorMessage:
//   "The connection to the server %s was refused - did you specify the right host or port?",
//   "Unable to connect to the server: %v", "error: You must be logged in to the server (%s)",
//   "Error from server (%s): %s";
// - apimachinery pkg/api/errors/errors.go: NewNotFound `%s %q not found`, NewForbidden
//   `%s is forbidden: %v`, NewTimeoutError "the server was unable to return a response in the
//   time allotted, but may still be processing the request";
// - apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage:
//   `User %q cannot %s resource %q in API group %q in the namespace %q` / `at the cluster scope`.
import Foundation
import Testing
@testable import NKSCore

@Suite struct KubectlErrorClassificationTests {
    enum Expected: Sendable {
        case unreachable(server: String?)
        case notFound(resource: String?, name: String?)
        case alreadyExists(resource: String?, name: String?)
        case forbidden
        case timedOut
        case unauthorized
        case badConfiguration
        case failed(message: String)
    }

    static let command = "kubectl get pods --output=json"

    static let cases: [(stderr: String, expected: Expected)] = [
        (
            """
            E1123 18:15:13.508657   15235 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"
            E1123 18:15:13.511329   15235 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"
            The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?
            """,
            .unreachable(server: "127.0.0.1:1")
        ),
        (
            """
            E1123 18:15:13.665075   15314 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"https://nks-no-such-host.invalid:6443/api?timeout=32s\\": dial tcp: lookup nks-no-such-host.invalid on 10.255.255.53:53: no such host"
            Unable to connect to the server: dial tcp: lookup nks-no-such-host.invalid on 10.255.255.53:53: no such host
            """,
            .unreachable(server: "nks-no-such-host.invalid:6443")
        ),
        ("Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout", .unreachable(server: "10.0.0.1:6443")),
        (
            #"E0423 12:27:08.326639   12871 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \"https://192.168.100.41:6443/api?timeout=32s\": dial tcp 192.168.100.41:6443: connect: connection refused""#,
            .unreachable(server: "192.168.100.41:6443")
        ),
        (#"Error from server (NotFound): pods "x" not found"#, .notFound(resource: "pods", name: "x")),
        (#"Error from server (NotFound): cronjobs.batch "nightly" not found"#, .notFound(resource: "cronjobs.batch", name: "nightly")),
        ("Error from server (NotFound): the server could not find the requested resource", .notFound(resource: nil, name: nil)),
        // kubectl create -f: cmdutil.AddSourceToErr("creating", source, err) puts the source first.
        (#"Error from server (NotFound): error when creating "STDIN": namespaces "nks-sync-system" not found"#, .notFound(resource: "namespaces", name: "nks-sync-system")),
        (#"Error from server (AlreadyExists): error when creating "STDIN": configmaps "nks-rev-1" already exists"#, .alreadyExists(resource: "configmaps", name: "nks-rev-1")),
        (#"Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default""#, .forbidden),
        (#"Error from server (Forbidden): nodes "w1" is forbidden: User "system:serviceaccount:ops:nks" cannot get resource "nodes/proxy" in API group "" at the cluster scope"#, .forbidden),
        ("error: You must be logged in to the server (Unauthorized)", .unauthorized),
        ("error: You must be logged in to the server (the server has asked for the client to provide credentials)", .unauthorized),
        ("Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get pods)", .timedOut),
        ("Unable to connect to the server: net/http: request canceled (Client.Timeout exceeded while awaiting headers)", .timedOut),
        (#"Error from server: Get "https://192.168.0.21:10250/containerLogs/default/web/nginx": context deadline exceeded"#, .timedOut),
        ("Unable to connect to the server: net/http: TLS handshake timeout", .timedOut),
        ("Error in configuration: context was not found for specified context: nope", .badConfiguration),
        ("error: no configuration has been provided, try setting KUBERNETES_MASTER environment variable", .badConfiguration),
        (#"error: invalid configuration: no server found for cluster "prod""#, .badConfiguration),
        (#"error: error loading config file "/tmp/kx/bad.yaml": yaml: line 1: did not find expected node content"#, .badConfiguration),
        (#"error: auth info "nope" does not exist"#, .badConfiguration),
        (#"error: context "x" does not exist"#, .badConfiguration),
        ("error: current-context is not set", .badConfiguration),
        (#"error: the server doesn't have a resource type "widgets""#, .failed(message: #"error: the server doesn't have a resource type "widgets""#)),
        (
            "Warning: batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+\nError from server (BadRequest): container \"app\" in pod \"web\" is waiting to start: ContainerCreating",
            .failed(message: "Error from server (BadRequest): container \"app\" in pod \"web\" is waiting to start: ContainerCreating")
        ),
        ("Unable to connect to the server: x509: certificate signed by unknown authority", .failed(message: "Unable to connect to the server: x509: certificate signed by unknown authority")),
        ("", .failed(message: "kubectl printed nothing on stderr")),
    ]

    @Test(arguments: cases)
    func classifiesRealKubectlTexts(stderr: String, expected: Expected) {
        let error = KubectlError.classify(standardError: stderr, exitCode: 1, command: Self.command)
        switch (error, expected) {
        case (.unreachable(let server, _), .unreachable(let expectedServer)):
            #expect(server == expectedServer)
        case (.notFound(let resource, let name, _), .notFound(let expectedResource, let expectedName)):
            #expect(resource == expectedResource && name == expectedName)
        case (.alreadyExists(let resource, let name, _), .alreadyExists(let expectedResource, let expectedName)):
            #expect(resource == expectedResource && name == expectedName)
        case (.forbidden, .forbidden), (.timedOut, .timedOut), (.unauthorized, .unauthorized), (.badConfiguration, .badConfiguration):
            break
        case (.failed(let command, let exitCode, let message), .failed(let expectedMessage)):
            #expect(command == Self.command && exitCode == 1 && message == expectedMessage)
        default:
            Issue.record("classified as \(error), expected \(expected)")
        }
        #expect(!error.description.contains("\n"), "a description is one line")
    }

    @Test func forbiddenNamesUserVerbResourceAndNamespace() {
        let error = KubectlError.classify(
            standardError: #"Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default""#,
            exitCode: 1, command: Self.command
        )
        guard case .forbidden(let forbidden) = error else {
            Issue.record("not forbidden: \(error)")
            return
        }
        #expect(forbidden.user == "alice")
        #expect(forbidden.verb == "list")
        #expect(forbidden.resource == "pods")
        #expect(forbidden.apiGroup == "")
        #expect(forbidden.namespace == "default")
        #expect(error.description == #"User "alice" may not list pods in namespace "default"; ask a cluster administrator for this RBAC permission, or use --context/--as with an identity that has it"#)
    }

    @Test func forbiddenAtClusterScopeAndOnPaths() {
        let node = KubectlError.parseForbidden(#"Error from server (Forbidden): nodes "w1" is forbidden: User "bob" cannot get resource "nodes/proxy" in API group "" at the cluster scope"#)
        #expect(node.user == "bob" && node.verb == "get" && node.resource == "nodes/proxy" && node.namespace == nil)
        #expect(node.summary == #"User "bob" may not get nodes/proxy at the cluster scope"#)

        let path = KubectlError.parseForbidden(#"Error from server (Forbidden): forbidden: User "bob" cannot get path "/logs/""#)
        #expect(path.verb == "get" && path.resource == "/logs/" && path.apiGroup == nil)
        #expect(path.summary == #"User "bob" may not get /logs/"#)

        let cronJobs = KubectlError.parseForbidden(#"Error from server (Forbidden): cronjobs.batch is forbidden: User "carol" cannot list resource "cronjobs" in API group "batch" in the namespace "ops""#)
        #expect(cronJobs.summary == #"User "carol" may not list cronjobs (API group "batch") in namespace "ops""#)
    }

    @Test func descriptionsSayWhatFailedAndWhatToDo() {
        let unreachable = KubectlError.unreachable(server: "127.0.0.1:1", message: "connection refused")
        #expect(unreachable.description == "cannot reach the Kubernetes API server 127.0.0.1:1 (connection refused); check the server address in the kubeconfig, the network or VPN, and that --context names the cluster you mean")
        #expect(KubectlError.kubectlNotFound(executable: "kubectl").description.contains("set NKS_KUBECTL"))
        let failed = KubectlError.failed(command: "kubectl get widgets", exitCode: 1, message: "error: the server doesn't have a resource type \"widgets\"\nsecond line")
        #expect(failed.description == #"kubectl get widgets failed with exit code 1: error: the server doesn't have a resource type "widgets" second line; run it by hand to see kubectl's full output"#)
    }

    @Test(arguments: [
        ("E1123 18:15:13.508657   15235 memcache.go:265] \"Unhandled Error\"", true),
        ("I0101 10:45:41.990318    7903 round_trippers.go:466] curl -v -XGET", true),
        ("Error from server (NotFound): pods \"x\" not found", false),
        ("E1123 is not a klog line", false),
    ])
    func recognisesKlogLines(line: String, isKlog: Bool) {
        #expect(KubectlError.isKlogLine(line) == isKlog)
    }
}
