// The classifier against the corpus of real pull error texts, one case per text.
import Testing
@testable import NKSRepull

@Test(arguments: PullErrorCorpus.entries)
func classifiesRealPullErrors(_ entry: CorpusEntry) {
    let image = entry.image.flatMap { try? ImageReference(parsing: $0) }
    #expect(PullErrorClassifier.classify(entry.message, image: image) == entry.cause, "\(entry.source): \(entry.message)")
}

@Test func corpusIsLargeAndCoversEveryCause() {
    #expect(PullErrorCorpus.entries.count >= 40)
    let causes = Set(PullErrorCorpus.entries.map(\.cause))
    #expect(causes == Set(PullCause.allCases))
}

@Test func anImageOnTheOldGitHubRegistryIsDeprecatedWhateverTheError() throws {
    let image = try ImageReference(parsing: "docker.pkg.github.com/acme/app/api:1.4")
    #expect(PullErrorClassifier.classify("failed to pull and unpack image: 404 Not Found", image: image) == .registryDeprecated)
    // A full disk stays a full disk.
    #expect(PullErrorClassifier.classify("write /var/lib/containerd/x: no space left on device", image: image) == .diskFull)
}
