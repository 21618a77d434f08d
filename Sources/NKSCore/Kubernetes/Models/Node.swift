// core/v1 Node: schedulability, taints, addresses, conditions and the versions a worker
// runs, with the lookups the plugins need to reach and judge a node.
import Foundation

public struct Node: KubernetesObject, Hashable {
    public static let resource = "nodes"
    public static let collectionPath: String? = "/api/v1/nodes"
    public static let isNamespaced = false

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var unschedulable: Bool?
        public var taints: [Taint]?
        public var providerID: String?

        public init(unschedulable: Bool? = nil, taints: [Taint]? = nil, providerID: String? = nil) {
            self.unschedulable = unschedulable
            self.taints = taints
            self.providerID = providerID
        }
    }

    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        /// "NoSchedule", "PreferNoSchedule" or "NoExecute".
        public var effect: String
        public var timeAdded: Date?

        public init(key: String, value: String? = nil, effect: String, timeAdded: Date? = nil) {
            self.key = key
            self.value = value
            self.effect = effect
            self.timeAdded = timeAdded
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var addresses: [Address]?
        public var conditions: [Condition]?
        public var nodeInfo: NodeInfo?

        public init(addresses: [Address]? = nil, conditions: [Condition]? = nil, nodeInfo: NodeInfo? = nil) {
            self.addresses = addresses
            self.conditions = conditions
            self.nodeInfo = nodeInfo
        }
    }

    public struct Address: Codable, Sendable, Hashable {
        public var type: AddressType
        public var address: String

        public init(type: AddressType, address: String) {
            self.type = type
            self.address = address
        }
    }

    /// Kept open (a raw value) because clouds add their own types, e.g. "InternalDNS".
    public struct AddressType: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }

        public static let internalIP: AddressType = "InternalIP"
        public static let externalIP: AddressType = "ExternalIP"
        public static let hostname: AddressType = "Hostname"
    }

    public struct Condition: Codable, Sendable, Hashable {
        /// "Ready", "DiskPressure", "MemoryPressure", "PIDPressure", "NetworkUnavailable", …
        public var type: String
        /// "True", "False" or "Unknown".
        public var status: String
        public var reason: String?
        public var message: String?
        public var lastTransitionTime: Date?
        public var lastHeartbeatTime: Date?

        public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransitionTime: Date? = nil, lastHeartbeatTime: Date? = nil) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.lastTransitionTime = lastTransitionTime
            self.lastHeartbeatTime = lastHeartbeatTime
        }
    }

    public struct NodeInfo: Codable, Sendable, Hashable {
        public var kubeletVersion: String?
        /// "containerd://1.7.13", "docker://20.10.7", "cri-o://1.29.1".
        public var containerRuntimeVersion: String?
        public var osImage: String?
        public var kernelVersion: String?
        public var bootID: String?
        public var architecture: String?
        public var operatingSystem: String?

        public init(kubeletVersion: String? = nil, containerRuntimeVersion: String? = nil, osImage: String? = nil, kernelVersion: String? = nil, bootID: String? = nil, architecture: String? = nil, operatingSystem: String? = nil) {
            self.kubeletVersion = kubeletVersion
            self.containerRuntimeVersion = containerRuntimeVersion
            self.osImage = osImage
            self.kernelVersion = kernelVersion
            self.bootID = bootID
            self.architecture = architecture
            self.operatingSystem = operatingSystem
        }
    }
}

extension Node {
    public func condition(_ type: String) -> Condition? {
        status?.conditions?.first { $0.type == type }
    }

    /// Ready only when the kubelet says so; a missing or Unknown condition (the node stopped
    /// reporting) is not ready.
    public var isReady: Bool {
        condition("Ready")?.status == "True"
    }

    public var isUnschedulable: Bool { spec?.unschedulable ?? false }

    /// The first address of that type, e.g. the InternalIP to ssh to.
    public func address(of type: AddressType) -> String? {
        status?.addresses?.first { $0.type == type }?.address
    }

    /// The runtime's name without its version: "containerd" from "containerd://1.7.13".
    public var containerRuntime: String? {
        guard let version = status?.nodeInfo?.containerRuntimeVersion, !version.isEmpty else { return nil }
        guard let separator = version.range(of: "://") else { return version }
        return String(version[..<separator.lowerBound])
    }

    /// The runtime's version alone: "1.7.13" from "containerd://1.7.13".
    public var containerRuntimeVersionNumber: String? {
        guard let version = status?.nodeInfo?.containerRuntimeVersion,
              let separator = version.range(of: "://") else { return nil }
        return String(version[separator.upperBound...])
    }
}
