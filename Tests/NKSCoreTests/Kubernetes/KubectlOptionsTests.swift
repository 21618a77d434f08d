// The shared connection flags: kubectl's spellings parse, every value reaches kubectl
// unchanged, nothing is added when a flag is absent (so KUBECONFIG keeps working), and bad
// values are refused naming the flag.
import ArgumentParser
import Foundation
import Testing
@testable import NKSCore

@Suite struct KubectlOptionsTests {
    @Test func everyFlagPassesThroughExactly() throws {
        let kubeconfig = try TemporaryKubeconfig.write("apiVersion: v1\nkind: Config\n")
        let options = try KubectlOptions.parse([
            "--kubeconfig", kubeconfig, "--context", "prod-1", "--cluster", "blue", "--user", "ops-admin",
            "-n", "batch", "--as", "system:serviceaccount:ops:nks", "--as-group", "system:masters",
            "--as-group", "ops team", "--request-timeout", "1m30s",
        ])
        #expect(options.globalArguments == [
            "--kubeconfig=\(kubeconfig)", "--context=prod-1", "--cluster=blue", "--user=ops-admin",
            "--as=system:serviceaccount:ops:nks", "--as-group=system:masters", "--as-group=ops team",
            "--request-timeout=1m30s",
        ])
        #expect(options.namespaceArguments == ["--namespace=batch"])
        #expect(options.requestTimeoutDuration == .seconds(90))
    }

    @Test func longAndShortNamespaceFlags() throws {
        #expect(try KubectlOptions.parse(["--namespace", "kube-system"]).namespace == "kube-system")
        #expect(try KubectlOptions.parse(["-A"]).namespaceArguments == ["--all-namespaces"])
        #expect(try KubectlOptions.parse(["--all-namespaces"]).allNamespaces)
    }

    @Test func noFlagsMeansNoArguments() throws {
        let options = try KubectlOptions.parse([])
        #expect(options.globalArguments.isEmpty, "without --kubeconfig, kubectl reads KUBECONFIG itself")
        #expect(options.namespaceArguments.isEmpty)
        #expect(options.requestTimeoutDuration == nil)
    }

    @Test func valuesThatLookLikeFlagsStayValues() throws {
        let options = KubectlOptions(context: "-weird", impersonateUser: "--as-me")
        #expect(options.globalArguments == ["--context=-weird", "--as=--as-me"])
    }

    @Test(arguments: [
        (["--request-timeout", "soon"], "--request-timeout"),
        (["--request-timeout", "-5s"], "--request-timeout"),
        (["--request-timeout", "5x"], "--request-timeout"),
        (["-n", "Bad_Namespace"], "-n/--namespace"),
        (["-n", "batch", "-A"], "-A/--all-namespaces"),
        (["--as-group", "g1"], "--as-group"),
        (["--context", ""], "--context"),
        (["--kubeconfig", "/nonexistent/nks/kubeconfig"], "--kubeconfig"),
    ])
    func rejectsBadValuesNamingTheFlag(arguments: [String], flag: String) {
        do {
            _ = try KubectlOptions.parse(arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            let message = KubectlOptions.message(for: error)
            #expect(message.contains(flag), "\(message)")
            #expect(!message.contains("\n"))
        }
    }

    @Test(arguments: [
        ("0", Duration.zero),
        ("30", .seconds(30)),
        ("500ms", .milliseconds(500)),
        ("1.5s", .milliseconds(1500)),
        ("2m", .seconds(120)),
        ("1h2m3s", .seconds(3723)),
        ("250us", .microseconds(250)),
    ])
    func parsesRequestTimeoutsAsKubectlDoes(text: String, duration: Duration) {
        #expect(RequestTimeout.parse(text) == duration)
    }

    @Test(arguments: ["", "abc", "s", ".", "1.", "-1", "-1s", "1d", "10 s", "1m-2s"])
    func refusesWhatKubectlRefuses(text: String) {
        #expect(RequestTimeout.parse(text) == nil, "\(text)")
    }

    /// How a plugin command embeds the flags; the group's validate() runs with the command's.
    struct ProbeCommand: ParsableCommand {
        @OptionGroup var kubectl: KubectlOptions
        @Argument var node: String
    }

    @Test func worksAsAnOptionGroupOfACommand() throws {
        let command = try ProbeCommand.parse(["w1", "--context", "prod-2", "-A"])
        #expect(command.node == "w1")
        #expect(command.kubectl.globalArguments == ["--context=prod-2"])
        #expect(command.kubectl.namespaceArguments == ["--all-namespaces"])
        #expect(throws: (any Error).self) { try ProbeCommand.parse(["w1", "--request-timeout", "later"]) }
    }

    @Test func zeroTimeoutMeansNoLimit() throws {
        #expect(try KubectlOptions.parse(["--request-timeout", "0"]).requestTimeoutDuration == nil)
    }
}

/// A kubeconfig file in a fresh temporary directory.
enum TemporaryKubeconfig {
    static func write(_ contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nks-kubeconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("config")
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
