// Draining a node before a reboot: kubectl's own drain, which evicts through the eviction
// API and so respects PodDisruptionBudgets, with a deadline.
extension KubectlClient {
    /// Cordons the node and evicts its pods; DaemonSet pods stay, emptyDir data goes (it
    /// would not survive the reboot either).
    public func drain(node: String, timeout: Duration) async throws {
        var invocation = invocation([
            "drain", node, "--ignore-daemonsets", "--delete-emptydir-data",
            "--timeout=\(Int(timeout.components.seconds))s",
        ])
        invocation.timeout = timeout + .seconds(30)
        _ = try await runChecked(invocation)
    }
}
