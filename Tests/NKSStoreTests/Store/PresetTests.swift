// Presets are the documents they cite: the logrotate-docker file is the NKS troubleshooting
// guide's code block (Container > NHN Kubernetes Service(NKS) > 문제 해결 가이드, "로그
// 로테이션 설정하기"), the lines between `<<EOF` and `EOF`, byte for byte.
import Foundation
import Testing
@testable import NKSStore

@Suite struct PresetTests {
    /// The guide's block as published: `cat > /etc/logrotate.d/docker` from a heredoc whose
    /// body has nothing the shell would expand, so the file is exactly these bytes.
    static let guideBlock = """
    $ sudo bash -c "cat > /etc/logrotate.d/docker" <<EOF
    /var/lib/docker/containers/*/*.log {
        rotate 10
        copytruncate
        missingok
        notifempty
        compress
        maxsize 100M
        daily
        dateext
        dateformat -%Y%m%d-%s
        create 0644 root root
    }
    EOF
    """

    static var heredocBody: String {
        let lines = guideBlock.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.dropFirst().prefix { $0 != "EOF" }.map { $0 + "\n" }.joined()
    }

    @Test func logrotateDockerIsTheGuidesFileByteForByte() {
        let file = Preset.logrotateDocker.files["/etc/logrotate.d/docker"]
        #expect(file.map { Array($0.utf8) } == Array(Self.heredocBody.utf8))
        #expect(file?.contains("\n    rotate 10\n") == true, "4-space indentation inside the braces")
    }

    @Test func aNodeFileThatDiffersOnlyInIndentationIsSaidToBeWhitespaceOnly() {
        let entry = ManagedEntry(path: "/etc/logrotate.d/docker", kind: .file(owner: "root", group: "root", mode: "0644", allowSecrets: false), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .none)
        // The same file with the indentation lost, as a copy from a page that drops it gives.
        let flattened = Self.heredocBody.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) + "\n" }.joined()
        let canonical = Data(Preset.logrotateDocker.files[entry.path]!.utf8)
        let docker = NodeFacts(name: "worker-1", runtime: "docker")
        func status(_ text: String) -> EntryStatus {
            DriftEvaluator.evaluate(entry, canonical: canonical, facts: docker, groups: [],
                                    observation: NodeObservation(files: [entry.path: ObservedFile(state: .present, content: Data(text.utf8), mode: "0644", owner: "root", group: "root")]))
        }
        #expect(status(flattened).state == .drifted)
        #expect(status(flattened).detail == "content differs (-10 +10 lines, whitespace only)")
        let edited = flattened.replacingOccurrences(of: "rotate 10", with: "rotate 5")
        #expect(status(edited).detail == "content differs (-10 +10 lines)")
        #expect(WhitespaceDifference.isOnlyWhitespace("rotate 10\n", "rotate  10\n\n"))
        #expect(!WhitespaceDifference.isOnlyWhitespace("rotate 10\n", "rotate10\n"))
        #expect(!WhitespaceDifference.isOnlyWhitespace("a\n", "a\n"))
    }
}
