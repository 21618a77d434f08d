// How a push rolls out: confirmation, ramp, disruption budget, failure budget, reboots.
import ArgumentParser
import NKSCore

public struct RolloutOptions: ParsableArguments, Sendable {
    @Flag(name: .customLong("dry-run"), help: "Show the plan and change nothing.")
    public var dryRun = false

    @Flag(name: [.customShort("y"), .customLong("yes")], help: "Do not ask for confirmation (needed when there is no terminal).")
    public var yes = false

    @Option(name: .customLong("batches"), help: "Ramp of batch sizes, e.g. 1,5,25% (a canary, then wider; the last step repeats).")
    public var batches = "100%"

    @Option(name: .customLong("max-unavailable"), help: "How many nodes may restart the kubelet or reboot at once (N or P%).")
    public var maxUnavailable = "1"

    @Option(name: .customLong("max-failures"), help: "Stop the rollout once more nodes than this have failed (N or P%).")
    public var maxFailures = "0"

    @Option(name: .customLong("pause"), help: "Wait this long between batches (e.g. 30s, 2m).")
    public var pause = "0s"

    @Option(name: .customLong("wait-timeout"), help: "How long to wait for a node to be Ready with its new configuration.")
    public var waitTimeout = "5m"

    @Flag(name: .customLong("reboot"), help: "Reboot nodes whose kernel arguments changed: cordon, drain, reboot, wait, uncordon, one budget at a time.")
    public var reboot = false

    @Flag(name: .customLong("reboot-via-kured"), help: "Leave reboots to kured: write its sentinel /var/run/reboot-required.")
    public var rebootViaKured = false

    public init() {}

    public func validate() throws {
        if reboot && rebootViaKured { throw ValidationError("--reboot and --reboot-via-kured are alternatives; give one") }
        if dryRun && yes { throw ValidationError("--dry-run changes nothing, so --yes has nothing to confirm; give one") }
        do { _ = try settings(parallel: 1) } catch { throw ValidationError("\(error)") }
    }

    public var rebootMode: RebootMode { reboot ? .now : (rebootViaKured ? .kured : .none) }

    public func settings(parallel: Int) throws -> RolloutSettings {
        func duration(_ text: String, _ flag: String) throws -> Duration {
            if text == "0" || text == "0s" { return .zero }
            do { return try NodeAccessSettings.duration(text, source: flag) } catch { throw ValidationError("\(error)") }
        }
        func threshold(_ text: String, _ flag: String) throws -> Threshold {
            do { return try Threshold(text) } catch { throw ValidationError("\(flag): \(error)") }
        }
        let plan: BatchPlan
        do { plan = try BatchPlan(batches) } catch { throw ValidationError("--batches: \(error)") }
        return RolloutSettings(
            batches: plan,
            parallel: parallel,
            maxUnavailable: try threshold(maxUnavailable, "--max-unavailable"),
            maxFailures: try threshold(maxFailures, "--max-failures"),
            pause: try duration(pause, "--pause")
        )
    }

    public func waitTimeoutDuration() throws -> Duration {
        try NodeAccessSettings.duration(waitTimeout, source: "--wait-timeout")
    }
}
