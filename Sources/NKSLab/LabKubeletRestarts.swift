// A restarted kubelet loads its config file again: when a node's systemctl shim records
// `restart kubelet`, the node's configz answer is rebuilt from the file as it is now, so
// a plugin that waits for configz to show new values sees what a real cluster shows.
import Foundation
import Yams

extension Lab {
    /// Polls the shims' logs on the host side (no process per check); cheap at 200 nodes.
    func watchKubeletRestarts() {
        setRestartWatcher(Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                await self?.reloadRestartedKubelets()
            }
        })
    }

    func reloadRestartedKubelets() async {
        for node in nodes {
            let log = node.layout.varLibUpper.appendingPathComponent("nks-lab/systemctl.log")
            guard let text = try? String(contentsOf: log, encoding: .utf8) else { continue }
            let restarts = text.split(separator: "\n").filter { $0 == "restart kubelet" || $0 == "restart kubelet.service" }.count
            guard restarts > restartCount(of: node.name) else { continue }
            setRestartCount(restarts, of: node.name)
            guard let path = node.layout.hostPath(forNodePath: LabClusterObjects.kubeletConfigPath),
                  let content = try? String(contentsOf: path, encoding: .utf8),
                  case .object(var config)? = (try? Yams.load(yaml: content)).map({ ScenarioValue(any: $0) }) else { continue }
            for key in ["kind", "apiVersion"] { config.removeValue(forKey: key) }
            await state.setNodeProxy(node: node.name, path: "configz", answer: .json(ScenarioValue.object(["kubeletconfig": .object(config)]).json))
        }
    }
}
