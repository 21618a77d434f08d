// What the user asked nks-repull to do, as a value the planner and executor read.
public struct RepairSettings: Sendable, Hashable {
    /// e.g. "harbor-kr1.cloud.toastoven.net/container_service"; nil: no mirror pulls.
    public var mirror: String?
    public var layout: MirrorLayout
    public var fixManifests: Bool
    /// The registries whose images may come from the mirror.
    public var mirrorAllowList: MirrorAllowList

    public init(mirror: String? = nil, layout: MirrorLayout = .basename, fixManifests: Bool = false, mirrorAllowList: MirrorAllowList = .defaults) {
        self.mirror = mirror
        self.layout = layout
        self.fixManifests = fixManifests
        self.mirrorAllowList = mirrorAllowList
    }
}

/// Images that image GC must not take again: the sandbox (pause) image above all.
public enum BaseImages {
    public static func isPause(_ image: ImageReference) -> Bool { image.basename == "pause" }
}
