// The shared core against the lab: the real kubectl through NKSCore, and node access over
// real sshd nodes (fan-out reads, atomic writes, host keys, unreachable nodes).
import Crypto
import Foundation
import NKSCore
import NKSLab
import Testing

@Suite(.serialized, .enabled(if: LabAvailability.canRun, "the lab needs root (mount namespaces, sshd)"))
struct CoreOnLabTests {
    @Test func kubectlThroughTheCoreListsTheLabsNodesAndPods() async throws {
        try await withLab(scenario: "drift", nodes: 6) { lab in
            let client = KubectlClient(options: lab.kubectlOptions)
            async let nodes = client.list(Node.self, namespace: .all, labelSelector: nil, fieldSelector: nil)
            async let pods = client.list(Pod.self, namespace: .all, labelSelector: "app=web", fieldSelector: nil)
            let (listedNodes, listedPods) = try await (nodes, pods)
            let expected = await lab.nodes
            #expect(listedNodes.map(\.metadata.name).sorted() == expected.map(\.name).sorted())
            for node in listedNodes {
                let address = expected.first { $0.name == node.metadata.name }?.address
                #expect(node.address(of: .internalIP) == address)
                #expect(node.containerRuntime == "docker")
            }
            #expect(listedPods.map(\.metadata.name) == ["web-7d9c5b8f6-abcde"])
            #expect(listedPods.first?.spec?.nodeName == "worker-1")

            let selected = try await client.list(Node.self, namespace: .all, labelSelector: "node.kubernetes.io/instance-type=m2.c8m16", fieldSelector: nil)
            #expect(selected.map(\.metadata.name).sorted() == ["worker-2", "worker-4", "worker-6"])
            await #expect(throws: KubectlError.self) { try await client.get(Node.self, name: "no-such-node", namespace: nil) }
        }
    }

    @Test func aFanOutReadsThreeFilesPerNodeInOneRoundTripEach() async throws {
        try await withLab(scenario: "drift", nodes: 20) { lab in
            let transport = CountingTransport(try SSHTransport(settings: lab.sshSettings(), sudo: false))
            let reader = NodeReader(transport: transport)
            let paths = ["/etc/logrotate.d/docker", "/etc/default/grub", "/var/lib/kubelet/config.yaml"]
            let results = await FanOut(concurrency: 8, nodeTimeout: .seconds(60)).collect(over: await lab.targets()) { target in
                try await reader.read(NodeReadRequest(files: paths), from: target, timeout: .seconds(60))
            }
            await transport.shutdown()
            #expect(results.count == 20)
            for result in results {
                guard case .ok(let snapshot) = result.outcome else {
                    // worker-11 runs without DAC override: its sshd still answers.
                    Issue.record("\(result.node.name): \(result.outcome)")
                    continue
                }
                for path in paths where !(result.node.name == "worker-7" && path == "/etc/logrotate.d/docker") && !(result.node.name == "worker-11" && path == "/etc/logrotate.d/docker") {
                    let onNode = try await lab.readFile(path, on: result.node.name)
                    #expect(snapshot.files[path]?.state == .present, "\(result.node.name) \(path)")
                    #expect(snapshot.files[path]?.content == Data(onNode.utf8), "\(result.node.name) \(path)")
                }
            }
            let byName = Dictionary(uniqueKeysWithValues: results.compactMap { result -> (String, NodeSnapshot)? in
                if case .ok(let snapshot) = result.outcome { return (result.node.name, snapshot) } else { return nil }
            })
            #expect(byName["worker-7"]?.files["/etc/logrotate.d/docker"]?.state == .missing)
            #expect(byName["worker-11"]?.files["/etc/logrotate.d/docker"]?.state == .unreadable)
            #expect(byName["worker-3"]?.files["/etc/logrotate.d/docker"]?.content != byName["worker-1"]?.files["/etc/logrotate.d/docker"]?.content)
            #expect(transport.roundTrips.count == 20)
            #expect(transport.roundTrips.values.allSatisfy { $0 == 1 }, "\(transport.roundTrips)")
        }
    }

    @Test func anAtomicWriteLandsWithItsOwnerModeAndHash() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let transport = try SSHTransport(settings: lab.sshSettings(), sudo: false)
            let content = Data("/var/lib/docker/containers/*/*.log {\nrotate 7\nmissingok\n}\n".utf8)
            let target = try #require(await lab.targets().first)
            let before = try await lab.readFile("/etc/logrotate.d/docker", on: target.name)
            let receipt = try await NodeWriter(transport: transport).write(
                AtomicFileWrite(path: "/etc/logrotate.d/docker", content: content, owner: "root", group: "adm", mode: 0o640, validator: "logrotate -d {}"),
                to: target, timeout: .seconds(60))
            await transport.shutdown()

            let sha = SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
            #expect(receipt.sha256 == sha)
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: target.name) == String(decoding: content, as: UTF8.self))
            let stat = try await lab.run(["stat", "-c", "%a %U %G", "/etc/logrotate.d/docker"], on: target.name)
            #expect(stat.standardOutputText == "640 root adm\n")
            // Nothing a daemon would read is left in the include directory; the old content is kept outside it.
            let listing = try await lab.run(["ls", "-A", "/etc/logrotate.d"], on: target.name)
            #expect(!listing.standardOutputText.contains("nks"), "\(listing.standardOutputText)")
            let backup = try #require(receipt.backupPath)
            #expect(backup.hasPrefix("/var/lib/nks-sync/"))
            #expect(try await lab.readFile(backup, on: target.name) == before)
        }
    }

    @Test func aNodeWhoseHostKeyChangedIsRefusedAndNothingIsWritten() async throws {
        try await withLab(scenario: "drift", nodes: 2) { lab in
            let victim = "worker-2"
            try await lab.rotateHostKey(node: victim)
            let before = try await lab.readFile("/etc/logrotate.d/docker", on: victim)
            // Even accept-new must not let a changed key through.
            let transport = try SSHTransport(settings: lab.sshSettings(acceptNew: true), sudo: false)
            let target = try #require(await lab.targets().first { $0.name == victim })
            let error = await #expect(throws: NodeAccessError.self) {
                try await NodeWriter(transport: transport).write(AtomicFileWrite(path: "/etc/logrotate.d/docker", content: Data("owned\n".utf8)), to: target, timeout: .seconds(30))
            }
            await transport.shutdown()
            guard case .hostKeyChanged = error else { Issue.record("expected hostKeyChanged, got \(String(describing: error))"); return }
            #expect(error?.description.contains(victim) == true)
            #expect(try await lab.readFile("/etc/logrotate.d/docker", on: victim) == before)
        }
    }

    @Test func anUnreachableNodeIsReportedWhileTheOthersSucceed() async throws {
        try await withLab(scenario: "drift", nodes: 5) { lab in
            try await lab.stopNode("worker-4")
            let transport = try SSHTransport(settings: lab.sshSettings(), sudo: false)
            let reader = NodeReader(transport: transport)
            let results = await FanOut(concurrency: 5, nodeTimeout: .seconds(60)).collect(over: await lab.targets()) { target in
                try await reader.read(NodeReadRequest(files: ["/etc/default/grub"]), from: target, timeout: .seconds(60))
            }
            await transport.shutdown()
            for result in results {
                if result.node.name == "worker-4" {
                    guard case .unreachable(let reason) = result.outcome else { Issue.record("worker-4: \(result.outcome)"); continue }
                    #expect(reason.contains("worker-4"))
                } else {
                    #expect(result.outcome.isOK, "\(result.node.name): \(result.outcome)")
                }
            }
        }
    }

    @Test func oddPathsAndNodeNamesAreHandledSafely() async throws {
        let yaml = """
            name: odd
            nodeNames: "ip-10-0-{index}.ap-northeast-2.compute.internal"
            defaults:
              files:
                /etc/default/grub: {content: "GRUB_CMDLINE_LINUX=\\"quiet\\"\\n"}
            """
        try await withLab(yaml: yaml, nodes: 2) { lab in
            let target = try #require(await lab.targets().last)
            #expect(target.name == "ip-10-0-2.ap-northeast-2.compute.internal")
            let path = "/etc/nks test/it's \"quoted\" $(reboot) `reboot`; reboot.conf"
            try await lab.run(["mkdir", "-p", "/etc/nks test"], on: target.name).expectSuccess()
            let transport = try SSHTransport(settings: lab.sshSettings(), sudo: false)
            let content = Data("value with 'quotes' and $HOME\n".utf8)
            _ = try await NodeWriter(transport: transport).write(AtomicFileWrite(path: path, content: content), to: target, timeout: .seconds(60))
            let read = try await NodeReader(transport: transport).read(NodeReadRequest(files: [path, "/etc/default/grub"]), from: target, timeout: .seconds(60))
            await transport.shutdown()
            #expect(read.files[path]?.content == content)
            #expect(try await lab.readFile(path, on: target.name) == String(decoding: content, as: UTF8.self))
            // The lab's reboot shim records every call: none may have happened.
            #expect(try await lab.calls(on: target.name).filter { $0.contains("reboot") } == [])
        }
    }
}

extension ProcessOutput {
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(succeeded, "\(standardErrorText)", sourceLocation: sourceLocation)
    }
}
