// The ssh argument list built from settings, and the host key alias for odd node names.
import Foundation
import Testing
@testable import NKSCore

@Suite struct SSHArgumentsTests {
    let node = NodeTarget(name: "worker-1", address: "10.0.0.5")

    func value(of option: String, in arguments: [String]) -> [String] {
        zip(arguments, arguments.dropFirst()).filter { $0.0 == "-o" && $0.1.hasPrefix(option + "=") }.map { String($0.1.dropFirst(option.count + 1)) }
    }

    @Test func buildsTheFullCommand() {
        let settings = SSHSettings(user: "ec2-user", identityFile: "/k/id_rsa", port: 2222, configFile: "/k/ssh_config", jumpHost: "bastion",
                                   knownHostsFile: "/c/known_hosts", connectTimeout: .seconds(7), controlPersist: .seconds(90))
        let arguments = SSHArguments.command(settings, node: node, controlDirectory: "/tmp/nks-ab", remoteCommand: "sh -c 'true'")
        #expect(arguments == [
            "-F", "/k/ssh_config",
            "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=\"/c/known_hosts\"",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "KnownHostsCommand=none", "-o", "UpdateHostKeys=no",
            "-o", "StrictHostKeyChecking=yes", "-o", "HostKeyAlias=worker-1",
            "-o", "ForwardAgent=no", "-o", "ForwardX11=no", "-o", "ClearAllForwardings=yes", "-o", "PermitLocalCommand=no",
            "-o", "ControlMaster=auto",
            "-o", "ControlPath=" + SSHControlDirectory.socket(in: "/tmp/nks-ab", for: node, settings: settings),
            "-o", "ControlPersist=90", "-o", "ConnectTimeout=7",
            "-p", "2222", "-l", "ec2-user", "-i", "/k/id_rsa", "-o", "IdentitiesOnly=yes", "-J", "bastion",
            "--", "10.0.0.5", "sh -c 'true'",
        ])
    }

    @Test(arguments: [false, true])
    func neverDisablesHostKeyChecking(_ acceptNew: Bool) {
        let settings = SSHSettings(knownHostsFile: "/c/kh", acceptNewHostKeys: acceptNew)
        for arguments in [SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x")] {
            #expect(value(of: "StrictHostKeyChecking", in: arguments) == [acceptNew ? "accept-new" : "yes"])
            #expect(!arguments.joined(separator: " ").lowercased().contains("stricthostkeychecking=no"))
            #expect(value(of: "BatchMode", in: arguments) == ["yes"])
        }
    }

    @Test func aSinglePassOpensNoMasterEvenIfTheUsersConfigAsks() {
        var settings = SSHSettings(knownHostsFile: "/c/kh")
        settings.multiplexes = false
        let arguments = SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x")
        #expect(value(of: "ControlMaster", in: arguments) == ["no"])
        #expect(value(of: "ControlPath", in: arguments) == ["none"])
        #expect(value(of: "ControlPersist", in: arguments) == [])
        // Persisting for the next command wins over the single pass.
        settings.persistsAcrossRuns = true
        settings.controlPersist = .seconds(600)
        let persisted = SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x")
        #expect(value(of: "ControlMaster", in: persisted) == ["auto"])
        #expect(value(of: "ControlPersist", in: persisted) == ["600"])
    }

    @Test func theSocketNameChangesWithWhereAndAsWhomSSHConnects() throws {
        let config = try TemporaryDirectory()
        let file = try config.write("ssh_config", "Host *\n  User root\n")
        let settings = SSHSettings(user: "ec2-user", port: 22, configFile: file, knownHostsFile: "/c/kh")
        let socket = SSHControlDirectory.socket(in: "/d", for: node, settings: settings)
        #expect(socket.hasPrefix("/d/") && socket.count == 3 + 40 && socket.dropFirst(3).allSatisfy(\.isHexDigit))
        #expect(SSHControlDirectory.socket(in: "/d", for: node, settings: settings) == socket)
        var other = settings
        other.user = "core"
        #expect(SSHControlDirectory.socket(in: "/d", for: node, settings: other) != socket)
        other = settings
        other.jumpHost = "bastion"
        #expect(SSHControlDirectory.socket(in: "/d", for: node, settings: other) != socket)
        #expect(SSHControlDirectory.socket(in: "/d", for: NodeTarget(name: "worker-1", address: "10.0.0.6"), settings: settings) != socket)
        // Another ssh_config with other content: another master.
        let edited = try config.write("edited_config", "Host *\n  User admin\n")
        other = settings
        other.configFile = edited
        #expect(SSHControlDirectory.socket(in: "/d", for: node, settings: other) != socket)
    }

    @Test(arguments: ["worker-1", "ip-10-0-0-5.ec2.internal", "a"])
    func keepsDNSNamesAsAliases(_ name: String) {
        #expect(SSHArguments.hostKeyAlias(for: name) == name)
    }

    @Test(arguments: ["Node 1", "a,b", "*", "[x]:22", "-oProxyCommand=x", "名前", "", "UPPER"])
    func mapsOddNamesToSafeDistinctAliases(_ name: String) {
        let alias = SSHArguments.hostKeyAlias(for: name)
        #expect(alias.allSatisfy { $0.isLetter && $0.isASCII && $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        #expect(alias.hasPrefix("nks-"))
        #expect(alias != SSHArguments.hostKeyAlias(for: name + "x"))
    }

    @Test func theControlSocketPathFitsTheUnixLimitAndIsPrivate() async throws {
        let client = try TemporaryDirectory()
        let transport = try SSHTransport(settings: SSHSettings(knownHostsFile: client.path + "/nks/known_hosts"), sudo: false)
        // sun_path holds 108 bytes including the NUL.
        let socket = SSHControlDirectory.socket(in: transport.controlDirectory, for: node, settings: transport.settings)
        #expect(socket.utf8.count < 100)
        let attributes = try FileManager.default.attributesOfItem(atPath: transport.controlDirectory)
        #expect(attributes[.posixPermissions] as? Int == 0o700)
        await transport.shutdown()
        #expect(!FileManager.default.fileExists(atPath: transport.controlDirectory))
    }

    /// Whatever the user's ssh_config says, a node gets no agent, no forwarding and no
    /// local command, and only the pinned known_hosts counts.
    @Test func theHardeningOptionsAlwaysComeFirst() {
        for settings in [SSHSettings(knownHostsFile: "/c/kh"), SSHSettings(configFile: "/u/config", knownHostsFile: "/c/kh", multiplexes: false)] {
            let arguments = SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x")
            for (option, wanted) in [("ForwardAgent", "no"), ("ForwardX11", "no"), ("ClearAllForwardings", "yes"), ("PermitLocalCommand", "no"),
                                     ("UpdateHostKeys", "no"), ("GlobalKnownHostsFile", "/dev/null"), ("KnownHostsCommand", "none")] {
                #expect(value(of: option, in: arguments) == [wanted], "\(option)")
            }
        }
    }

    /// ssh reads `%` tokens and whitespace-separated lists in UserKnownHostsFile.
    @Test func theKnownHostsPathIsQuotedForSSH() async throws {
        let settings = SSHSettings(knownHostsFile: "/c/my store %h/known hosts")
        let arguments = SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x")
        #expect(value(of: "UserKnownHostsFile", in: arguments) == ["\"/c/my store %%h/known hosts\""])
        // What the installed ssh makes of it: the path, exactly.
        let resolved = try await SubprocessRunner().run(ProcessInvocation("ssh", ["-G", "-F", "/dev/null"] + arguments.prefix(while: { $0 != "--" }) + ["10.0.0.5"]))
        #expect(resolved.standardOutputText.split(separator: "\n").contains("userknownhostsfile /c/my store %h/known hosts"), "\(resolved.standardOutputText)")
    }

    @Test(arguments: ["/c/${HOME}/kh", "/c/\"kh", "/c/back\\slash", "/c/line\nbreak"])
    func pathsSSHCannotTakeLiterallyAreRefused(_ path: String) {
        #expect(throws: NodeAccessError.self) { try SSHTransport(settings: SSHSettings(knownHostsFile: path), sudo: false) }
        #expect(throws: NodeAccessError.self) { try SSHTransport(settings: SSHSettings(identityFile: path, knownHostsFile: "/c/kh"), sudo: false) }
    }

    /// Two clusters may both have a worker-1 at 10.0.0.5; two stores pin keys in two files.
    @Test func aPersistedMasterIsNeverSharedAcrossClustersOrStores() throws {
        let settings = SSHSettings(user: "root", knownHostsFile: "/store-a/known_hosts", persistsAcrossRuns: true)
        let here = NodeTarget(name: "worker-1", address: "10.0.0.5", uid: "5f0c-cluster-a")
        let socket = SSHControlDirectory.socket(in: "/d", for: here, settings: settings)
        #expect(SSHControlDirectory.socket(in: "/d", for: NodeTarget(name: "worker-1", address: "10.0.0.5", uid: "77aa-cluster-b"), settings: settings) != socket)
        var otherStore = settings
        otherStore.knownHostsFile = "/store-b/known_hosts"
        #expect(SSHControlDirectory.socket(in: "/d", for: here, settings: otherStore) != socket)
        let files = try TemporaryDirectory()
        var pinned = settings
        pinned.knownHostsFile = try files.write("known_hosts", "worker-1 ssh-ed25519 AAAA1\n")
        let before = SSHControlDirectory.socket(in: "/d", for: here, settings: pinned)
        pinned.knownHostsFile = try files.write("known_hosts_other", "worker-1 ssh-ed25519 AAAA2\n")
        #expect(SSHControlDirectory.socket(in: "/d", for: here, settings: pinned) != before)
    }

    @Test(arguments: ["-oProxyCommand=touch /tmp/x", "a;touch x", "$(id)", "host name", "`id`", "a|b", ""])
    func addressesThatAreNotHostsNeverReachSSH(_ address: String) async throws {
        let runner = FakeProcessRunner { _ in output() }
        let transport = try SSHTransport(settings: SSHSettings(knownHostsFile: "/tmp/nks-kh-test/known_hosts", multiplexes: false), sudo: false, runner: runner)
        await #expect(throws: NodeAccessError.self) {
            try await transport.execute("true", standardInput: Data(), on: NodeTarget(name: "worker-1", address: address), timeout: .seconds(5))
        }
        #expect(runner.invocations.isEmpty)
    }

    @Test(arguments: [("bastion", true), ("ops@bastion.example.com:2222", true), ("a@b,c@d:22", true), ("[fd00::1]:22", true), ("fd00::1", true),
                      ("-oProxyCommand=sh", false), ("bastion;touch x", false), ("ops@-x", false), ("a b", false), ("$(id)@b", false), ("b:0", false), ("", false)])
    func jumpHostSyntax(_ jump: String, _ valid: Bool) {
        #expect(SSHDestinationSyntax.isJumpHost(jump) == valid)
    }
}
