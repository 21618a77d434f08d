// The one check every mirror pull passes first (failing pods and --image/--defaults alike):
// the image's registry must be on the operator's allow-list, whatever the pull error says.
extension MirrorAllowList {
    /// Why `image` must not come from the mirror, nil when it may. `message` is the pull
    /// error, to say so when the registry's name does not even resolve.
    public func refusal(for image: ImageReference, message: String = "") -> String? {
        guard entry(permitting: image) == nil else { return nil }
        let text = message.lowercased()
        let unresolvable = ["no such host", "temporary failure in name resolution", "server misbehaving", "name or service not known"].contains(where: text.contains)
        let registry = unresolvable ? "registry \(image.domain) does not resolve and is not on the mirror allow-list"
                                    : "registry \(image.domain) is not on the mirror allow-list"
        return "not pulled from the mirror: \(registry) (\(description)), and the node's mirror credentials must not stand in for \(ImageOrigin(image).summary); "
            + "if the mirror really carries that registry's images, list it with --mirror-registries, NKS_REPULL_MIRROR_REGISTRIES or repull.mirrorRegistries in nks-sync.yaml"
    }

    /// The plan's words for an allowed mirror pull: whose image it stands in for, and why that is allowed.
    public func permission(for image: ImageReference) -> String {
        "\(ImageOrigin(image).summary), allowed by \(entry(permitting: image) ?? "?")"
    }
}
