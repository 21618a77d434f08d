// What a detached lab left in its directory (serve pid, node list), read back by `status`
// and `down`; every pid is checked against /proc before it is trusted.
import Foundation

enum LabRuntime {
    /// The serve process's pid, if it is alive and really `nks-lab serve` for this directory.
    static func runningServePID(_ paths: LabPaths) -> Int32? {
        guard let text = try? String(contentsOf: paths.servePID, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              let arguments = ProcessTable.arguments(of: pid) else { return nil }
        return arguments.contains("serve") && arguments.contains(paths.directory.path) ? pid : nil
    }

    static func unrecordedServes(_ paths: LabPaths) -> [Int32] {
        ProcessTable.allPIDs().compactMap { pid in
            guard pid != getpid(), let arguments = ProcessTable.arguments(of: pid) else { return nil }
            return arguments.contains("serve") && arguments.contains(paths.directory.path) && arguments.contains(where: { $0.hasSuffix("nks-lab") }) ? pid : nil
        }
    }

    static func recordedNodes(_ paths: LabPaths) -> [(layout: NodeLayout, state: NodeState)] {
        let text = (try? String(contentsOf: paths.nodesFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 3 else { return nil }
            return (NodeLayout(name: fields[0], address: fields[1], labDirectory: paths.directory), NodeState(rawValue: fields[2]) ?? .ready)
        }
    }

    /// Stops the serve process and every node process; returns how many processes it ended.
    @discardableResult
    static func down(_ paths: LabPaths) async -> Int {
        var count = 0
        // The recorded pid, and any serve of this directory that has not recorded itself yet
        // (stopped while starting): otherwise it would go on starting nodes after we leave.
        let serves = Set([runningServePID(paths)].compactMap { $0 } + unrecordedServes(paths))
        if !serves.isEmpty {
            await ProcessTable.terminate(Array(serves))
            count += serves.count
        }
        var layouts = recordedNodes(paths).map(\.layout)
        // Nodes started before the node list was written (an interrupted start) still have pid files.
        let nodesDirectory = paths.directory.appendingPathComponent("nodes")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: nodesDirectory.path)) ?? [] where !layouts.contains(where: { $0.name == name }) {
            layouts.append(NodeLayout(name: name, address: "", labDirectory: paths.directory))
        }
        count += layouts.filter { NodeProcess.recordedPID($0) != nil }.count
        await NodeProcess.stop(layouts)
        for file in [paths.servePID, paths.ready, paths.nodesFile, paths.kubeconfig, paths.env, paths.sshConfig, paths.knownHosts,
                     paths.identity, paths.identity.appendingPathExtension("pub"), paths.serveLog, paths.shims, paths.nodeProfile, nodesDirectory] {
            try? FileManager.default.removeItem(at: file)
        }
        return count
    }
}
