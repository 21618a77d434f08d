// Writes what a user or test needs to reach the lab: ssh_config, known_hosts (pinned
// under each node's name and address) and an env file to source.
import Foundation
import NKSCore

enum LabClientFiles {
    static func sshConfig(nodes: [LabNode], paths: LabPaths) -> String {
        var text = "# ssh_config for the nks-lab nodes; use with ssh -F \(paths.sshConfig.path)\n"
        for node in nodes {
            text += """
            Host \(node.name)
                HostName \(node.address)
                User root
                IdentityFile \(paths.identity.path)
                IdentitiesOnly yes
                UserKnownHostsFile \(paths.knownHosts.path)
                StrictHostKeyChecking yes
                HostKeyAlias \(node.name)
                BatchMode yes

            """
        }
        return text
    }

    static func knownHosts(_ keys: [(name: String, address: String, key: String)]) -> String {
        keys.map { "\($0.name),\($0.address) \($0.key)\n" }.joined()
    }

    static func env(paths: LabPaths) -> String {
        let q = ShellQuoting.quote
        // nks-lab and the plugins are installed side by side, maybe off the shell's PATH.
        let pathLine = LabExecutable.directory.map { "export PATH=\(q($0.path)):\"$PATH\"\n" } ?? ""
        return """
        # Source this file to use the lab: . \(paths.env.path)
        export KUBECONFIG=\(q(paths.kubeconfig.path))
        export NKS_SSH_CONFIG=\(q(paths.sshConfig.path))
        export NKS_SSH_KNOWN_HOSTS=\(q(paths.knownHosts.path))
        export NKS_SSH_IDENTITY=\(q(paths.identity.path))
        # The lab's own nks-sync store (the demo creates it), so yours is never touched.
        export NKS_REPO=\(q(paths.store.path))
        \(pathLine)
        """
    }
}
