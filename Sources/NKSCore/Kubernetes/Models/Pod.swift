// core/v1 Pod: where it runs, which images it asked for and what became of each container;
// the ground both log and image-pull diagnoses stand on.
import Foundation

public struct Pod: KubernetesObject, Hashable {
    public static let resource = "pods"
    public static let isNamespaced = true

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var nodeName: String?
        public var containers: [Container]?
        public var initContainers: [Container]?
        public var serviceAccountName: String?
        public var imagePullSecrets: [LocalObjectReference]?
        public var restartPolicy: String?

        public init(nodeName: String? = nil, containers: [Container]? = nil, initContainers: [Container]? = nil, serviceAccountName: String? = nil, imagePullSecrets: [LocalObjectReference]? = nil, restartPolicy: String? = nil) {
            self.nodeName = nodeName
            self.containers = containers
            self.initContainers = initContainers
            self.serviceAccountName = serviceAccountName
            self.imagePullSecrets = imagePullSecrets
            self.restartPolicy = restartPolicy
        }
    }

    public struct Container: Codable, Sendable, Hashable {
        public var name: String
        public var image: String?
        public var imagePullPolicy: String?
        public var resources: ResourceRequirements?

        public init(name: String, image: String? = nil, imagePullPolicy: String? = nil, resources: ResourceRequirements? = nil) {
            self.name = name
            self.image = image
            self.imagePullPolicy = imagePullPolicy
            self.resources = resources
        }
    }

    /// Quantities stay strings ("500m", "1Gi"): the plugins show and compare them, they do
    /// not compute with them.
    public struct ResourceRequirements: Codable, Sendable, Hashable {
        public var requests: [String: String]?
        public var limits: [String: String]?

        public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
            self.requests = requests
            self.limits = limits
        }
    }

    public struct LocalObjectReference: Codable, Sendable, Hashable {
        public var name: String?
        public init(name: String?) { self.name = name }
    }

    public struct Status: Codable, Sendable, Hashable {
        /// "Pending", "Running", "Succeeded", "Failed" or "Unknown".
        public var phase: String?
        /// e.g. "Evicted" with a message naming the resource that ran low.
        public var reason: String?
        public var message: String?
        public var startTime: Date?
        public var containerStatuses: [ContainerStatus]?
        public var initContainerStatuses: [ContainerStatus]?

        public init(phase: String? = nil, reason: String? = nil, message: String? = nil, startTime: Date? = nil, containerStatuses: [ContainerStatus]? = nil, initContainerStatuses: [ContainerStatus]? = nil) {
            self.phase = phase
            self.reason = reason
            self.message = message
            self.startTime = startTime
            self.containerStatuses = containerStatuses
            self.initContainerStatuses = initContainerStatuses
        }
    }
}

extension Pod {
    /// Init containers first, then app containers, as the kubelet runs them.
    public var allContainerStatuses: [ContainerStatus] {
        (status?.initContainerStatuses ?? []) + (status?.containerStatuses ?? [])
    }

    public func containerStatus(named name: String) -> ContainerStatus? {
        allContainerStatuses.first { $0.name == name }
    }
}

public struct ContainerStatus: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?
    public var imageID: String?
    /// "containerd://<id>"; absent until the runtime created the container.
    public var containerID: String?
    public var ready: Bool?
    public var restartCount: Int?
    public var started: Bool?
    public var state: ContainerState?
    public var lastState: ContainerState?

    public init(name: String, image: String? = nil, imageID: String? = nil, containerID: String? = nil, ready: Bool? = nil, restartCount: Int? = nil, started: Bool? = nil, state: ContainerState? = nil, lastState: ContainerState? = nil) {
        self.name = name
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.ready = ready
        self.restartCount = restartCount
        self.started = started
        self.state = state
        self.lastState = lastState
    }
}

/// At most one of the three is set; an empty object (`{}`) means the kubelet has not
/// reported yet.
public struct ContainerState: Codable, Sendable, Hashable {
    public var waiting: Waiting?
    public var running: Running?
    public var terminated: Terminated?

    public init(waiting: Waiting? = nil, running: Running? = nil, terminated: Terminated? = nil) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    public struct Waiting: Codable, Sendable, Hashable {
        /// "ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff", "ContainerCreating", …
        public var reason: String?
        public var message: String?

        public init(reason: String? = nil, message: String? = nil) {
            self.reason = reason
            self.message = message
        }
    }

    public struct Running: Codable, Sendable, Hashable {
        public var startedAt: Date?
        public init(startedAt: Date? = nil) { self.startedAt = startedAt }
    }

    public struct Terminated: Codable, Sendable, Hashable {
        public var exitCode: Int32
        public var signal: Int32?
        public var reason: String?
        public var message: String?
        public var startedAt: Date?
        public var finishedAt: Date?
        public var containerID: String?

        public init(exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil, startedAt: Date? = nil, finishedAt: Date? = nil, containerID: String? = nil) {
            self.exitCode = exitCode
            self.signal = signal
            self.reason = reason
            self.message = message
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.containerID = containerID
        }
    }
}
