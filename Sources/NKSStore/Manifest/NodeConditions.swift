// Conditions on a node's facts that decide whether an entry applies to it at all: the
// container runtime, a kubelet version range, the OS image.
public struct NodeFacts: Sendable, Hashable {
    public var name: String
    public var labels: [String: String]
    /// "containerd", "docker", "cri-o" (from nodeInfo.containerRuntimeVersion).
    public var runtime: String?
    public var kubeletVersion: KubeVersion?
    public var osImage: String?

    public init(name: String, labels: [String: String] = [:], runtime: String? = nil, kubeletVersion: KubeVersion? = nil, osImage: String? = nil) {
        self.name = name
        self.labels = labels
        self.runtime = runtime
        self.kubeletVersion = kubeletVersion
        self.osImage = osImage
    }
}

/// A Kubernetes version such as `v1.29.3-eks-1234`, compared by major, minor and patch.
public struct KubeVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public init?(_ text: String) {
        let core = text.drop(while: { $0 == "v" }).prefix(while: { $0.isNumber || $0 == "." })
        let numbers = core.split(separator: ".").map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.init(major: major, minor: minor, patch: numbers.count > 2 ? numbers[2] ?? 0 : 0)
    }

    public static func < (lhs: KubeVersion, rhs: KubeVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "v\(major).\(minor).\(patch)" }
}

/// `>=1.20 <1.24`: every comparison must hold.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    enum Operator: String, CaseIterable { case atLeast = ">=", atMost = "<=", above = ">", below = "<", exactly = "=" }
    let bounds: [(Operator, KubeVersion)]
    public let description: String

    public init?(_ text: String) {
        var bounds: [(Operator, KubeVersion)] = []
        for word in text.split(separator: " ") {
            guard let op = Operator.allCases.first(where: { word.hasPrefix($0.rawValue) }),
                  let version = KubeVersion(String(word.dropFirst(op.rawValue.count))) else { return nil }
            bounds.append((op, version))
        }
        guard !bounds.isEmpty else { return nil }
        self.bounds = bounds
        description = text
    }

    public func contains(_ version: KubeVersion) -> Bool {
        bounds.allSatisfy { op, bound in
            switch op {
            case .atLeast: return version >= bound
            case .atMost: return version <= bound
            case .above: return version > bound
            case .below: return version < bound
            case .exactly: return version.major == bound.major && version.minor == bound.minor && (bound.patch == 0 || version.patch == bound.patch)
            }
        }
    }

    public static func == (lhs: VersionRange, rhs: VersionRange) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

public struct NodeConditions: Sendable, Hashable {
    /// Empty: any runtime.
    public var runtimes: [String]
    public var kubeletVersion: VersionRange?
    /// A glob (`*` and `?`) matched against nodeInfo.osImage.
    public var osImage: String?
    /// The entry has a `when:` of its own (even `when: {runtime: any}`): the user decided
    /// where it applies, and the built-in advice of KnownPitfalls does not overrule that.
    public var isExplicit: Bool

    public init(runtimes: [String] = [], kubeletVersion: VersionRange? = nil, osImage: String? = nil, isExplicit: Bool = false) {
        self.runtimes = runtimes
        self.kubeletVersion = kubeletVersion
        self.osImage = osImage
        self.isExplicit = isExplicit
    }

    /// Why the entry does not apply to this node, or nil when it does.
    public func unmetReason(_ facts: NodeFacts) -> String? {
        if !runtimes.isEmpty, !runtimes.contains(facts.runtime ?? "") {
            return "runtime is \(facts.runtime ?? "unknown"), entry is for \(runtimes.joined(separator: "/"))"
        }
        if let kubeletVersion {
            guard let version = facts.kubeletVersion else { return "kubelet version unknown, entry needs \(kubeletVersion)" }
            if !kubeletVersion.contains(version) { return "kubelet \(version), entry needs \(kubeletVersion)" }
        }
        if let osImage, !glob(osImage, matches: facts.osImage ?? "") {
            return "OS image is '\(facts.osImage ?? "unknown")', entry is for '\(osImage)'"
        }
        return nil
    }
}

/// Shell-style `*` and `?` matching, for OS image names.
func glob(_ pattern: String, matches text: String) -> Bool {
    let p = Array(pattern), t = Array(text)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
        if pi < p.count, p[pi] == "?" || p[pi] == t[ti] { pi += 1; ti += 1 }
        else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
        else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
        else { return false }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
}
