import Foundation
import Testing
@testable import NKSStore

@Suite struct ConfigStoreTests {
    let alice = GitSignature(name: "Alice", email: "alice@example.com")

    @Test func createsAStoreFromEveryPresetAndLoadsIt() throws {
        let directory = try TemporaryDirectory()
        let store = try ConfigStore.create(at: directory.path + "/store", presets: Preset.all, signature: alice)
        let revision = try store.load()
        #expect(revision.manifest.entries.map(\.path) == ["/etc/logrotate.d/docker", "/etc/default/grub", "/var/lib/kubelet/config.yaml", "/etc/sysconfig/kubelet"])
        guard case .keys(let keys, _) = revision.manifest.entries[2].kind else { Issue.record("not keys"); return }
        #expect(keys.set.value(at: ["imageGCHighThresholdPercent"]) == .integer(75))
        #expect(keys.set.value(at: ["containerLogMaxFiles"]) == .integer(10))
        #expect(String(decoding: revision.canonicalFiles["/etc/logrotate.d/docker"]!, as: UTF8.self).hasPrefix("/var/lib/docker/containers/*/*.log {\n    rotate 10\n"))
        try store.ensureClean(allowDirty: false)
        #expect(try store.history(limit: 5).first?.summary.hasPrefix("Create nks-sync store with logrotate-docker") == true)
        #expect(throws: StoreError.alreadyExists(path: directory.path + "/store")) {
            try ConfigStore.create(at: directory.path + "/store", presets: [], signature: alice)
        }
    }

    @Test func refusesADirtyTreeUnlessTold() throws {
        let directory = try TemporaryDirectory()
        let store = try ConfigStore.create(at: directory.path, presets: [.logrotateDocker], signature: alice)
        try directory.write("files/etc/logrotate.d/docker", "edited\n")
        #expect(throws: StoreError.dirty(path: directory.path, files: ["files/etc/logrotate.d/docker"])) { try store.ensureClean(allowDirty: false) }
        try store.ensureClean(allowDirty: true)
        // The committed revision is still what drift is measured against.
        #expect(String(decoding: try store.load().canonicalFiles["/etc/logrotate.d/docker"]!, as: UTF8.self).contains("rotate 10"))
    }

    @Test func importsANodesFileAsACommit() throws {
        let directory = try TemporaryDirectory()
        let store = try ConfigStore.create(at: directory.path, presets: [], signature: alice)
        let commit = try store.importFiles(["/etc/logrotate.d/containers": Data("rotate 3\n".utf8)], from: "worker-7", signature: alice)
        #expect(commit != nil)
        let revision = try store.load()
        #expect(revision.manifest.entries.map(\.path) == ["/etc/logrotate.d/containers"])
        #expect(revision.canonicalFiles["/etc/logrotate.d/containers"] == Data("rotate 3\n".utf8))
        #expect(try store.history(limit: 1).first?.summary == "Import /etc/logrotate.d/containers from node worker-7")
    }

    @Test func refusesSecrets() throws {
        let directory = try TemporaryDirectory()
        let store = try ConfigStore.create(at: directory.path, presets: [], signature: alice)
        let kubeconfig = "apiVersion: v1\nusers:\n- name: admin\n  user:\n    token: abcdef\n"
        #expect(throws: StoreError.self) { try store.importFiles(["/etc/kubernetes/admin.conf": Data(kubeconfig.utf8)], from: "n", signature: alice) }
        #expect(SecretDetector.reason("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n") == "it contains a private key")
        #expect(SecretDetector.reason("token:\n") == nil)
        #expect(SecretDetector.reason("rotate 10\n") == nil)
    }

    @Test func snapshotsAreChainedSideReferences() throws {
        let directory = try TemporaryDirectory()
        let store = try ConfigStore.create(at: directory.path, presets: [.logrotateDocker], signature: alice)
        let head = try store.history(limit: 1).first?.id
        let first = try store.recordSnapshot(["worker-1/etc/logrotate.d/docker": Data("rotate 10\n".utf8)], message: "one", signature: alice, at: Date(timeIntervalSince1970: 1_800_000_000))
        let second = try store.recordSnapshot(["worker-1/etc/logrotate.d/docker": Data("rotate 5\n".utf8)], message: "two", signature: alice, at: Date(timeIntervalSince1970: 1_800_000_060))
        #expect(first.name == "2027-01-15T08.00.00.000Z")
        #expect(try store.snapshots().map(\.name) == [first.name, second.name])
        #expect(try store.history(limit: 1).first?.id == head, "a snapshot moved the main branch")
        let (found, files) = try store.snapshotFiles("2027-01-15T08.01")
        #expect(found.name == second.name)
        #expect(files == ["worker-1/etc/logrotate.d/docker": Data("rotate 5\n".utf8)])
        #expect(throws: StoreError.self) { try store.snapshotFiles("2027-01-15") }
        #expect(throws: StoreError.self) { try store.snapshotFiles("1999") }
        try store.ensureClean(allowDirty: false)
    }

    @Test func explainsAMissingStore() {
        #expect(throws: StoreError.notFound(path: "/nonexistent/nks")) { try ConfigStore.open(at: "/nonexistent/nks") }
        #expect(StoreError.notFound(path: "/x").description.contains("kubectl nks-sync init"))
    }

    @Test(arguments: [
        (nil as String?, ["HOME": "/home/op"], "/home/op/.config/nks/sync"),
        (nil, ["HOME": "/home/op", "XDG_CONFIG_HOME": "/cfg"], "/cfg/nks/sync"),
        (nil, ["HOME": "/home/op", "NKS_REPO": "~/team-store"], "/home/op/team-store"),
        ("/flag", ["NKS_REPO": "/env"], "/flag"),
    ])
    func findsTheStore(flag: String?, environment: [String: String], expected: String) {
        #expect(StoreLocation.resolve(flag: flag, environment: environment) == expected)
    }
}
