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
            "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=/c/known_hosts", "-o", "StrictHostKeyChecking=yes",
            "-o", "HostKeyAlias=worker-1", "-o", "ControlMaster=auto", "-o", "ControlPath=/tmp/nks-ab/%C",
            "-o", "ControlPersist=90", "-o", "ConnectTimeout=7",
            "-p", "2222", "-l", "ec2-user", "-i", "/k/id_rsa", "-o", "IdentitiesOnly=yes", "-J", "bastion",
            "--", "10.0.0.5", "sh -c 'true'",
        ])
    }

    @Test(arguments: [false, true])
    func neverDisablesHostKeyChecking(_ acceptNew: Bool) {
        let settings = SSHSettings(knownHostsFile: "/c/kh", acceptNewHostKeys: acceptNew)
        for arguments in [SSHArguments.command(settings, node: node, controlDirectory: "/d", remoteCommand: "x"),
                          SSHArguments.closeMaster(settings, node: node, controlDirectory: "/d")] {
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

    @Test func closesAPersistedMasterByItsSocketAlone() {
        #expect(SSHArguments.closeMaster(socket: "/tmp/nks-ssh-0/a%b") == ["-o", "ControlPath=/tmp/nks-ssh-0/a%%b", "-O", "exit", "--", "nks-persisted-node"])
    }

    @Test func closesTheMasterThroughTheSameSocket() {
        let settings = SSHSettings(port: 22, knownHostsFile: "/c/kh")
        let arguments = SSHArguments.closeMaster(settings, node: node, controlDirectory: "/tmp/nks-x")
        #expect(arguments.suffix(4) == ["-O", "exit", "--", "10.0.0.5"])
        #expect(value(of: "ControlPath", in: arguments) == ["/tmp/nks-x/%C"])
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
        // %C expands to 40 hex characters; sun_path holds 108 bytes including the NUL.
        #expect(transport.controlDirectory.utf8.count + 1 + 40 < 100)
        let attributes = try FileManager.default.attributesOfItem(atPath: transport.controlDirectory)
        #expect(attributes[.posixPermissions] as? Int == 0o700)
        await transport.shutdown()
        #expect(!FileManager.default.fileExists(atPath: transport.controlDirectory))
    }
}
