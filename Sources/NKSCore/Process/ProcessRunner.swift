// Runs one external program (kubectl, ssh) to completion, with a deadline; the only place
// in the suite that spawns processes, so every plugin inherits the same timeout and
// error behaviour.
import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One program to run: what, with which arguments, fed with what.
public struct ProcessInvocation: Sendable, Hashable {
    /// A bare name is looked up on PATH; a name with a slash is used as a path.
    public var executable: String
    public var arguments: [String]
    /// Variables set or overridden on top of the inherited environment.
    public var environment: [String: String]
    public var standardInput: Data?
    /// The child is killed (SIGTERM, then SIGKILL) once this elapses.
    public var timeout: Duration?
    /// Upper bound for each of stdout and stderr; a hostile or runaway program cannot
    /// make the plugin hold unbounded memory.
    public var outputLimit: Int

    public init(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        standardInput: Data? = nil,
        timeout: Duration? = nil,
        outputLimit: Int = 256 * 1024 * 1024
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.standardInput = standardInput
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// The command as a person would type it, for error messages.
    public var commandLine: String {
        ([executable] + arguments).map(ShellQuoting.quoteIfNeeded).joined(separator: " ")
    }
}

/// What a finished program left behind.
public struct ProcessOutput: Sendable, Hashable {
    /// The exit code, or 128 + signal number when the program was killed by a signal.
    public var exitCode: Int32
    public var standardOutput: Data
    public var standardError: Data

    public init(exitCode: Int32, standardOutput: Data, standardError: Data) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    public var succeeded: Bool { exitCode == 0 }
    public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
    public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
}

/// Why a program could not be run to completion.
public enum ProcessRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
    case executableNotFound(String)
    case timedOut(command: String, after: Duration)
    case launchFailed(command: String, reason: String)
    case outputTooLarge(command: String, limit: Int)

    public var description: String {
        switch self {
        case .executableNotFound(let name):
            return "\(name): command not found on PATH; install it or put it on PATH"
        case .timedOut(let command, let after):
            return "\(command): no answer within \(after.formattedSeconds); it was stopped"
        case .launchFailed(let command, let reason):
            return "\(command): could not be started: \(reason)"
        case .outputTooLarge(let command, let limit):
            return "\(command): printed more than \(limit) bytes; stopped reading"
        }
    }
}

/// Something that runs programs; plugins take one so tests can observe or replace it.
public protocol ProcessRunning: Sendable {
    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput
}

/// Runs programs through swift-subprocess.
public struct SubprocessRunner: ProcessRunning {
    public init() {
        BrokenPipe.ignore()
    }

    public func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        guard let timeout = invocation.timeout else {
            return try await runToCompletion(invocation)
        }
        return try await withThrowingTaskGroup(of: ProcessOutput?.self) { group in
            group.addTask { try await runToCompletion(invocation) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            // Cancelling the group tears the child down (see teardownSequence below).
            guard let first = try await group.next(), let output = first else {
                throw ProcessRunnerError.timedOut(command: invocation.commandLine, after: timeout)
            }
            return output
        }
    }

    private func runToCompletion(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        let executable: Executable = invocation.executable.contains("/")
            ? .path(FilePath(invocation.executable))
            : .name(invocation.executable)
        var environment: Environment = .inherit
        if !invocation.environment.isEmpty {
            environment = .inherit.updating(
                Dictionary(uniqueKeysWithValues: invocation.environment.map { (Environment.Key(rawValue: $0.key)!, Optional($0.value)) })
            )
        }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .milliseconds(500))]
        if SignalTrap.isInstalled { options.processGroupID = 0 }
        do {
            let result = try await Subprocess.run(
                executable,
                arguments: Arguments(invocation.arguments),
                environment: environment,
                platformOptions: options,
                input: .data(invocation.standardInput ?? Data()),
                output: .data(limit: invocation.outputLimit),
                error: .data(limit: invocation.outputLimit)
            )
            let code: Int32
            switch result.terminationStatus {
            case .exited(let status): code = Int32(status)
            case .signaled(let signal): code = 128 + Int32(signal)
            }
            return ProcessOutput(exitCode: code, standardOutput: result.standardOutput, standardError: result.standardError)
        } catch let error as SubprocessError {
            if error.code == .executableNotFound {
                throw ProcessRunnerError.executableNotFound(invocation.executable)
            }
            if error.code == .outputLimitExceeded {
                throw ProcessRunnerError.outputTooLarge(command: invocation.commandLine, limit: invocation.outputLimit)
            }
            throw ProcessRunnerError.launchFailed(command: invocation.commandLine, reason: "\(error)")
        }
    }
}

extension Duration {
    /// "30s", "1.5s": how durations read in one-line messages.
    public var formattedSeconds: String {
        let (seconds, attoseconds) = components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return total == total.rounded() ? "\(Int(total))s" : String(format: "%.1fs", total)
    }
}

/// A child that exits before reading its standard input (ssh refusing a host key, a node
/// gone mid-write) makes the next write to its pipe raise SIGPIPE, which would kill the
/// whole plugin; ignored once per process, the write fails with EPIPE and is reported.
enum BrokenPipe {
    private static let once: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
    static func ignore() { _ = once }
}
