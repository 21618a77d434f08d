// `kubectl nks-sync publish`: puts a store revision into the cluster as an immutable
// bundle (a ConfigMap named after the commit) for the in-cluster agents.
import ArgumentParser
import Foundation
import NKSCore
import NKSStore

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a store revision to the cluster as a bundle for in-cluster agents.",
        discussion: """
        Renders REVISION (default: the last commit) into an immutable ConfigMap \
        nks-rev-<commit> in the tool's namespace: the manifest, every canonical file and an \
        index of their paths and sha256s. Nodes never clone the store or see its \
        credentials. A revision is published once; publishing it again checks that the \
        cluster holds the same content. A revision larger than one ConfigMap (1 MiB) is \
        refused.

        Exit status: 0 published (or already published with the same content), 2 refused \
        or failed.

        Examples:
          kubectl nks-sync publish
          kubectl nks-sync publish HEAD~1 --bundle-namespace nks-sync-system
        """
    )

    @Argument(help: "The store revision to publish (a commit, branch or tag). Default: the last commit.")
    var revision: String?

    @Option(name: .customLong("bundle-namespace"), help: "The namespace that holds revision bundles.")
    var bundleNamespace = RevisionBundle.defaultNamespace

    @OptionGroup var store: StoreOptions
    @OptionGroup var kubectl: KubectlOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let opened = try ConfigStore.open(at: store.path)
            try opened.ensureClean(allowDirty: store.allowDirty || revision != nil)
            let bundle = try RevisionBundle(try opened.load(revision: revision), namespace: bundleNamespace)
            let outcome = try await BundlePublisher(kubernetes: KubectlClient(options: kubectl)).publish(bundle)
            StandardOutput.write(outcome.description + "\n")
        }
    }
}
