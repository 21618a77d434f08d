// The kubectl flags a look-up runs with are the ones typed so far.
@testable import NKSCompletion
import NKSSync
import Testing

struct LiveLookupsTests {
    @Test func typedConnectionFlagsReachKubectl() throws {
        let root = try CommandNode.describing(SyncCommand.self)
        let typed = TypedWords(["status", "--kubeconfig", "~/lab/kubeconfig", "--context=prod1", "-n", "batch", "--as", "ops", "--as-group", "admins", ""], root: root)
        let options = LiveLookups(environment: ["HOME": "/home/op"]).kubectlOptions(typed)
        #expect(options.globalArguments == ["--kubeconfig=/home/op/lab/kubeconfig", "--context=prod1", "--as=ops", "--as-group=admins"])
        #expect(options.namespaceArguments == ["--namespace=batch"])
    }

    @Test func aStoreThatDoesNotExistYieldsAnError() async throws {
        let root = try CommandNode.describing(SyncCommand.self)
        let typed = TypedWords(["status", "--repo", "/nonexistent/store", "--group", ""], root: root)
        await #expect(throws: (any Error).self) { try await LiveLookups().values(.nodeGroups, typed: typed) }
    }
}
