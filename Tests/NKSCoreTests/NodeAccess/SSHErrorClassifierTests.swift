// ssh failures classified from OpenSSH 9.2's real messages.
import Testing
@testable import NKSCore

@Suite struct SSHErrorClassifierTests {
    static let changed = """
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
        Someone could be eavesdropping on you right now (man-in-the-middle attack)!
        It is also possible that a host key has just been changed.
        The fingerprint for the ED25519 key sent by the remote host is
        SHA256:DjD+hBXiP9YfhTX6f24+gCcsMXiH1tH8RUwdSoWOMAo.
        Please contact your system administrator.
        Add correct host key in /tmp/kh to get rid of this message.
        Offending ED25519 key in /tmp/kh:1
          remove with:
          ssh-keygen -f "/tmp/kh" -R "node-a"
        Host key for node-a has changed and you have requested strict checking.
        Host key verification failed.

        """

    @Test(arguments: [
        (changed, "changed"),
        ("No ED25519 host key is known for node-a and you have requested strict checking.\nHost key verification failed.\n", "unknown"),
        ("ssh: connect to host 127.0.0.7 port 1: Connection refused\n", "unreachable"),
        ("ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known\n", "unreachable"),
        ("ssh: connect to host 10.0.0.9 port 22: No route to host\n", "unreachable"),
        ("ssh: connect to host 10.0.0.9 port 22: Connection timed out\n", "unreachable"),
        ("Connection timed out during banner exchange\nConnection to 10.255.255.1 port 22 timed out\n", "unreachable"),
        ("kex_exchange_identification: Connection closed by remote host\n", "unreachable"),
        ("Warning: Permanently added '[127.0.0.7]:42217' (ED25519) to the list of known hosts.\nnobody@127.0.0.7: Permission denied (publickey).\n", "auth"),
        ("ec2-user@10.0.0.5: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n", "auth"),
        ("mux_client_request_session: something odd\n", "other"),
    ])
    func classifiesRealTexts(_ text: String, _ expected: String) {
        let error = SSHErrorClassifier.classify(standardError: text, node: "node-a")
        let kind: String
        switch error {
        case .hostKeyChanged: kind = "changed"
        case .hostKeyUnknown: kind = "unknown"
        case .unreachable: kind = "unreachable"
        case .authenticationFailed: kind = "auth"
        case .connectionFailed: kind = "other"
        default: kind = "\(error)"
        }
        #expect(kind == expected)
        #expect(!error.description.contains("\n"))
        #expect(error.description.hasPrefix("node-a: "))
    }

    @Test func messagesSayWhatToDo() {
        #expect(SSHErrorClassifier.classify(standardError: Self.changed, node: "n").description.contains("ssh-keygen -R"))
        #expect(NodeAccessError.hostKeyUnknown(node: "n").description.contains("--accept-new-host-keys"))
        #expect(NodeAccessError.sudoPasswordRequired(node: "n").description.contains("--no-sudo"))
    }

    @Test(arguments: ["sudo: a password is required\n", "sudo: a terminal is required to read the password; either use the -S option\n",
                      "ec2-user is not in the sudoers file.  This incident will be reported.\n"])
    func recognisesSudoRefusals(_ text: String) {
        #expect(RemoteCommand.sudoRefused(text))
    }

    @Test func wrapsScriptsInSudoOnlyWhenAsked() {
        #expect(RemoteCommand.commandLine(for: "echo 'hi'", sudo: false) == #"sh -c 'echo '\''hi'\'''"#)
        #expect(RemoteCommand.commandLine(for: "true", sudo: true) == "sudo -n sh -c 'true'")
    }
}
