// Decides the state of one managed entry on one node from what was read there: whether the
// entry applies, what the file should contain (rendered from the node's own content for
// partial kinds), and whether the running system has caught up (reboot, kubelet restart).
import Foundation

public enum DriftEvaluator {
    public static func evaluate(
        _ entry: ManagedEntry,
        canonical: Data?,
        facts: NodeFacts,
        groups nodeGroups: [String],
        observation: NodeObservation
    ) -> EntryStatus {
        var status = EntryStatus(path: entry.path, kind: entry.kind.name, state: .inSync, detail: "")
        func finish(_ state: EntryState, _ detail: String) -> EntryStatus {
            status.state = state
            status.detail = detail
            return status
        }

        if let reason = Applicability.reason(entry, facts: facts, groups: nodeGroups) {
            return finish(.notApplicable, reason)
        }
        guard let observed = observation.files[entry.path] else {
            return finish(.unreadable, "not read from the node")
        }
        switch observed.state {
        case .unreadable: return finish(.unreadable, "permission denied reading \(entry.path) (use --sudo, or a user that can read it)")
        case .notRegular: return finish(.unreadable, "\(entry.path) is not a regular file; nks-sync never replaces directories, links or devices")
        case .tooLarge: return finish(.unreadable, "\(entry.path) is larger than nks-sync reads; not a configuration file?")
        case .present, .missing: break
        }
        let current = observed.state == .present ? (observed.text ?? "") : nil
        status.actual = current
        status.observed = observed

        switch entry.kind {
        case .file(let owner, let group, let mode, _):
            guard let canonical else { return finish(.unreadable, "the store has no files\(entry.path)") }
            let desired = String(decoding: canonical, as: UTF8.self)
            status.desired = desired
            guard let current else { return finish(.missing, "absent on the node") }
            var differences: [String] = []
            if current != desired { differences.append(changedLines(current, desired)) }
            if let actualMode = observed.mode, actualMode != mode { differences.append("mode \(actualMode), want \(mode)") }
            if let actualOwner = observed.owner, actualOwner != owner { differences.append("owner \(actualOwner), want \(owner)") }
            if let actualGroup = observed.group, actualGroup != group { differences.append("group \(actualGroup), want \(group)") }
            return differences.isEmpty ? finish(.inSync, "") : finish(.drifted, differences.joined(separator: "; "))

        case .kernelArgs(let spec):
            guard let current else {
                status.desired = KernelArguments.render("", spec)
                return finish(.missing, "absent on the node")
            }
            let desired = KernelArguments.render(current, spec)
            status.desired = desired
            if desired != current {
                let unmet = KernelArguments.unmet(KernelArguments.configuredTokens(current, variable: spec.variable), spec)
                return finish(.drifted, describe(unmet, where: spec.variable))
            }
            guard let cmdline = observation.cmdline else { return finish(.inSync, "boot arguments not read") }
            let live = KernelArguments.unmet(KernelArguments.cmdlineTokens(cmdline), spec)
            if !live.missing.isEmpty || !live.unwanted.isEmpty {
                return finish(.pendingReboot, describe(live, where: "/proc/cmdline") + "; reboot to apply")
            }
            return finish(.inSync, "")

        case .keys(let spec, let format):
            guard let current else {
                status.desired = try? ConfigKeys.render("", spec, format: format)
                return finish(.missing, "absent on the node")
            }
            let parsed: ConfigValue
            do {
                parsed = try ConfigKeys.parse(current, format: format)
            } catch {
                return finish(.drifted, "\(entry.path) is \(error); fix it by hand before pushing")
            }
            let fileProblems = ConfigKeys.unmet(parsed, spec)
            if !fileProblems.isEmpty {
                status.desired = try? ConfigKeys.render(current, spec, format: format)
                return finish(.drifted, fileProblems.joined(separator: "; "))
            }
            status.desired = current
            guard let running = observation.kubeletConfig else { return finish(.inSync, "running kubelet configuration not read") }
            let liveProblems = ConfigKeys.unmet(running, spec)
            if !liveProblems.isEmpty {
                return finish(.pendingRestart, "kubelet runs with " + liveProblems.joined(separator: "; ") + "; restart kubelet to apply")
            }
            return finish(.inSync, "")

        case .envFlags(let spec):
            return environmentFlags(entry.path, spec, current: current, observation: observation, status: status)
        }
    }

    /// env-flags are judged by the value systemd really gives the variable: from the file
    /// that wins for kubelet.service (`systemctl cat kubelet`), which need not be the entry's.
    /// A push writes the entry's file only when, once written, it is the file that wins;
    /// otherwise the status names the file that does, and nothing is pushed.
    private static func environmentFlags(_ path: String, _ spec: EnvironmentFlagsSpec, current: String?, observation: NodeObservation, status: EntryStatus) -> EntryStatus {
        var status = status
        func finish(_ state: EntryState, _ detail: String) -> EntryStatus {
            status.state = state
            status.detail = detail
            return status
        }
        let variable = spec.variable
        if let current, EnvironmentFlags.syntax(forPath: path, content: current) == .environmentFile, SystemdEnvironmentFile.hasUnclosedQuote(current) {
            return finish(.drifted, "\(path) has a quote that is never closed, so systemd reads the rest of the file as one value; fix it by hand before pushing")
        }
        let desired = EnvironmentFlags.render(current ?? "", spec, path: path)
        guard let unit = observation.kubeletUnit else {
            status.desired = desired
            guard let current else { return finish(.missing, "absent on the node") }
            let problems = EnvironmentFlags.unmet(EnvironmentFlags.flags(in: current, variable: variable, path: path), spec)
            return problems.isEmpty ? finish(.inSync, "") : finish(.drifted, "\(variable): " + problems.joined(separator: "; "))
        }
        guard unit.reads(path) else {
            return finish(.drifted, "\(unit.unit) does not read \(path) (systemctl cat \(unit.unit)); flags there have no effect: manage the file it reads")
        }
        let files = observation.files.compactMapValues { file -> String?? in
            switch file.state {
            case .present: return .some(file.text)
            case .missing: return .some(nil)
            default: return nil
            }
        }
        func winner(_ content: String?) -> ServiceUnitListing.Source {
            unit.source(of: variable, entryPath: path, entryContent: content, files: files)
        }
        let source = winner(current)
        let text: String
        switch source {
        case .unread(let other):
            return finish(.unreadable, "\(unit.unit) also reads \(other), which could not be read; it may set \(variable)")
        case .unassigned:
            text = ""
        case .file(let file):
            text = file == path ? (current ?? "") : (unit.text(of: file) ?? files[file].flatMap { $0 } ?? "")
        }
        let problems = EnvironmentFlags.unmet(EnvironmentFlags.flags(in: text, variable: variable, path: source == .file(path) || source == .unassigned ? path : file(of: source)), spec)
        let elsewhere = source != .file(path) && source != .unassigned
        if problems.isEmpty {
            status.desired = current
            return finish(.inSync, elsewhere ? "\(variable) comes from \(file(of: source)), which overrides \(path)" : "")
        }
        let detail = "\(variable): " + problems.joined(separator: "; ")
        guard winner(desired) == .file(path) else {
            return finish(.drifted, detail + "; it is set in \(file(of: source)), which overrides \(path) for \(unit.unit): manage \(file(of: source)) instead")
        }
        status.desired = desired
        return current == nil ? finish(.missing, "absent on the node") : finish(.drifted, detail + (elsewhere ? " (from \(file(of: source)); \(path) will override it)" : ""))
    }

    private static func file(of source: ServiceUnitListing.Source) -> String {
        if case .file(let path) = source { return path }
        return ""
    }

    private static func describe(_ unmet: (missing: [String], unwanted: [String]), where place: String) -> String {
        var parts: [String] = []
        if !unmet.missing.isEmpty { parts.append("\(place) lacks \(unmet.missing.joined(separator: " "))") }
        if !unmet.unwanted.isEmpty { parts.append("\(place) has \(unmet.unwanted.joined(separator: " "))") }
        return parts.joined(separator: "; ")
    }

    private static func changedLines(_ current: String, _ desired: String) -> String {
        let difference = desired.split(separator: "\n", omittingEmptySubsequences: false)
            .difference(from: current.split(separator: "\n", omittingEmptySubsequences: false))
        let removed = difference.removals.count, added = difference.insertions.count
        let whitespace = WhitespaceDifference.isOnlyWhitespace(current, desired) ? ", whitespace only" : ""
        return "content differs (-\(removed) +\(added) lines\(whitespace))"
    }
}
