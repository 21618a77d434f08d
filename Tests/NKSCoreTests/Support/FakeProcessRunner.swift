// Test-only ProcessRunning that records every invocation and answers from a script of
// responses, for transports that cannot run end to end here (kubectl debug).
import Foundation
import Synchronization
@testable import NKSCore

final class FakeProcessRunner: ProcessRunning {
    typealias Responder = @Sendable (ProcessInvocation) throws -> ProcessOutput
    private let responder: Responder
    private let recorded = Mutex<[ProcessInvocation]>([])

    init(_ responder: @escaping Responder) {
        self.responder = responder
    }

    var invocations: [ProcessInvocation] { recorded.withLock { $0 } }

    func run(_ invocation: ProcessInvocation) async throws -> ProcessOutput {
        recorded.withLock { $0.append(invocation) }
        return try responder(invocation)
    }
}

func output(_ stdout: String = "", stderr: String = "", exit: Int32 = 0) -> ProcessOutput {
    ProcessOutput(exitCode: exit, standardOutput: Data(stdout.utf8), standardError: Data(stderr.utf8))
}
