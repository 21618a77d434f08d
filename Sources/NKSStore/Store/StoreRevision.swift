// The configuration at one commit of the store: its manifest and the canonical whole
// files, loaded once and then shared by every node's evaluation.
import Foundation

public struct StoreRevision: Sendable {
    public var id: String
    public var shortID: String
    public var manifest: Manifest
    /// Node path → canonical content, for `file` entries.
    public var canonicalFiles: [String: Data]
    /// The manifest as committed, for what is handed on whole (a revision bundle).
    public var manifestText = ""

    /// Where an entry's canonical file is kept in the store.
    public static func storePath(for nodePath: String) -> String {
        "files" + nodePath
    }
}
