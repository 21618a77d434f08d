// Where an image lives on the internal mirror: `basename` as the seed's script does
// (harbor…/container_service/$(basename IMAGE)), or `path` keeping the repository path.
import ArgumentParser

public enum MirrorLayout: String, Sendable, Hashable, CaseIterable, ExpressibleByArgument, Codable {
    case basename
    case path

    /// "harbor.local/container_service" + k8s.gcr.io/pause:3.2 → harbor.local/container_service/pause:3.2
    public func mirrorReference(for image: ImageReference, prefix: String) throws -> ImageReference {
        let base = prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
        let name = self == .basename ? image.basename : image.path
        return try ImageReference(parsing: ImageReference.join(base + "/" + name, tag: image.effectiveTag, digest: image.digest))
    }
}
