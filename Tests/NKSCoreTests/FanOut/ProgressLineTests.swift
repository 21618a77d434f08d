// The progress line: when it shows, what it writes, and that it clears itself.
import Synchronization
import Testing
@testable import NKSCore

@Suite struct ProgressLineTests {
    @Test(arguments: [
        (true, false, [:], true),
        (false, false, [:], false),
        (true, true, [:], false),
        (true, false, ["TERM": "dumb"], false),
    ] as [(Bool, Bool, [String: String], Bool)])
    func showsOnlyOnATerminalWhenAllowed(_ terminal: Bool, _ noProgress: Bool, _ environment: [String: String], _ expected: Bool) {
        #expect(ProgressLine.isEnabled(isTerminal: terminal, noProgress: noProgress, environment: environment) == expected)
    }

    @Test func rewritesOneLineAndClearsIt() {
        let written = Recorder()
        let line = ProgressLine(colour: false) { text in written.append(text) }
        line.update(done: 7, total: 200, failed: 0)
        line.update(done: 37, total: 200, failed: 2)
        line.finish()
        line.finish()
        #expect(written.lines == ["\r[  7/200]\u{1B}[K", "\r[ 37/200] 2 failed\u{1B}[K", "\r\u{1B}[K"])
    }

    @Test func coloursFailuresOnlyWhenAllowed() {
        let written = Recorder()
        let line = ProgressLine(colour: true) { text in written.append(text) }
        line.update(done: 1, total: 2, failed: 1)
        #expect(written.lines.first?.contains("\u{1B}[31m1 failed") == true)
    }
}

private final class Recorder: Sendable {
    private let state = Mutex<[String]>([])
    func append(_ text: String) { state.withLock { $0.append(text) } }
    var lines: [String] { state.withLock { $0 } }
}
