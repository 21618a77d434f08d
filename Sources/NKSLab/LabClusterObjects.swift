// What the fake API server holds for a lab: Node objects built from the scenario, each
// node's configz answer from its kubelet config file, and the scenario's other objects.
import Foundation
import Yams

enum LabClusterObjects {
    static let kubeletConfigPath = "/var/lib/kubelet/config.yaml"

    static func node(_ node: ResolvedNode, address: String) -> ScenarioValue {
        let spec = node.spec
        var labels: [String: ScenarioValue] = [
            "kubernetes.io/hostname": .string(node.name),
            "kubernetes.io/os": .string("linux"),
            "kubernetes.io/arch": .string("amd64"),
            "node-role.kubernetes.io/worker": .string(""),
        ]
        for (key, value) in spec.labels ?? [:] { labels[key] = .string(value) }
        var conditionStatus = ["Ready": "True", "MemoryPressure": "False", "DiskPressure": "False", "PIDPressure": "False"]
        for (type, status) in spec.conditions ?? [:] { conditionStatus[type] = status }
        let conditions: [ScenarioValue] = conditionStatus.keys.sorted().map { type in
            let status = conditionStatus[type]!
            let healthy = (type == "Ready") == (status == "True")
            return .object([
                "type": .string(type), "status": .string(status),
                "reason": .string(healthy ? (type == "Ready" ? "KubeletReady" : "KubeletHas\(type == "DiskPressure" ? "NoDiskPressure" : "Sufficient\(type.replacingOccurrences(of: "Pressure", with: ""))")") : "Kubelet\(type == "Ready" ? "NotReady" : "Has\(type)")"),
                "message": .string("simulated by nks-lab"),
                "lastHeartbeatTime": .string("2026-01-01T00:00:00Z"),
                "lastTransitionTime": .string("2026-01-01T00:00:00Z"),
            ])
        }
        return .object([
            "apiVersion": .string("v1"),
            "kind": .string("Node"),
            "metadata": .object(["name": .string(node.name), "labels": .object(labels)]),
            "spec": .object(["providerID": .string("nks-lab://\(node.name)")]),
            "status": .object([
                "addresses": .array([
                    .object(["type": .string("InternalIP"), "address": .string(address)]),
                    .object(["type": .string("Hostname"), "address": .string(node.name)]),
                ]),
                "conditions": .array(conditions),
                "capacity": .object(["cpu": .string("4"), "memory": .string("16Gi"), "pods": .string("110"), "ephemeral-storage": .string("100Gi")]),
                "allocatable": .object(["cpu": .string("3800m"), "memory": .string("15Gi"), "pods": .string("110"), "ephemeral-storage": .string("92Gi")]),
                "nodeInfo": .object([
                    "kubeletVersion": .string(spec.kubeletVersion ?? "v1.32.3"),
                    "kubeProxyVersion": .string(spec.kubeletVersion ?? "v1.32.3"),
                    "containerRuntimeVersion": .string(spec.containerRuntimeVersion ?? "containerd://1.7.24"),
                    "osImage": .string(spec.osImage ?? "Ubuntu 22.04.5 LTS"),
                    "kernelVersion": .string(spec.kernelVersion ?? "5.15.0-127-generic"),
                    "operatingSystem": .string("linux"),
                    "architecture": .string("amd64"),
                    "machineID": .string(String(repeating: "0", count: 24) + String(format: "%08x", node.index)),
                ]),
            ]),
        ])
    }

    /// `{"kubeletconfig": {...}}` as a real kubelet's /configz answers, from the node's
    /// kubelet config file with the scenario's runtime-only differences laid over it.
    static func configz(_ node: ResolvedNode) -> ScenarioValue? {
        guard let file = node.spec.files?[kubeletConfigPath] else { return nil }
        var config: [String: ScenarioValue] = [:]
        if case .object(let fields)? = (try? Yams.load(yaml: file.content)).map({ ScenarioValue(any: $0) }) { config = fields }
        for key in ["kind", "apiVersion"] { config.removeValue(forKey: key) }
        for (key, value) in node.spec.configzOverrides ?? [:] { config[key] = value }
        return .object(["kubeletconfig": .object(config)])
    }
}
