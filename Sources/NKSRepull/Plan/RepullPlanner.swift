// Turns the failing containers into the plan: per container the actions its cause calls
// for, and the concrete steps behind the actions nks-repull carries out itself. Guards:
// node actions only on the node the pod is bound to; pod deletion only for pods a
// controller recreates.
import Foundation
import NKSCore

/// One thing the executor does; `action` points at the item/action it reports to.
public enum RepairStep: Sendable, Hashable {
    case nodeScript(node: String, script: String)
    case deletePod(namespace: String, name: String)
    case patch(resource: String, name: String, namespace: String, body: Data)
}

/// An action of an item in the report.
public struct ActionRef: Sendable, Hashable {
    public var item: Int
    public var action: Int
}

public struct PlannedStep: Sendable, Hashable {
    public var item: Int
    public var action: Int
    public var step: RepairStep
    /// Other actions this step carries out too (a pin in the same script, the same pull
    /// shared by several pods on one node).
    public var alsoReports: [ActionRef] = []
    /// Steps that must succeed first (mirror pull before the pod is deleted).
    public var after: [Int]
}

public struct RepullPlan: Sendable {
    public var report: RepullReport
    public var steps: [PlannedStep]
    public var hasWork: Bool { !steps.isEmpty }
}

public struct RepullPlanner: Sendable {
    public var api: any KubernetesAPI
    public var settings: RepairSettings

    public init(api: any KubernetesAPI, settings: RepairSettings) {
        self.api = api
        self.settings = settings
    }

    public func plan(failures: [PullFailure], pods: [Pod], nodes: [Node]) async throws -> RepullPlan {
        let nodesByName = Dictionary(nodes.map { ($0.metadata.name, $0) }, uniquingKeysWith: { a, _ in a })
        let podsByKey = Dictionary(pods.map { (($0.metadata.namespace ?? "") + "/" + $0.metadata.name, $0) }, uniquingKeysWith: { a, _ in a })
        let resolver = OwnerResolver(api: api)
        var items: [RepullItem] = []
        var steps: [PlannedStep] = []
        var scriptIndex: [String: Int] = [:]   // node + script → step, so one pull serves many pods
        var deleteStepByPod: [String: Int] = [:]
        var patched: Set<String> = []

        for failure in failures {
            guard let pod = podsByKey[failure.namespace + "/" + failure.pod] else { continue }
            let node = failure.node.flatMap { nodesByName[$0] }
            let runtime = RuntimeKind(node: node)
            let itemIndex = items.count
            var actions: [RepullAction] = []
            var nodeSteps: [Int] = []
            let reference = try? ImageReference(parsing: failure.image)

            func add(_ action: RepullAction, _ step: RepairStep? = nil, after: [Int] = []) -> Int? {
                actions.append(action)
                guard let step else { return nil }
                if case .nodeScript(let node, let script) = step, let existing = scriptIndex[node + "\u{0}" + script] {
                    // The same pull on the same node already planned for another container.
                    actions[actions.count - 1].detail += " (shared with an earlier item)"
                    steps[existing].alsoReports.append(ActionRef(item: itemIndex, action: actions.count - 1))
                    return existing
                }
                steps.append(PlannedStep(item: itemIndex, action: actions.count - 1, step: step, after: after))
                if case .nodeScript(let node, let script) = step { scriptIndex[node + "\u{0}" + script] = steps.count - 1 }
                return steps.count - 1
            }

            // Node work only where the pod runs, and only on a node the API lists.
            let nodeName = failure.node
            let canTouchNode = nodeName != nil && node != nil

            switch failure.cause {
            case .rateLimited, .registryUnreachable:
                if let reference, let refusal = settings.mirrorAllowList.refusal(for: reference, message: failure.message) {
                    _ = add(RepullAction(.mirrorPull, refusal, status: .skipped, origin: ImageOrigin(reference)))
                } else if let reference, settings.mirror != nil, let limitation = ImageCommands.mirrorLimitation(target: reference, runtime: runtime) {
                    _ = add(RepullAction(.mirrorPull, limitation, status: .skipped))
                } else if let reference, let mirror = settings.mirror {
                    if canTouchNode, let nodeName {
                        let source = try settings.layout.mirrorReference(for: reference, prefix: mirror)
                        let pin = runtime == .containerd && BaseImages.isPause(reference)
                        if let script = ImageCommands.pullScript(source: source, target: reference, runtime: runtime, pin: pin) {
                            let detail = "on \(nodeName): " + ImageCommands.summary(source: source, target: reference, runtime: runtime) + " (\(settings.mirrorAllowList.permission(for: reference)))"
                            if let index = add(RepullAction(.mirrorPull, detail, status: .planned, origin: ImageOrigin(reference)), .nodeScript(node: nodeName, script: script)) {
                                nodeSteps.append(index)
                            }
                            if pin, let pullStep = nodeSteps.last {
                                steps[pullStep].alsoReports.append(ActionRef(item: itemIndex, action: actions.count))
                                _ = add(RepullAction(.pin, "on \(nodeName): ctr -n k8s.io images label \(reference.canonical) io.cri-containerd.pinned=pinned (kubelet ≥ 1.23 image GC keeps it)", status: .planned)) }
                        } else {
                            _ = add(RepullAction(.mirrorPull, "on \(nodeName): no mirror pull for \(runtime.rawValue) nodes; configure a registry mirror for \(reference.domain) in the runtime", status: .skipped))
                        }
                    } else {
                        _ = add(RepullAction(.mirrorPull, "the pod is not bound to a known node; nothing to pull yet", status: .skipped))
                    }
                } else {
                    _ = add(RepullAction(.mirrorPull, "pass --mirror PREFIX (your internal registry project) to pull \(failure.image) from it on \(nodeName ?? "the node") and re-tag it", status: .proposed))
                }
                if failure.cause == .rateLimited {
                    _ = add(await pullSecretsAction(pod: pod, resolver: resolver))
                }
            case .pullProgressTimeout:
                if let reference, canTouchNode, let nodeName,
                   let script = ImageCommands.pullScript(source: reference, target: reference, runtime: runtime, pin: false) {
                    // The runtime's CLI has no progress deadline: the slow pull can finish.
                    if let index = add(RepullAction(.prePull, "on \(nodeName): " + ImageCommands.summary(source: reference, target: reference, runtime: runtime), status: .planned), .nodeScript(node: nodeName, script: script)) {
                        nodeSteps.append(index)
                    }
                }
                _ = add(RepullAction(.kubeletSetting, PullDeadlineAdvice.advice(runtime: runtime, runtimeVersion: node?.containerRuntimeVersionNumber, kubeletVersion: node?.status?.nodeInfo?.kubeletVersion), status: .proposed))
            case .registryDeprecated:
                let successor = reference.flatMap { image in
                    PullErrorClassifier.retiredRegistry(explaining: failure.message, image: image)?.successor(of: image)
                }
                if let successor, successor.image == nil {
                    _ = add(RepullAction(.advice, successor.note, status: .proposed))
                } else if let successor, let rewritten = successor.image {
                    _ = add(RepullAction(.rewriteImage, "\(failure.image) → \(rewritten) (\(successor.note))", status: .proposed))
                    let owner = try await resolver.templateOwner(of: pod)
                    let ownerKey = (owner.map { "\($0.resource)/\($0.name)" } ?? "") + "/" + failure.container
                    if let owner, let current = owner.templateImage(container: failure.container, isInit: failure.isInitContainer), current != failure.image {
                        // Someone (or an earlier run) changed the template: its rollout replaces this pod.
                        _ = add(RepullAction(.patchTemplate, "\(owner.kind.lowercased())/\(owner.name) already uses \(current) for container \(failure.container); its rollout replaces this pod", status: .skipped))
                    } else if let owner, settings.fixManifests, !patched.contains(ownerKey),
                       let body = owner.imagePatch(container: failure.container, isInit: failure.isInitContainer, from: failure.image, to: rewritten) {
                        patched.insert(ownerKey)
                        _ = add(RepullAction(.patchTemplate, "\(owner.kind.lowercased())/\(owner.name): container \(failure.container) image → \(rewritten)", status: .planned),
                                .patch(resource: owner.resource, name: owner.name, namespace: owner.namespace, body: body))
                    } else if let owner, !settings.fixManifests {
                        _ = add(RepullAction(.patchTemplate, "\(owner.kind.lowercased())/\(owner.name): rerun with --fix-manifests to patch its template", status: .proposed))
                    } else if owner == nil {
                        _ = add(RepullAction(.patchTemplate, "no owning workload: change the image in the manifest you apply", status: .proposed))
                    }
                } else {
                    _ = add(RepullAction(.advice, "the image uses the removed Docker schema 1 format: rebuild and push it as OCI or Docker schema 2", status: .proposed))
                }
            case .authRequired:
                _ = add(await pullSecretsAction(pod: pod, resolver: resolver))
            case .imageNotFound:
                _ = add(RepullAction(.advice, "\(failure.image) does not exist on its registry (or not for this pull policy): check the name and tag", status: .proposed))
            case .tlsUntrusted:
                let host = reference?.domain ?? "the registry"
                let place = runtime == .docker ? "/etc/docker/certs.d/\(host)/ca.crt" : runtime == .crio ? "/etc/containers/certs.d/\(host)/ca.crt" : "/etc/containerd/certs.d/\(host)/ca.crt"
                _ = add(RepullAction(.advice, "the node does not trust \(host)'s certificate: install its CA as \(place) on the nodes", status: .proposed))
            case .platformMismatch:
                _ = add(RepullAction(.advice, "\(failure.image) has no build for \(node?.status?.nodeInfo?.operatingSystem ?? "linux")/\(node?.status?.nodeInfo?.architecture ?? "this node's architecture"): publish a multi-arch image or constrain the pod with a nodeSelector on kubernetes.io/arch", status: .proposed))
            case .diskFull:
                _ = add(RepullAction(.advice, "\(nodeName ?? "the node") ran out of disk while unpacking: see kubectl nks-why-nologs and the kubelet's imageGC thresholds (kubectl nks-sync preset kubelet-image-gc)", status: .proposed))
            case .unknown where failure.waitingReason == "InvalidImageName":
                // kubelet: `Failed to apply default image tag "X": couldn't parse image reference …`
                _ = add(RepullAction(.advice, "\(failure.image.debugDescription) is not a valid image reference: fix the name in the manifest", status: .proposed))
            case .unknown:
                // Only the back-off line is left (the Failed event expired): the runtime's own
                // log on the node still has the pull error.
                let unit = runtime == .docker ? "docker" : runtime == .crio ? "crio" : "containerd"
                let grep = ShellQuoting.quote(reference?.familiar ?? failure.image)
                _ = add(RepullAction(.advice, "no cause in the pod's status or events; on \(nodeName ?? "the node") run: journalctl -u \(unit) | grep -F \(grep) | tail", status: .proposed))
            }

            // Let the kubelet retry at once once the image is there — only for pods a
            // controller recreates.
            if !nodeSteps.isEmpty {
                let key = failure.namespace + "/" + failure.pod
                if pod.metadata.controller == nil {
                    _ = add(RepullAction(.deletePod, "pod has no controller: the kubelet retries on its own back-off; delete and re-create it yourself to retry now", status: .skipped))
                } else if let existing = deleteStepByPod[key] {
                    // Another container of this pod: its delete also waits for these pulls.
                    steps[existing].after += nodeSteps
                } else {
                    deleteStepByPod[key] = add(RepullAction(.deletePod, "\(failure.namespace)/\(failure.pod) (owned by \(pod.metadata.controller!.kind.lowercased())/\(pod.metadata.controller!.name)) so it is recreated and pulls again", status: .planned),
                            .deletePod(namespace: failure.namespace, name: failure.pod), after: nodeSteps)
                }
            }

            items.append(RepullItem(namespace: failure.namespace, pod: failure.pod, container: failure.container, image: failure.image,
                                    node: failure.node, runtime: node.map { _ in runtime.rawValue }, cause: failure.cause,
                                    message: failure.message, actions: actions))
        }
        return RepullPlan(report: RepullReport(items: items), steps: steps)
    }

    func pullSecretsAction(pod: Pod, resolver: OwnerResolver) async -> RepullAction {
        let namespace = pod.metadata.namespace ?? "default"
        let podSecrets = (pod.spec?.imagePullSecrets ?? []).compactMap(\.name)
        let account = pod.spec?.serviceAccountName ?? "default"
        let accountSecrets = await resolver.serviceAccountPullSecrets(account, namespace: namespace)
        let have = podSecrets.isEmpty && accountSecrets.isEmpty
            ? "the pod and service account \(account) have no imagePullSecrets"
            : "pod imagePullSecrets: \(podSecrets.isEmpty ? "<none>" : podSecrets.joined(separator: ", ")); service account \(account): \(accountSecrets.isEmpty ? "<none>" : accountSecrets.joined(separator: ", "))"
        // A merge patch would replace the account's list; append when it already has one.
        let patch = accountSecrets.isEmpty
            ? "-p '{\"imagePullSecrets\":[{\"name\":\"regcred\"}]}'"
            : "--type=json -p '[{\"op\":\"add\",\"path\":\"/imagePullSecrets/-\",\"value\":{\"name\":\"regcred\"}}]'"
        let how = "add one: kubectl create secret docker-registry regcred -n \(namespace) --docker-server=REGISTRY --docker-username=USER --docker-password=TOKEN && kubectl patch serviceaccount \(account) -n \(namespace) \(patch)"
        return RepullAction(.pullSecrets, have + "; " + how, status: .proposed)
    }

    /// docker.pkg.github.com/OWNER/REPOSITORY/IMAGE:TAG → ghcr.io/OWNER/IMAGE:TAG (GitHub's
    /// migration guide for the Docker registry).
    public static func ghcrRewrite(_ image: ImageReference) -> String? {
        guard image.domain == "docker.pkg.github.com" else { return nil }
        let parts = image.path.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        let name = parts.count >= 3 ? "\(parts[0])/\(parts[parts.count - 1])" : "\(parts[0])/\(parts[1])"
        var text = "ghcr.io/" + name
        if let tag = image.tag { text += ":" + tag }
        if let digest = image.digest { text += "@" + digest }
        return text
    }
}
