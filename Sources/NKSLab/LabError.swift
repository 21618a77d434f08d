// Why the lab could not do what was asked, each in one line with what to do.

public enum LabError: Error, Sendable, Equatable, CustomStringConvertible {
    case notRoot
    case commandFailed(what: String, command: String, detail: String)
    case nodeDidNotStart(node: String, log: String)
    case unknownNode(String)
    case nodeNotRunning(String)
    case notRunning(directory: String)
    case alreadyRunning(directory: String)
    case noFreeAddressBlock

    public var description: String {
        switch self {
        case .notRoot:
            return "nks-lab needs root: each simulated node is an sshd in its own mount namespace with overlay mounts; run it with sudo"
        case .commandFailed(let what, let command, let detail):
            return "\(what) failed (\(command)): \(detail.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " | "))"
        case .nodeDidNotStart(let node, let log):
            return "node \(node): sshd did not start; see \(log)"
        case .unknownNode(let name):
            return "no node named \(name) in this lab; list them with `kubectl get nodes`"
        case .nodeNotRunning(let name):
            return "node \(name) is not running; start it first"
        case .notRunning(let directory):
            return "no lab is running in \(directory); start one with `nks-lab up --dir \(directory)`"
        case .alreadyRunning(let directory):
            return "a lab is already running in \(directory); stop it with `nks-lab down --dir \(directory)` or choose another --dir"
        case .noFreeAddressBlock:
            return "every 127.N.0.0/16 block from 100 to 249 already has a listener on port 22; stop another lab first"
        }
    }
}

import Foundation
