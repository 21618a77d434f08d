// The exit codes of every plugin, modelled on `kubectl diff`: 0 nothing to report,
// 1 differences (drift) found, anything higher an error.
import ArgumentParser

public enum ExitStatus {
    /// Everything checked and nothing to report.
    public static let success = ExitCode(0)
    /// The check ran and found differences, drift or a problem it was asked to find.
    public static let differencesFound = ExitCode(1)
    /// The command could not do its job (unreachable cluster, bad store, failed nodes).
    public static let failure = ExitCode(2)
    /// Bad flags or arguments; swift-argument-parser's own code for usage errors.
    public static let usage = ExitCode.validationFailure
    /// Stopped by the operator's signal: 128 + its number, as a shell reports it (130 for
    /// SIGINT, 143 for SIGTERM).
    public static func interrupted(by signal: Int32) -> ExitCode { ExitCode(128 + signal) }
}
