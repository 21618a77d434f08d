// Image references as the container runtimes read them (the docker reference grammar of
// distribution/reference): registry host[:port], the implicit docker.io and library/,
// tags and digests, so one image is recognised however a pod, an event or a node spells it.
import Foundation

public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// "docker.io", "k8s.gcr.io", "registry.local:5000", "localhost".
    public var domain: String
    /// "library/nginx", "coredns/coredns", "container_service/pause".
    public var path: String
    public var tag: String?
    /// "sha256:…".
    public var digest: String?

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case invalid(String, reason: String)
        public var description: String {
            switch self {
            case .invalid(let text, let reason): return "invalid image reference \(text.debugDescription): \(reason)"
            }
        }
    }

    public init(domain: String, path: String, tag: String? = nil, digest: String? = nil) {
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
    }

    /// Parses and normalises as `reference.ParseNormalizedNamed` does: a first component
    /// without `.` or `:` that is not `localhost` (and is all lower case) is part of the
    /// path on docker.io; docker.io names with one component live under `library/`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ParseError.invalid(text, reason: "empty") }
        var rest = Substring(trimmed)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            guard Self.isDigest(value) else { throw ParseError.invalid(text, reason: "bad digest \(value.debugDescription)") }
            digest = value
            rest = rest[..<at]
        }
        var tag: String?
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            let value = String(rest[rest.index(after: colon)...])
            guard Self.isTag(value) else { throw ParseError.invalid(text, reason: "bad tag \(value.debugDescription)") }
            tag = value
            rest = rest[..<colon]
        }
        var domain = "docker.io"
        var path = String(rest)
        if let slash = rest.firstIndex(of: "/") {
            let first = String(rest[..<slash])
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                domain = first
                path = String(rest[rest.index(after: slash)...])
            }
        }
        guard Self.isDomain(domain) else {
            throw ParseError.invalid(text, reason: "bad registry host \(domain.debugDescription)")
        }
        if domain == "index.docker.io" { domain = "docker.io" }
        if domain == "docker.io" && !path.contains("/") { path = "library/" + path }
        guard !path.isEmpty, path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(Self.isPathComponent) else {
            throw ParseError.invalid(text, reason: "repository names are lower-case letters, digits and separators")
        }
        self.init(domain: domain, path: path, tag: tag, digest: digest)
    }

    /// The name alone: "docker.io/library/nginx".
    public var repository: String { domain + "/" + path }

    /// Last path component: "pause" for "k8s.gcr.io/pause:3.2" (the seed's `basename`).
    public var basename: String { String(path.split(separator: "/").last ?? Substring(path)) }

    /// Without tag or digest a runtime pulls `latest`.
    public var effectiveTag: String? { tag ?? (digest == nil ? "latest" : nil) }

    /// Fully qualified, as containerd and CRI-O store it: "docker.io/library/nginx:latest".
    public var canonical: String { Self.join(repository, tag: effectiveTag, digest: digest) }

    /// As docker prints it: "nginx:latest", "coredns/coredns:1.8.0".
    public var familiar: String {
        var name = repository
        if domain == "docker.io" {
            name = path.hasPrefix("library/") ? String(path.dropFirst("library/".count)) : path
        }
        return Self.join(name, tag: effectiveTag, digest: digest)
    }

    public var description: String { canonical }

    /// Same image, whatever spelling: canonical forms compare equal.
    public func sameImage(as other: ImageReference) -> Bool { canonical == other.canonical }

    static func join(_ name: String, tag: String?, digest: String?) -> String {
        var text = name
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        return text
    }

    static func isTag(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 128 else { return false }
        let word = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_"))
        return word.contains(first) && text.unicodeScalars.allSatisfy { $0.isASCII && (word.contains($0) || $0 == "." || $0 == "-") }
    }

    static func isDigest(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32 else { return false }
        return parts[0].allSatisfy { $0.isASCIIAlphanumeric || "+._-".contains($0) } && parts[1].allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// `host[:port]`, the host being dot-separated labels of letters, digits and inner
    /// hyphens (distribution/reference's domain, without bracketed IPv6). Anything else
    /// is not a registry, and would only reach a runtime's pull to fail there.
    static func isDomain(_ text: String) -> Bool {
        var host = Substring(text)
        if let colon = text.lastIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard (1...5).contains(port.count), port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = text[..<colon]
        }
        return !host.isEmpty && host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last, first.isASCIIAlphanumeric, last.isASCIIAlphanumeric else { return false }
            return label.allSatisfy { $0.isASCIIAlphanumeric || $0 == "-" }
        }
    }

    /// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`
    static func isPathComponent(_ component: Substring) -> Bool {
        guard let first = component.first, let last = component.last,
              first.isLowercaseAlphanumeric, last.isLowercaseAlphanumeric else { return false }
        return component.allSatisfy { $0.isLowercaseAlphanumeric || $0 == "." || $0 == "_" || $0 == "-" }
            && !component.contains("..") && !component.contains("___")
    }
}

extension Character {
    fileprivate var isLowercaseAlphanumeric: Bool {
        isASCII && (isNumber || (isLetter && isLowercase))
    }

    fileprivate var isASCIIAlphanumeric: Bool {
        isASCII && (isNumber || isLetter)
    }
}
