// Why the store cannot be used as asked, each with what to do about it.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case notFound(path: String)
    case alreadyExists(path: String)
    case empty(path: String)
    case dirty(path: String, files: [String])
    case missingCanonicalFile(entry: String, storePath: String)
    case secretContent(entry: String, reason: String)
    case unknownPreset(String, known: [String])
    case unknownSnapshot(String, known: [String])

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no nks-sync store at \(path); create one with 'kubectl nks-sync init' or point --repo/NKS_REPO at yours"
        case .alreadyExists(let path):
            return "\(path) already holds a store; use it as it is, or choose another --repo"
        case .empty(let path):
            return "the store at \(path) has no commit yet; commit nks-sync.yaml or run 'kubectl nks-sync init'"
        case .dirty(let path, let files):
            let shown = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? ", …" : "")
            return "the store at \(path) has uncommitted changes (\(shown)); commit them, or pass --allow-dirty to compare against the last commit anyway"
        case .missingCanonicalFile(let entry, let storePath):
            return "entry \(entry) is a whole file but the store has no \(storePath); add and commit it, or use 'kubectl nks-sync import NODE \(entry)'"
        case .secretContent(let entry, let reason):
            return "entry \(entry) looks like a credential (\(reason)); the store is shared, so secrets are refused unless the entry says allowSecrets: true"
        case .unknownSnapshot(let name, let known):
            return "no single snapshot matches '\(name)'" + (known.isEmpty ? "; record one with 'kubectl nks-sync snapshot'" : " (latest: \(known.joined(separator: ", ")); see 'kubectl nks-sync log --snapshots')")
        case .unknownPreset(let name, let known):
            return "unknown preset '\(name)' (known: \(known.joined(separator: ", ")))"
        }
    }
}
