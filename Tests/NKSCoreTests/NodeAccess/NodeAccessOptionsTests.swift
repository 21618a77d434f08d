// Node-access flags: validation that names the flag, and resolution flag > NKS_* > caller
// defaults > built-ins.
import ArgumentParser
import Testing
@testable import NKSCore

@Suite struct NodeAccessOptionsTests {
    func resolve(_ arguments: [String], environment: [String: String] = [:], defaults: NodeAccessDefaults = NodeAccessDefaults(),
                 root: Bool = false) throws -> NodeAccessSettings {
        try NodeAccessSettings.resolve(NodeAccessOptions.parse(arguments), environment: environment, defaults: defaults, localUserIsRoot: root)
    }

    @Test func parsesEveryFlag() throws {
        let settings = try resolve(["--node-access", "debug", "--ssh-user", "ec2-user", "-i", "/k/id", "--ssh-port", "2222",
                                    "--ssh-config", "/k/cfg", "--ssh-jump", "bastion", "--ssh-known-hosts", "/k/kh",
                                    "--accept-new-host-keys", "--no-sudo", "--debug-image", "mirror/busybox:1", "--parallel", "8",
                                    "--node-timeout", "1m30s", "--address-type", "ExternalIP"])
        #expect(settings.method == .debug)
        #expect(settings.ssh == SSHSettings(user: "ec2-user", identityFile: "/k/id", port: 2222, configFile: "/k/cfg", jumpHost: "bastion",
                                            knownHostsFile: "/k/kh", acceptNewHostKeys: true))
        #expect(settings.sudo == false)
        #expect(settings.debugImage == "mirror/busybox:1")
        #expect(settings.parallel == 8)
        #expect(settings.nodeTimeout == .seconds(90))
        #expect(settings.addressType == .externalIP)
    }

    @Test func builtInDefaults() throws {
        let settings = try resolve([], environment: ["HOME": "/home/op"], root: true)
        #expect(settings.method == .ssh)
        #expect(settings.ssh.knownHostsFile == "/home/op/.config/nks/known_hosts")
        #expect(settings.ssh.acceptNewHostKeys == false)
        #expect(settings.sudo == false)
        #expect(settings.parallel == 32)
        #expect(settings.nodeTimeout == .seconds(30))
        #expect(settings.addressType == .internalIP)
        #expect(try resolve([], environment: ["XDG_CONFIG_HOME": "/x"]).ssh.knownHostsFile == "/x/nks/known_hosts")
    }

    @Test func sudoIsOnForNonRootUsers() throws {
        #expect(try resolve(["--ssh-user", "ec2-user"], root: true).sudo == true)
        #expect(try resolve(["--ssh-user", "root"]).sudo == false)
        #expect(try resolve([], root: false).sudo == true)
        #expect(try resolve(["--ssh-user", "root", "--sudo"]).sudo == true)
    }

    @Test func flagBeatsEnvironmentBeatsCallerDefaults() throws {
        let environment = ["NKS_SSH_USER": "env-user", "NKS_PARALLEL": "5", "NKS_NODE_TIMEOUT": "2m", "NKS_SSH_KNOWN_HOSTS": "/env/kh",
                           "NKS_NODE_ACCESS": "debug", "NKS_SSH_PORT": "2200", "NKS_SSH_IDENTITY": "/env/id", "NKS_SSH_CONFIG": "/env/cfg", "NKS_SSH_JUMP": "envjump"]
        let defaults = NodeAccessDefaults(sshUser: "store-user", sshPort: 22, knownHostsFile: "/store/kh", parallel: 10)
        let fromEnvironment = try resolve([], environment: environment, defaults: defaults)
        #expect(fromEnvironment.ssh.user == "env-user")
        #expect(fromEnvironment.parallel == 5)
        #expect(fromEnvironment.nodeTimeout == .seconds(120))
        #expect(fromEnvironment.ssh.knownHostsFile == "/env/kh")
        #expect(fromEnvironment.method == .debug)
        #expect(fromEnvironment.ssh.port == 2200)
        #expect(fromEnvironment.ssh.identityFile == "/env/id" && fromEnvironment.ssh.configFile == "/env/cfg" && fromEnvironment.ssh.jumpHost == "envjump")
        let fromFlags = try resolve(["--ssh-user", "flag-user", "--parallel", "3"], environment: environment, defaults: defaults)
        #expect(fromFlags.ssh.user == "flag-user")
        #expect(fromFlags.parallel == 3)
        let fromDefaults = try resolve([], defaults: defaults)
        #expect(fromDefaults.ssh.user == "store-user")
        #expect(fromDefaults.ssh.knownHostsFile == "/store/kh")
        #expect(fromDefaults.parallel == 10)
    }

    @Test(arguments: [
        (["--node-access", "telnet"], "--node-access"),
        (["--ssh-port", "0"], "--ssh-port"),
        (["--ssh-port", "ssh"], "--ssh-port"),
        (["--parallel", "0"], "--parallel"),
        (["--parallel", "many"], "--parallel"),
        (["--node-timeout", "soon"], "--node-timeout"),
        (["--node-timeout", "30"], "--node-timeout"),
        (["--node-timeout", "30s1m"], "--node-timeout"),
        (["--node-timeout", "0s"], "--node-timeout"),
        (["--ssh-user", ""], "--ssh-user"),
        (["--address-type", "PodIP"], "--address-type"),
        (["--ssh-persist", "forever"], "--ssh-persist"),
        (["--ssh-persist", "48h"], "--ssh-persist"),
    ])
    func rejectsBadValuesNamingTheFlag(_ arguments: [String], _ flag: String) {
        do {
            _ = try NodeAccessOptions.parse(arguments)
            Issue.record("accepted \(arguments)")
        } catch {
            #expect(NodeAccessOptions.message(for: error).contains(flag))
        }
    }

    @Test func sshPersistKeepsConnectionsOnlyWhenAsked() throws {
        let plain = try resolve([])
        #expect(plain.ssh.persistsAcrossRuns == false)
        #expect(plain.ssh.controlPersist == .seconds(60))
        let persisted = try resolve(["--ssh-persist", "10m"])
        #expect(persisted.ssh.persistsAcrossRuns)
        #expect(persisted.ssh.controlPersist == .seconds(600))
        #expect(try resolve([], environment: ["NKS_SSH_PERSIST": "5m"]).ssh.controlPersist == .seconds(300))
        // A flag of 0 turns off what the environment turned on.
        #expect(try resolve(["--ssh-persist", "0"], environment: ["NKS_SSH_PERSIST": "5m"]).ssh.persistsAcrossRuns == false)
    }

    @Test func rejectsBadEnvironmentValuesNamingTheVariable() {
        #expect(throws: ValidationError.self) { try resolve([], environment: ["NKS_PARALLEL": "lots"]) }
        do {
            _ = try resolve([], environment: ["NKS_NODE_TIMEOUT": "forever"])
        } catch {
            #expect("\(error)".contains("NKS_NODE_TIMEOUT"))
        }
    }

    @Test(arguments: [("30s", 30_000), ("2m", 120_000), ("1m30s", 90_000), ("1h", 3_600_000), ("500ms", 500), ("1h2m3s", 3_723_000)])
    func parsesDurations(_ text: String, _ milliseconds: Int64) throws {
        #expect(try NodeAccessSettings.duration(text, source: "--node-timeout") == .milliseconds(milliseconds))
    }
}
