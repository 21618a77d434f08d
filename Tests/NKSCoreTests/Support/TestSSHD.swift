// A throwaway OpenSSH server for end-to-end transport tests: its own host key, one client
// key, a loopback address and a free port; stopped (and its pid killed) by stop().
import Foundation
@testable import NKSCore

final class TestSSHD: @unchecked Sendable {
    let directory: TemporaryDirectory
    let address: String
    let port: Int
    let clientKey: String
    let hostPublicKey: String
    private let daemon: Task<Void, Never>
    private let pidFile: String

    init() async throws {
        let runner = SubprocessRunner()
        directory = try TemporaryDirectory()
        let dir = directory.path
        _ = try await runner.run(ProcessInvocation("mkdir", ["-p", "/run/sshd"]))
        for key in ["host_key", "client_key"] {
            let made = try await runner.run(ProcessInvocation("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "nks-test", "-f", dir + "/" + key]))
            guard made.succeeded else { throw NodeAccessError.localSetupFailed(reason: "ssh-keygen: \(made.standardErrorText)") }
        }
        clientKey = dir + "/client_key"
        hostPublicKey = directory.contents(dir + "/host_key.pub")!.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.copyItem(atPath: dir + "/client_key.pub", toPath: dir + "/authorized_keys")
        address = "127.0.0.\(Int.random(in: 2...250))"
        port = try Self.freePort(on: address)
        pidFile = dir + "/sshd.pid"
        let config = """
            ListenAddress \(address):\(port)
            HostKey \(dir)/host_key
            PidFile \(pidFile)
            AuthorizedKeysFile \(dir)/authorized_keys
            UsePAM no
            StrictModes no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            MaxStartups 100:30:200
            MaxSessions 100

            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: dir + "/sshd_config"))
        let configPath = dir + "/sshd_config"
        // Runs until cancelled; cancelling kills the foreground sshd.
        daemon = Task {
            _ = try? await runner.run(ProcessInvocation("/usr/sbin/sshd", ["-D", "-e", "-f", configPath], timeout: .seconds(600)))
        }
        for _ in 0..<100 where !FileManager.default.fileExists(atPath: pidFile) {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard FileManager.default.fileExists(atPath: pidFile) else {
            daemon.cancel()
            throw NodeAccessError.localSetupFailed(reason: "test sshd did not start on \(address):\(port)")
        }
    }

    /// A known_hosts line that pins this server's key under `alias`.
    func knownHostsLine(alias: String) -> String { alias + " " + hostPublicKey + "\n" }

    func settings(knownHosts: String, acceptNew: Bool = false) -> SSHSettings {
        SSHSettings(user: "root", identityFile: clientKey, port: port, configFile: "/dev/null",
                    knownHostsFile: knownHosts, acceptNewHostKeys: acceptNew, connectTimeout: .seconds(5))
    }

    func stop() async {
        if let text = directory.contents(pidFile), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGTERM)
        }
        daemon.cancel()
        await daemon.value
    }

    private static func freePort(on address: String) throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = 0
        inet_pton(AF_INET, address, &socketAddress.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socketDescriptor, pointer, length) == 0 && getsockname(socketDescriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw NodeAccessError.localSetupFailed(reason: "no free port on \(address)") }
        return Int(UInt16(bigEndian: socketAddress.sin_port))
    }
}
