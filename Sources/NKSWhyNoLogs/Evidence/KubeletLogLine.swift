// Recognises the kubelet log lines that witness a container's removal, in every format
// kubelets have written them: klog text before 1.21, structured klog since 1.21, JSON
// logging, with or without a journal prefix.
import Foundation

/// What one kubelet log line says, as far as vanished logs are concerned.
public enum KubeletSignal: Sendable, Hashable {
    /// The eviction manager starts to reclaim a resource ("ephemeral-storage", "nodefs", "imagefs").
    case reclaimAttempt(resource: String)
    /// Terminated containers are about to be deleted (eviction manager 1.7–1.9, container GC since 1.10).
    case deleteUnusedContainers
    case deleteUnusedImages
    /// A container was removed; the id as logged (full, or as long as the kubelet printed it).
    case removeContainer(id: String)
    case reducedWithoutEvicting(resource: String?)
    case mustEvict(resource: String?)
    /// "ns/name" (structured) or the pod's name as the old text format printed it.
    case podEvicted(pod: String)
    /// The runtime no longer knows the container the kubelet asked about.
    case containerStatusNotFound(id: String)
}

public struct KubeletLogLine: Sendable, Hashable {
    public var raw: String
    public var time: Date?
    public var signal: KubeletSignal

    /// Recognises `raw`; nil for lines that say nothing about removed containers.
    /// `reference` (the start of the window asked for) supplies the year, which neither klog
    /// headers nor short journal prefixes carry.
    public static func recognise(_ raw: String, reference: Date) -> KubeletLogLine? {
        let body = KubeletLogBody(raw, reference: reference)
        guard let signal = classify(body) else { return nil }
        return KubeletLogLine(raw: raw, time: body.time, signal: signal)
    }

    static func classify(_ body: KubeletLogBody) -> KubeletSignal? {
        let message = body.message
        let lower = message.lowercased()
        if lower.contains("attempting to reclaim") {
            let resource = body.field("resourceName") ?? Self.word(after: "attempting to reclaim ", in: message) ?? "unknown"
            return .reclaimAttempt(resource: resource)
        }
        if lower.contains("attempting to delete unused containers") { return .deleteUnusedContainers }
        if lower.contains("attempting to delete unused images") { return .deleteUnusedImages }
        if lower.contains("pressure without evicting pods") {
            // "able to reduce ephemeral-storage pressure without evicting pods." (before 1.21)
            return .reducedWithoutEvicting(resource: body.field("resourceName") ?? Self.word(after: "able to reduce ", in: message))
        }
        if lower.contains("must evict pod(s) to reclaim") {
            return .mustEvict(resource: body.field("resourceName") ?? Self.word(after: "to reclaim ", in: message))
        }
        if lower.contains("is evicted successfully") || lower.contains("pod is evicted successfully") {
            if let pod = body.field("pod") { return .podEvicted(pod: pod) }
            if let pod = Self.word(after: "pod ", in: message) { return .podEvicted(pod: pod) }
        }
        if lower.contains("removecontainer") || message.hasPrefix("Removing container") {
            if let id = body.field("containerID") ?? Self.word(after: "Container ID: ", in: message) ?? Self.word(after: "container id: ", in: message) {
                return .removeContainer(id: Self.trimmedID(id))
            }
        }
        if lower.contains("containerstatus"), (lower + (body.field("err") ?? "").lowercased()).contains("notfound"), let id = body.field("containerID") {
            return .containerStatusNotFound(id: Self.trimmedID(id))
        }
        return nil
    }

    /// The word after `prefix`, without trailing punctuation.
    static func word(after prefix: String, in text: String) -> String? {
        guard let range = text.range(of: prefix, options: .caseInsensitive) else { return nil }
        let rest = text[range.upperBound...]
        let word = rest.prefix { !$0.isWhitespace && $0 != "," && $0 != ")" && $0 != "\"" }
        let trimmed = word.hasSuffix(".") ? word.dropLast() : word
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// "containerd://abc" → "abc"; the kubelet logs both forms.
    static func trimmedID(_ id: String) -> String {
        if let range = id.range(of: "://") { return String(id[range.upperBound...]) }
        return id
    }
}

extension KubeletLogLine {
    /// Whether this line is about `containerID` (full or "containerd://…"); kubelets and
    /// crictl sometimes print ids shortened to 12 or 13 characters.
    public static func sameContainer(_ a: String, _ b: String) -> Bool {
        let x = trimmedID(a), y = trimmedID(b)
        guard min(x.count, y.count) >= 12 else { return x == y }
        return x.hasPrefix(y) || y.hasPrefix(x)
    }
}
