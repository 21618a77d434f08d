import Testing
@testable import NKSWhyNoLogs

@Test func helpReadsAsAKubectlSubcommand() {
    #expect(WhyNoLogsCommand.helpMessage().contains("USAGE: kubectl nks-why-nologs"))
    #expect(WhyNoLogsCommand.helpMessage().contains("See also: kubectl nks-sync"))
}
