// Where the operator's decisions come from: flag, then variable, then the store's `repull:`
// section, then the built-in list; `--defaults` images only from the store.
import Foundation
import Testing
@testable import NKSStore
@testable import NKSRepull

private func revision(_ manifest: String, files: [String: String] = [:]) throws -> StoreRevision {
    StoreRevision(id: "0", shortID: "0", manifest: try ManifestParser.parse(manifest), canonicalFiles: files.mapValues { Data($0.utf8) })
}

private let storeManifest = """
    version: 1
    repull:
      mirrorRegistries: [docker.io, registry.k8s.io, quay.io/coreos]
      defaultImages:
        - registry.k8s.io/kube-proxy:v1.30.4
        - docker.io/calico/node:v3.28.2
    entries: []

    """

@Test func theFlagWinsOverTheVariableWhichWinsOverTheStore() throws {
    let store = try revision(storeManifest)
    let flag = try OperatorPolicy.resolve(flag: "harbor.local/team", environment: ["NKS_REPULL_MIRROR_REGISTRIES": "docker.io"], store: store)
    #expect(flag.mirrorAllowList.entries == ["harbor.local/team"])
    let variable = try OperatorPolicy.resolve(flag: nil, environment: ["NKS_REPULL_MIRROR_REGISTRIES": "docker.io, registry.k8s.io"], store: store)
    #expect(variable.mirrorAllowList.entries == ["docker.io", "registry.k8s.io"])
    let fromStore = try OperatorPolicy.resolve(flag: nil, environment: [:], store: store)
    #expect(fromStore.mirrorAllowList.entries == ["docker.io", "registry.k8s.io", "quay.io/coreos"])
    let none = try OperatorPolicy.resolve(flag: nil, environment: [:], store: nil)
    #expect(none.mirrorAllowList == .defaults)
    #expect(none.defaultImages.isEmpty)
}

@Test func badEntriesAreOneLineNamingWhereTheyAre() throws {
    #expect(throws: RepairFailure("--mirror-registries: \"https://docker.io\" is not a registry host or host/namespace (e.g. docker.io, registry.k8s.io, gcr.io/google_containers)")) {
        try OperatorPolicy.resolve(flag: "https://docker.io", environment: [:], store: nil)
    }
    #expect(throws: RepairFailure("NKS_REPULL_MIRROR_REGISTRIES is empty; name at least one registry, e.g. docker.io")) {
        try OperatorPolicy.resolve(flag: nil, environment: ["NKS_REPULL_MIRROR_REGISTRIES": " , "], store: nil)
    }
    let badRegistry = try revision("version: 1\nrepull:\n  mirrorRegistries:\n    - docker.io\n    - nginx\n")
    #expect(throws: RepairFailure("nks-sync.yaml:5: repull.mirrorRegistries: \"nginx\" is not a registry host or host/namespace (e.g. docker.io, registry.k8s.io, gcr.io/google_containers)")) {
        try OperatorPolicy.resolve(flag: nil, environment: [:], store: badRegistry)
    }
    let untagged = try revision("version: 1\nrepull:\n  defaultImages: [registry.k8s.io/pause]\n")
    #expect(throws: RepairFailure("nks-sync.yaml:3: repull.defaultImages: \"registry.k8s.io/pause\" has no tag; name the tag the cluster uses (e.g. registry.k8s.io/pause:3.10)")) {
        try OperatorPolicy.resolve(flag: nil, environment: [:], store: untagged)
    }
}

@Test func theManifestParserChecksTheRepullSection() {
    #expect(throws: ManifestErrors.self) { try ManifestParser.parse("version: 1\nrepull:\n  mirrors: [docker.io]\n") }
    do {
        _ = try ManifestParser.parse("version: 1\nrepull:\n  defaultImages: registry.k8s.io/pause:3.10\n")
        Issue.record("a string where a list belongs was accepted")
    } catch {
        #expect("\(error)" == "nks-sync.yaml:3: repull.defaultImages must be a list of strings")
    }
}

@Test func defaultsAreTheStoresListPlusTheSandboxImageItsKubeletAndRuntimeEntriesSet() throws {
    let manifest = """
        version: 1
        repull:
          defaultImages: [registry.k8s.io/kube-proxy:v1.30.4, registry.k8s.io/pause:3.9]
        entries:
          - {path: /etc/sysconfig/kubelet, kind: env-flags, variable: KUBELET_EXTRA_ARGS, set: {--pod-infra-container-image: registry.k8s.io/pause:3.9}}
          - {path: /etc/containerd/config.toml, kind: file}

        """
    let config = """
        version = 2
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "harbor.local/container_service/pause:3.9"

        """
    let policy = try OperatorPolicy.resolve(flag: nil, environment: [:], store: try revision(manifest, files: ["/etc/containerd/config.toml": config]))
    #expect(policy.defaultImages.map(\.canonical) == ["registry.k8s.io/kube-proxy:v1.30.4", "registry.k8s.io/pause:3.9", "harbor.local/container_service/pause:3.9"])
    // containerd 2.x and CRI-O spell it differently.
    #expect(SandboxImages.settings(in: "[plugins.'io.containerd.cri.v1.images'.pinned_images]\n  sandbox = 'registry.k8s.io/pause:3.10'\n") == ["registry.k8s.io/pause:3.10"])
    #expect(SandboxImages.settings(in: "[crio.image]\npause_image = \"registry.k8s.io/pause:3.10\"\n# pause_image_auth_file = \"\"\n") == ["registry.k8s.io/pause:3.10"])
}

@Test func aMissingStoreIsNoStore() throws {
    #expect(try OperatorPolicy.loadStore(at: FileManager.default.temporaryDirectory.appendingPathComponent("no-store-\(UUID().uuidString)").path) == nil)
}
