// `kubectl nks-sync disconnect`: closes the SSH connections that --ssh-persist kept open,
// now rather than when they have been idle for the persist time.
import ArgumentParser
import Foundation
import NKSCore

struct DisconnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disconnect",
        abstract: "Close the node connections kept open by --ssh-persist.",
        discussion: """
        With --ssh-persist DURATION (or NKS_SSH_PERSIST) each node's SSH connection stays \
        open after a command, so that status, diff and push in a row pay the SSH handshake \
        once. They close by themselves after DURATION without use; this closes all of \
        yours at once. Other plugins (nks-repull, nks-why-nologs) share the same connections.
        """
    )

    func run() async throws {
        try await CommandFailure.reporting {
            let closed = try await SSHTransport.closePersistedConnections()
            StandardOutput.write(closed == 0 ? "No persisted node connections were open.\n" : "Closed \(closed) node connection\(closed == 1 ? "" : "s").\n")
        }
    }
}
