// krew plugin manifests (`kubectl krew install --manifest=krew/nks-sync.yaml`), one per
// plugin, written from the plugin's own help texts.
import Foundation
import NKSCompletion
import Yams

public struct KrewManifest: Encodable {
    var apiVersion = "krew.googlecontainertools.github.com/v1alpha2"
    var kind = "Plugin"
    var metadata: Metadata
    var spec: Spec

    struct Metadata: Encodable { var name: String }

    struct Spec: Encodable {
        var version: String
        var homepage: String
        var shortDescription: String
        var description: String
        var caveats: String
        var platforms: [Platform]
    }

    struct Platform: Encodable {
        var selector: Selector
        var uri: String
        var sha256: String
        var files: [FileOperation]
        var bin: String
    }

    struct Selector: Encodable { var matchLabels: Labels }
    struct Labels: Encodable { var os: String; var arch: String }
    struct FileOperation: Encodable { var from: String; var to: String }

    /// Linux on both CPU families the project's nodes and workstations run.
    static let architectures = ["amd64", "arm64"]

    /// The release archive of one platform holds every plugin, its completer and the
    /// completion scripts. Its checksum is only known once the release is built: the
    /// committed manifests carry this marker, and the release step replaces it.
    public static let checksumMarker = "SHA256_OF_THE_RELEASE_ARCHIVE"

    public static func archiveName(arch: String) -> String {
        "kubectl-nks_\(Distribution.version)_linux_\(arch).tar.gz"
    }

    init(plugin: DistributedPlugin, tree: CommandNode) {
        let short = (tree.abstract ?? plugin.name).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        let long = ((tree.abstract ?? "") + "\n\n" + Self.firstParagraph(tree.discussion ?? ""))
            .trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
        metadata = Metadata(name: plugin.name)
        spec = Spec(
            version: Distribution.version,
            homepage: Distribution.homepage,
            shortDescription: short,
            description: long,
            caveats: """
                Completion of `kubectl \(plugin.name) <TAB>` (kubectl 1.26 or newer) needs
                \(plugin.completer) on PATH, beside the plugin:
                  ln -s "$HOME/.krew/store/\(plugin.name)/\(Distribution.version)/\(plugin.completer)" "$HOME/.krew/bin/"
                Node access uses your OpenSSH client and pinned host keys; see \(Distribution.homepage)#installation

                """,
            platforms: Self.architectures.map { arch in
                Platform(
                    selector: Selector(matchLabels: Labels(os: "linux", arch: arch)),
                    uri: "\(Distribution.homepage)/releases/download/\(Distribution.version)/\(Self.archiveName(arch: arch))",
                    sha256: Self.checksumMarker,
                    files: [FileOperation(from: plugin.executable, to: "."), FileOperation(from: plugin.completer, to: ".")],
                    bin: plugin.executable
                )
            }
        )
    }

    /// The discussion up to its first blank line: what the plugin is for, without the
    /// exit codes and examples that follow.
    static func firstParagraph(_ text: String) -> String {
        let paragraph = text.components(separatedBy: "\n\n").first ?? ""
        return paragraph.split(separator: "\n").joined(separator: " ")
    }

    public func yaml() throws -> String {
        try YAMLEncoder().encode(self)
    }
}
