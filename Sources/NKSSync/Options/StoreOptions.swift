// Which store to use and how strictly: --repo (or NKS_REPO), --allow-dirty.
import ArgumentParser
import NKSStore

public struct StoreOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("repo"), help: "The nks-sync store (a git repository). Default: $NKS_REPO, else ~/.config/nks/sync.")
    public var repository: String?

    @Flag(name: .customLong("allow-dirty"), help: "Work although the store has uncommitted changes (the last commit is used).")
    public var allowDirty = false

    public init() {}

    public var path: String { StoreLocation.resolve(flag: repository) }
}
