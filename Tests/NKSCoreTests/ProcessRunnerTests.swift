import Foundation
import Testing
@testable import NKSCore

@Suite struct ProcessRunnerTests {
    let runner = SubprocessRunner()

    @Test func collectsOutputAndExitCode() async throws {
        let output = try await runner.run(ProcessInvocation("sh", ["-c", "printf out; printf err >&2; exit 3"]))
        #expect(output.exitCode == 3)
        #expect(output.standardOutputText == "out")
        #expect(output.standardErrorText == "err")
    }

    @Test func feedsStandardInput() async throws {
        let input = Data((0..<200_000).map { UInt8($0 % 251) })
        let output = try await runner.run(ProcessInvocation("cat", standardInput: input))
        #expect(output.standardOutput == input)
    }

    @Test func passesEnvironmentOverrides() async throws {
        let output = try await runner.run(ProcessInvocation("sh", ["-c", "printf %s \"$NKS_PROBE\""], environment: ["NKS_PROBE": "a b'c"]))
        #expect(output.standardOutputText == "a b'c")
    }

    @Test func reportsMissingExecutable() async throws {
        await #expect(throws: ProcessRunnerError.executableNotFound("nks-no-such-program")) {
            try await runner.run(ProcessInvocation("nks-no-such-program"))
        }
    }

    @Test func killsAProgramThatOverrunsItsTimeout() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("nks-timeout-\(UUID().uuidString)")
        await #expect(throws: ProcessRunnerError.self) {
            try await runner.run(ProcessInvocation("sh", ["-c", "sleep 5; touch \(marker.path)"], timeout: .milliseconds(300)))
        }
        try await Task.sleep(for: .seconds(5))
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the child kept running after its timeout")
    }

    @Test func boundsOutput() async throws {
        await #expect(throws: ProcessRunnerError.outputTooLarge(command: "head -c 5000 /dev/zero", limit: 1000)) {
            try await runner.run(ProcessInvocation("head", ["-c", "5000", "/dev/zero"], outputLimit: 1000))
        }
    }

    @Test(arguments: ["", "plain", "it's", "a b", "$(reboot)", "`x`", "\"q\"", "\\", "new\nline", "*?[", "ü-名前", "'''"])
    func quotingSurvivesTheShell(_ value: String) async throws {
        let output = try await runner.run(ProcessInvocation("sh", ["-c", "printf %s " + ShellQuoting.quote(value)]))
        #expect(output.standardOutputText == value)
    }
}
