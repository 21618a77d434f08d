// Reads /proc to find exactly the processes the lab started (by mount namespace and command
// line), so stopping a lab never touches anything else.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum ProcessTable {
    /// The command line of a process as its arguments, or nil when it is gone.
    static func arguments(of pid: Int32) -> [String]? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// "mnt:[4026532177]" for a running process.
    static func mountNamespace(of pid: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/ns/mnt")
    }

    static func allPIDs() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
    }

    /// Every process whose mount namespace is one of `namespaces`, grouped by namespace.
    static func members(of namespaces: Set<String>) -> [String: [Int32]] {
        guard !namespaces.isEmpty else { return [:] }
        var found: [String: [Int32]] = [:]
        for pid in allPIDs() {
            if let namespace = mountNamespace(of: pid), namespaces.contains(namespace) { found[namespace, default: []].append(pid) }
        }
        return found
    }

    /// Alive and not a zombie: an exited daemon stays in /proc until its reaper (often
    /// pid 1) collects it, and that wait is not ours to make.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[close...].dropFirst(2).first
        return state != "Z" && state != "X"
    }

    /// SIGTERM, then SIGKILL whatever is still there after `grace`; returns once they are gone.
    static func terminate(_ pids: [Int32], grace: Duration = .seconds(10)) async {
        for pid in pids { kill(pid, SIGTERM) }
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        var remaining = pids.filter(isAlive)
        while !remaining.isEmpty, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            remaining = remaining.filter(isAlive)
        }
        for pid in remaining { kill(pid, SIGKILL) }
        // The last process of a mount namespace exits only after the kernel has unmounted
        // its overlays (seconds for hundreds of nodes); wait so callers see a clean table.
        let killDeadline = clock.now + .seconds(20)
        while !remaining.isEmpty, clock.now < killDeadline {
            try? await Task.sleep(for: .milliseconds(50))
            remaining = remaining.filter(isAlive)
        }
    }

    /// Which of `addresses` (IPv4) have a socket listening on `port`, from /proc/net/tcp,
    /// whose local_address is the address's bytes in host order as hex, then ":" and the port.
    static func listening(on addresses: Set<String>, port: UInt16) -> Set<String> {
        guard !addresses.isEmpty, let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return [] }
        var byHex: [String: String] = [:]
        for address in addresses {
            let octets = address.split(separator: ".").compactMap { UInt8($0) }
            guard octets.count == 4 else { continue }
            byHex[octets.reversed().map { String(format: "%02X", $0) }.joined() + ":" + String(format: "%04X", port)] = address
        }
        var found = Set<String>()
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            // "sl local_address rem_address st …"; st 0A is LISTEN.
            guard fields.count > 3, fields[3] == "0A", let address = byHex[String(fields[1])] else { continue }
            found.insert(address)
        }
        return found
    }
}
