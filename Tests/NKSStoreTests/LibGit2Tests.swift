import Testing
@testable import NKSStore

@Test func linksLibgit2() {
    let parts = LibGit2.version.split(separator: ".").compactMap { Int($0) }
    #expect(parts.count == 3)
    #expect(parts[0] >= 1)
}
