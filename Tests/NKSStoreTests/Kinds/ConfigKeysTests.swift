import Foundation
import Testing
@testable import NKSStore

@Suite struct ConfigKeysTests {
    // A kubeadm-generated /var/lib/kubelet/config.yaml, abridged.
    let kubeadmConfig = """
    apiVersion: kubelet.config.k8s.io/v1beta1
    authentication:
      anonymous:
        enabled: false
    cgroupDriver: systemd
    # set by the node group's bootstrap script
    clusterDNS:
    - 10.96.0.10
    evictionHard:
      memory.available: 100Mi
    imageGCHighThresholdPercent: 85
    kind: KubeletConfiguration
    rotateCertificates: true

    """

    let imageGC = ConfigKeysSpec(set: .map([
        "imageGCHighThresholdPercent": .integer(80),
        "imageGCLowThresholdPercent": .integer(70),
    ]))

    @Test func setsKeysEditingOnlyTheirLines() throws {
        let rendered = try ConfigKeys.render(kubeadmConfig, imageGC, format: .yaml)
        #expect(rendered == kubeadmConfig
            .replacingOccurrences(of: "imageGCHighThresholdPercent: 85", with: "imageGCHighThresholdPercent: 80")
            .replacingOccurrences(of: "rotateCertificates: true\n", with: "rotateCertificates: true\nimageGCLowThresholdPercent: 70\n"))
        #expect(rendered.contains("# set by the node group's bootstrap script"))
        #expect(ConfigKeys.unmet(try ConfigKeys.parse(rendered, format: .yaml), imageGC).isEmpty)
    }

    @Test func setsNestedKeysBesideTheNodesOwn() throws {
        let spec = ConfigKeysSpec(set: .map(["evictionHard": .map(["nodefs.available": .string("10%")])]))
        let rendered = try ConfigKeys.render(kubeadmConfig, spec, format: .yaml)
        #expect(rendered.contains("evictionHard:\n  memory.available: 100Mi\n  nodefs.available: \"10%\"\n"))
        let parsed = try ConfigKeys.parse(rendered, format: .yaml)
        #expect(parsed.value(at: ["evictionHard", "memory.available"]) == .string("100Mi"))
        #expect(parsed.value(at: ["clusterDNS"]) == .list([.string("10.96.0.10")]))
    }

    @Test func replacesABlockValueAndRemovesKeys() throws {
        let spec = ConfigKeysSpec(set: .map(["clusterDNS": .list([.string("169.254.20.10")])]), remove: [["rotateCertificates"], ["authentication"]])
        let rendered = try ConfigKeys.render(kubeadmConfig, spec, format: .yaml)
        #expect(rendered.contains("clusterDNS: [169.254.20.10]\nevictionHard:"))
        #expect(!rendered.contains("rotateCertificates"))
        #expect(!rendered.contains("anonymous"))
        #expect(rendered.contains("cgroupDriver: systemd"))
    }

    @Test func leavesAnAlreadyRightFileByteForByte() throws {
        let spec = ConfigKeysSpec(set: .map(["imageGCHighThresholdPercent": .integer(85)]))
        #expect(try ConfigKeys.render(kubeadmConfig, spec, format: .yaml) == kubeadmConfig)
    }

    @Test func fallsBackToReserialisingFlowStyle() throws {
        let flow = "{kind: KubeletConfiguration, evictionHard: {memory.available: 100Mi}}\n"
        let rendered = try ConfigKeys.render(flow, imageGC, format: .yaml)
        let parsed = try ConfigKeys.parse(rendered, format: .yaml)
        #expect(ConfigKeys.unmet(parsed, imageGC).isEmpty)
        #expect(parsed.value(at: ["evictionHard", "memory.available"]) == .string("100Mi"))
    }

    @Test func editsJSONConfigs() throws {
        // EKS AMIs ship /etc/kubernetes/kubelet/kubelet-config.json
        let json = #"{"kind":"KubeletConfiguration","maxPods":29,"evictionHard":{"memory.available":"100Mi"}}"#
        let rendered = try ConfigKeys.render(json, imageGC, format: .json)
        let parsed = try ConfigKeys.parse(rendered, format: .json)
        #expect(ConfigKeys.unmet(parsed, imageGC).isEmpty)
        #expect(parsed.value(at: ["maxPods"]) == .integer(29))
    }

    @Test func comparesWithConfigzAcrossSpellings() throws {
        // configz reports Go durations in their canonical form and every default.
        let configz = try ConfigKeys.parse(#"{"kubeletconfig":{"imageGCHighThresholdPercent":85,"imageGCLowThresholdPercent":80,"imageMinimumGCAge":"2m0s","containerLogMaxSize":"10Mi"}}"#, format: .json)
        let live = try #require(configz.value(at: ["kubeletconfig"]))
        let spec = ConfigKeysSpec(set: .map([
            "imageMinimumGCAge": .string("2m"),
            "containerLogMaxSize": .string("10Mi"),
            "imageGCHighThresholdPercent": .integer(80),
            "containerLogMaxFiles": .integer(5),
        ]))
        #expect(ConfigKeys.unmet(live, spec) == [
            "containerLogMaxFiles missing, want 5",
            "imageGCHighThresholdPercent=85, want 80",
        ])
    }

    @Test(arguments: [("2m0s", 120.0), ("1h30m", 5400.0), ("500ms", 0.5), ("0s", 0.0), ("1.5s", 1.5)])
    func readsGoDurations(text: String, seconds: Double) {
        #expect(GoDuration.seconds(text) == seconds)
    }

    @Test func rejectsBrokenFilesWithAReason() {
        #expect(throws: ConfigKeysError.self) { try ConfigKeys.render("key: [unclosed\n", imageGC, format: .yaml) }
        #expect(throws: ConfigKeysError.self) { try ConfigKeys.render("- a list\n", imageGC, format: .yaml) }
        #expect(throws: ConfigKeysError.self) { try ConfigKeys.render("{not json", imageGC, format: .json) }
    }
}
