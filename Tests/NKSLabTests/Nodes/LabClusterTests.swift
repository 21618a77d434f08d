// The lab as the real kubectl sees it: Node objects that point at the simulated nodes,
// configz answers from each node's kubelet config, and the scenario's own objects.
import Foundation
import NKSCore
import Testing
@testable import NKSLab

func kubectl(_ lab: Lab, _ arguments: [String]) async throws -> ProcessOutput {
    try await SubprocessRunner().run(ProcessInvocation("kubectl", ["--kubeconfig", lab.paths.kubeconfig.path] + arguments, timeout: .seconds(30)))
}

func decodeJSON(_ output: ProcessOutput) throws -> ScenarioValue {
    ScenarioValue(any: try JSONSerialization.jsonObject(with: output.standardOutput))
}

extension LabNodeTests {
    @Test func kubectlListsNodesWithTheirLoopbackAddressesAndScenarioFacts() async throws {
        let scenario = threeNodeScenario + """

              - nodes: {indexes: "1"}
                spec: {kubeletVersion: v1.31.4, configzOverrides: {imageGCHighThresholdPercent: 90}}
            objects:
              - {apiVersion: v1, kind: Pod, metadata: {name: job-abc, namespace: default}, spec: {nodeName: worker-1, containers: [{name: main, image: busybox}]}}
            """
        try await withLab(scenario) { lab in
            let listed = try await kubectl(lab, ["get", "nodes", "-o", "json"])
            #expect(listed.succeeded, "\(listed.standardErrorText)")
            guard case .array(let items)? = try decodeJSON(listed)["items"] else { Issue.record("no items"); return }
            let byName = Dictionary(uniqueKeysWithValues: items.compactMap { item in item["metadata"]?["name"]?.stringValue.map { ($0, item) } })
            #expect(byName.keys.sorted() == ["worker-1", "worker-2", "worker-3"])
            for node in await lab.nodes {
                let item = try #require(byName[node.name])
                guard case .array(let addresses)? = item["status"]?["addresses"] else { Issue.record("no addresses"); continue }
                #expect(addresses.first?["address"]?.stringValue == node.address)
                #expect(item["metadata"]?["labels"]?["kubernetes.io/hostname"]?.stringValue == node.name)
            }
            #expect(byName["worker-1"]?["status"]?["nodeInfo"]?["kubeletVersion"]?.stringValue == "v1.31.4")
            #expect(byName["worker-2"]?["status"]?["nodeInfo"]?["kubeletVersion"]?.stringValue == "v1.32.3")

            let configz1 = try decodeJSON(try await kubectl(lab, ["get", "--raw", "/api/v1/nodes/worker-1/proxy/configz"]))
            let configz2 = try decodeJSON(try await kubectl(lab, ["get", "--raw", "/api/v1/nodes/worker-2/proxy/configz"]))
            #expect(configz1["kubeletconfig"]?["imageGCHighThresholdPercent"] == .number(90))
            #expect(configz2["kubeletconfig"]?["imageGCHighThresholdPercent"] == .number(85))

            let pods = try await kubectl(lab, ["get", "pods", "-n", "default", "-o", "name"])
            #expect(pods.standardOutputText == "pod/job-abc\n")
        }
    }

    @Test func clientFilesLetSshAndShellsReachTheLab() async throws {
        try await withLab(nodes: 2) { lab in
            let env = try String(contentsOf: lab.paths.env, encoding: .utf8)
            #expect(env.contains("export KUBECONFIG='\(lab.paths.kubeconfig.path)'"))
            #expect(env.contains("NKS_SSH_CONFIG=") && env.contains("NKS_SSH_KNOWN_HOSTS=") && env.contains("NKS_SSH_IDENTITY="))
            let knownHosts = try String(contentsOf: lab.paths.knownHosts, encoding: .utf8)
            #expect(knownHosts.split(separator: "\n").map { $0.split(separator: " ")[0] } == (await lab.nodes).map { "\($0.name),\($0.address)"[...] })
            // Without the ssh_config: by address with the pinned known_hosts and HostKeyAlias.
            let node = try #require(await lab.node(named: "worker-2"))
            let direct = try await SubprocessRunner().run(ProcessInvocation("ssh", [
                "-i", lab.paths.identity.path, "-o", "UserKnownHostsFile=\(lab.paths.knownHosts.path)", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "HostKeyAlias=worker-2", "root@\(node.address)", "hostname -I >/dev/null; cat /proc/cmdline",
            ], timeout: .seconds(30)))
            #expect(direct.succeeded, "\(direct.standardErrorText)")
            #expect(direct.standardOutputText.contains("cgroup.memory=nokmem"))
        }
    }
}
