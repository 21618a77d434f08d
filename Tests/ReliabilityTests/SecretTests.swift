// Credentials never land in the store or in what the plugins print: node files that
// carry a token or a key are refused on import and left out of snapshots, a canonical
// file with a private key stops the run, and a kubeconfig's token is never echoed.
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized) struct SecretTests {
    static let keyData = "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUJhZEtleQ=="
    static let password = "hunter2-do-not-leak"

    static let scenario = """
        name: secrets
        defaults:
          files:
            /etc/kubernetes/kubelet.conf: {content: "apiVersion: v1\\nusers:\\n- name: node\\n  user:\\n    client-key-data: \(keyData)\\n"}
            /etc/sysconfig/kubelet: {content: "KUBELET_EXTRA_ARGS=--node-ip=10.0.0.1\\n"}
        overrides:
          - nodes: {names: "worker-2"}
            note: someone pasted a registry password into the kubelet's environment file
            spec:
              files:
                /etc/sysconfig/kubelet: {content: "KUBELET_EXTRA_ARGS=--node-ip=10.0.0.2\\npassword: \(password)\\n"}
        """

    @Test(.enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
    func nodeCredentialsAreRefusedOnImportAndLeftOutOfSnapshots() async throws {
        try await withLab(yaml: Self.scenario, nodes: 2) { lab in
            let store = try await PluginStore(lab: lab, manifest: "version: 1\nentries:\n  - path: /etc/sysconfig/kubelet\n",
                                              files: ["/etc/sysconfig/kubelet": "KUBELET_EXTRA_ARGS=--node-ip=10.0.0.1\n"])
            defer { store.remove() }
            let head = try await store.head()

            let imported = try await store.kubectl(["nks-sync", "import", "worker-1", "/etc/kubernetes/kubelet.conf"])
            #expect(imported.exitCode == 2)
            #expect(imported.standardErrorText == "error: entry /etc/kubernetes/kubelet.conf looks like a credential (it has a 'client-key-data' value); the store is shared, so secrets are refused unless the entry says allowSecrets: true\n")
            #expect(try await store.head() == head)

            let snapshot = try await store.kubectl(["nks-sync", "snapshot"])
            #expect(snapshot.exitCode == 0, "\(snapshot.standardErrorText)")
            #expect(snapshot.standardErrorText.contains("warning: worker-2:/etc/sysconfig/kubelet not recorded: it looks like a credential (it has a 'password' value)"),
                    "\(snapshot.standardErrorText)")
            let everything = try await store.git(["log", "--all", "-p", "--format=%H"]).standardOutputText
            #expect(!everything.contains(Self.password), "the password is in the store's history")
            #expect(everything.contains("--node-ip=10.0.0.1"), "worker-1's clean file was not recorded")

            for run in [imported, snapshot] {
                let printed = run.standardOutputText + run.standardErrorText
                #expect(!printed.contains(Self.keyData) && !printed.contains(Self.password))
            }
        }
    }

    @Test func aCanonicalFileWithAPrivateKeyStopsTheRunWithoutPrintingIt() async throws {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n"
        let store = try await PluginStore(lab: nil, manifest: "version: 1\nentries:\n  - path: /root/.ssh/id_ed25519\n", files: ["/root/.ssh/id_ed25519": key])
        defer { store.remove() }
        for command in [["nks-sync", "status"], ["nks-sync", "push", "--yes"], ["nks-sync", "diff"]] {
            let run = try await store.kubectl(command)
            #expect(run.exitCode == 2, "\(command)")
            #expect(run.standardErrorText == "error: entry /root/.ssh/id_ed25519 looks like a credential (it contains a private key); the store is shared, so secrets are refused unless the entry says allowSecrets: true\n", "\(command)")
            #expect(!(run.standardOutputText + run.standardErrorText).contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"))
        }
    }

    @Test func aKubeconfigTokenIsNeverEchoed() async throws {
        let token = "nks-test-token-9f8e7d6c5b4a"
        let store = try await PluginStore(lab: nil, manifest: "version: 1\nentries:\n  - path: /etc/logrotate.d/docker\n", files: ["/etc/logrotate.d/docker": "x {\n}\n"])
        defer { store.remove() }
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: \(token)}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """
        try Data(kubeconfig.utf8).write(to: URL(fileURLWithPath: store.home + "/kubeconfig"))
        var environment = store.environment
        environment["KUBECONFIG"] = store.home + "/kubeconfig"
        environment["NKS_WHY_NOLOGS_TRACE"] = "1"
        let runs: [[String]] = [
            ["nks-sync", "status", "--request-timeout", "5s"],
            ["nks-why-nologs", "batch-1", "--request-timeout", "5s"],
            ["nks-repull", "batch-1", "--request-timeout", "5s"],
        ]
        for arguments in runs {
            let run = try await SubprocessRunner().run(ProcessInvocation("kubectl", arguments, environment: environment, timeout: .seconds(120)))
            #expect(run.exitCode == 2, "\(arguments): \(run.standardErrorText)")
            #expect(run.standardErrorText.contains("127.0.0.1:1"), "\(arguments): the failure does not say where: \(run.standardErrorText)")
            #expect(!(run.standardOutputText + run.standardErrorText).contains(token), "\(arguments) printed the token")
        }
    }
}
