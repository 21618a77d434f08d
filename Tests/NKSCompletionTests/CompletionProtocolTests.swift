// The text kubectl reads from a completion executable.
import NKSCompletion
import Testing

struct CompletionProtocolTests {
    @Test func candidatesThenDirective() {
        let completion = Completion([Candidate("status", "Show drift.\nMore text"), Candidate("diff"), Candidate("bad\nvalue")], [.noFileCompletion, .keepOrder])
        #expect(completion.rendered == "status\tShow drift.\ndiff\n:36\n")
    }

    @Test func tabsInDescriptionsCannotSplitTheLine() {
        #expect(Completion([Candidate("a", "x\ty")]).rendered == "a\tx y\n:4\n")
    }
}
