import Testing
@testable import NKSRepull

@Test func helpReadsAsAKubectlSubcommand() {
    #expect(RepullCommand.helpMessage().contains("USAGE: kubectl nks-repull"))
    #expect(RepullCommand.helpMessage().contains("See also: kubectl nks-sync"))
}
