// CI's guard for the generated artefacts: completions/, krew/ and the README's command
// reference must equal what the command definitions generate now. When this fails, run
// `swift package --allow-writing-to-package-directory generate-distribution-files`.
import Foundation
import NKSDistribution
import Testing
import Yams

struct GeneratedFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func committedFilesAreCurrent() throws {
        #expect(try GeneratedFiles.stale(in: Self.root) == [])
    }

    @Test func everyPluginHasScriptsForThreeShellsAndAManifest() throws {
        let files = try GeneratedFiles.all(readme: GeneratedFiles.referenceStart + "\n" + GeneratedFiles.referenceEnd + "\n")
        for plugin in ["kubectl-nks_sync", "kubectl-nks_repull", "kubectl-nks_why_nologs"] {
            let bash = try #require(files["completions/bash/\(plugin)"])
            #expect(bash.contains("complete -o filenames -F _\(plugin) \(plugin)"))
            #expect(!bash.contains("kubectl nks-"), "a command name with a space is no function name")
            #expect(files["completions/zsh/_\(plugin)"]?.hasPrefix("#compdef \(plugin)") == true)
            #expect(files["completions/fish/\(plugin).fish"]?.contains("complete -c '\(plugin)' -f") == true)
        }
        for name in ["nks-sync", "nks-repull", "nks-why-nologs"] {
            let text = try #require(files["krew/\(name).yaml"])
            let manifest = try #require(try Yams.load(yaml: text) as? [String: Any])
            #expect(manifest["kind"] as? String == "Plugin")
            #expect(manifest["apiVersion"] as? String == "krew.googlecontainertools.github.com/v1alpha2")
            let spec = try #require(manifest["spec"] as? [String: Any])
            #expect((spec["shortDescription"] as? String)?.isEmpty == false)
            #expect((spec["description"] as? String)?.isEmpty == false)
            let platforms = try #require(spec["platforms"] as? [[String: Any]])
            let labels = platforms.compactMap { ($0["selector"] as? [String: Any])?["matchLabels"] as? [String: String] }
            #expect(labels == [["os": "linux", "arch": "amd64"], ["os": "linux", "arch": "arm64"]])
        }
    }

    @Test func theReferenceListsEveryCommandAndFlag() throws {
        let files = try GeneratedFiles.all(readme: GeneratedFiles.referenceStart + "\n" + GeneratedFiles.referenceEnd + "\n")
        let readme = try #require(files["README.md"])
        for heading in ["`kubectl nks-sync`", "`kubectl nks-sync status`", "`kubectl nks-sync rollback`", "`kubectl nks-repull`", "`kubectl nks-why-nologs`"] {
            #expect(readme.contains("#### \(heading)"), "\(heading) missing")
        }
        #expect(readme.contains("| `-c`, `--container` | `<container>` |"))
        #expect(readme.contains("| `-o`, `--output` | `table\\|wide\\|json\\|yaml\\|name` |"))
        #expect(!readme.contains("kubectl nks-sync help"))
    }

    @Test func aReadmeWithoutMarkersIsRefused() {
        #expect(throws: GenerationError.self) { try GeneratedFiles.readmeWithReference("# title\n", reference: "x") }
    }
}
