// What the operator decided for nks-repull, from the places an operator keeps decisions:
// --mirror-registries, then NKS_REPULL_MIRROR_REGISTRIES, then the `repull:` section of the
// nks-sync store's manifest, then the built-in list. `--defaults` images come only from the
// store (repull.defaultImages and the sandbox image its kubelet/runtime entries set) — never
// from what a node reports, so a compromised node cannot choose what every node pulls.
import Foundation
import NKSStore

public struct OperatorPolicy: Sendable {
    public var mirrorAllowList: MirrorAllowList
    /// The base images `--defaults` restores, in the order the store lists them.
    public var defaultImages: [ImageReference]

    public init(mirrorAllowList: MirrorAllowList = .defaults, defaultImages: [ImageReference] = []) {
        self.mirrorAllowList = mirrorAllowList
        self.defaultImages = defaultImages
    }

    public static let environmentVariable = "NKS_REPULL_MIRROR_REGISTRIES"

    /// `flag` and the variable hold comma-separated entries; `store` is the committed store,
    /// nil when there is none.
    public static func resolve(flag: String?, environment: [String: String], store: StoreRevision?) throws -> OperatorPolicy {
        var policy = OperatorPolicy()
        let file = ManifestParser.fileName
        if let flag {
            policy.mirrorAllowList = try allowList(commaSeparated: flag, where: "--mirror-registries")
        } else if let variable = environment[environmentVariable], !variable.isEmpty {
            policy.mirrorAllowList = try allowList(commaSeparated: variable, where: environmentVariable)
        } else if let entries = store?.manifest.repull.mirrorRegistries {
            for entry in entries {
                do { _ = try MirrorAllowList(parsing: [entry.value]) } catch {
                    throw RepairFailure("\(file)\(entry.line.map { ":\($0)" } ?? ""): repull.mirrorRegistries: \(error)")
                }
            }
            policy.mirrorAllowList = try MirrorAllowList(parsing: entries.map(\.value))
        }
        guard let store else { return policy }
        for entry in store.manifest.repull.defaultImages {
            do {
                let image = try ImageReference(parsing: entry.value)
                guard image.tag != nil || image.digest != nil else {
                    throw RepairFailure("\(entry.value.debugDescription) has no tag; name the tag the cluster uses (e.g. registry.k8s.io/pause:3.10)")
                }
                if !policy.defaultImages.contains(where: { $0.sameImage(as: image) }) { policy.defaultImages.append(image) }
            } catch {
                throw RepairFailure("\(file)\(entry.line.map { ":\($0)" } ?? ""): repull.defaultImages: \(error)")
            }
        }
        for image in SandboxImages.configured(in: store) where !policy.defaultImages.contains(where: { $0.sameImage(as: image) }) {
            policy.defaultImages.append(image)
        }
        return policy
    }

    static func allowList(commaSeparated text: String, where source: String) throws -> MirrorAllowList {
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { throw RepairFailure("\(source) is empty; name at least one registry, e.g. docker.io") }
        do { return try MirrorAllowList(parsing: entries) } catch { throw RepairFailure("\(source): \(error)") }
    }

    /// The committed store at `path`, nil when there is none (nks-repull works without one);
    /// a store that is there but cannot be read stops the run with one line.
    public static func loadStore(at path: String) throws -> StoreRevision? {
        let store: ConfigStore
        do { store = try ConfigStore.open(at: path) } catch StoreError.notFound { return nil }
        do {
            return try store.load()
        } catch StoreError.empty {
            return nil
        } catch let errors as ManifestErrors {
            let more = errors.errors.count > 1 ? " (and \(errors.errors.count - 1) more; kubectl nks-sync diff lists them)" : ""
            throw RepairFailure("the nks-sync store at \(path) is not usable: \(errors.errors.first.map(\.description) ?? "\(errors)")\(more); fix it, or point --repo/NKS_REPO elsewhere")
        } catch {
            throw RepairFailure("the nks-sync store at \(path) is not usable: \(error); fix it, or point --repo/NKS_REPO elsewhere")
        }
    }
}

/// The pod sandbox ("pause") image as the store configures it for the nodes. The kubelet's
/// `--pod-infra-container-image` is a command-line flag only (not a KubeletConfiguration
/// field, so /configz never shows it), and the runtime's own setting — containerd's
/// `sandbox_image` (1.x) or `sandbox` under pinned_images (2.x), CRI-O's `pause_image` —
/// lives in files on the node; so the operator's copies in the store are where to read it.
enum SandboxImages {
    static func configured(in store: StoreRevision) -> [ImageReference] {
        var found: [String] = []
        for entry in store.manifest.entries {
            switch entry.kind {
            case .envFlags(let spec):
                if let value = spec.set["--pod-infra-container-image"] { found.append(value) }
            case .file:
                guard entry.path.contains("containerd") || entry.path.contains("crio"),
                      let content = store.canonicalFiles[entry.path] else { continue }
                found += settings(in: String(decoding: content, as: UTF8.self))
            case .kernelArgs, .keys:
                continue
            }
        }
        return found.compactMap { try? ImageReference(parsing: $0) }
    }

    /// `sandbox_image = "…"`, `sandbox = "…"`, `pause_image = "…"` lines of a TOML file.
    static func settings(in toml: String) -> [String] {
        toml.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, ["sandbox_image", "sandbox", "pause_image"].contains(parts[0]) else { return nil }
            let value = parts[1]
            guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'",
                  let end = value.dropFirst().firstIndex(of: quote) else { return nil }
            return String(value[value.index(after: value.startIndex)..<end])
        }
    }
}

extension OperatorPolicy {
    static let noDefaultImages = "--defaults restores the base images the operator lists, and the nks-sync store lists none: add repull.defaultImages (with tags) to nks-sync.yaml and commit, or name the images with --image"
}
