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
}
