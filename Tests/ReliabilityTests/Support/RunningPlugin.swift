// A plugin run in the background, in a session and process group of its own as a
// terminal's foreground job is, so a test can send it what an operator would: Ctrl-C to
// the whole group, or SIGTERM to the plugin alone, as a supervisor does.
import Foundation
import NKSCore

struct RunningPlugin {
    private let pidFile: String
    private let run: Task<ProcessOutput, any Error>

    /// `kubectl ARGS` through setsid; kubectl and the shell exec, so the shell's pid is the
    /// plugin's and its process group's.
    init(_ arguments: [String], store: PluginStore, timeout: Duration = .seconds(300)) {
        let pidFile = store.home + "/plugin-\(UUID().uuidString).pid"
        self.pidFile = pidFile
        let script = "echo $$ > " + ShellQuoting.quote(pidFile) + "; exec kubectl " + arguments.map(ShellQuoting.quote).joined(separator: " ")
        let invocation = ProcessInvocation("setsid", ["-w", "sh", "-c", script], environment: store.environment, timeout: timeout)
        run = Task { try await SubprocessRunner().run(invocation) }
    }

    func pid() async throws -> pid_t {
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestError("the plugin never started (no pid in \(pidFile))")
    }

    /// What a terminal does on Ctrl-C: the signal to every process of the foreground group.
    func signalGroup(_ signal: Int32) async throws {
        let group = try await pid()
        guard kill(-group, signal) == 0 else { throw TestError("kill(-\(group), \(signal)): errno \(errno)") }
    }

    func signal(_ signal: Int32) async throws {
        let process = try await pid()
        guard kill(process, signal) == 0 else { throw TestError("kill(\(process), \(signal)): errno \(errno)") }
    }

    func finished() async throws -> ProcessOutput {
        try await run.value
    }
}
