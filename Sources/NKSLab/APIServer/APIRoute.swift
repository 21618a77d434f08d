// Turns an apiserver URL path into what it addresses: a discovery document or a resource
// (type, namespace, name, subresource), following the real URL layout
// /api/v1/namespaces/NS/pods/NAME/log and /apis/GROUP/VERSION/….
import Foundation

/// The resource part of a URL.
struct ResourceTarget: Sendable, Hashable {
    var type: ResourceType
    var namespace: String?
    var name: String?
    var subresource: String?
    /// What follows the subresource, for proxy: "configz", "logs/".
    var subpath: String
}

enum APIRoute: Sendable, Hashable {
    case version
    case coreVersions
    case groupList
    case group(String)
    case resourceList(groupVersion: String)
    case openAPI
    case resource(ResourceTarget)
    case unknown

    init(path: String, served: ServedResources = .builtIn) {
        let trailingSlash = path.hasSuffix("/") && path.count > 1
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        guard let root = segments.first else {
            self = .unknown
            return
        }
        switch root {
        case "version":
            self = segments.count == 1 ? .version : .unknown
            return
        case "openapi":
            self = .openAPI
            return
        case "api":
            if segments.count == 1 { self = .coreVersions; return }
            guard segments[1] == "v1" else { self = .unknown; return }
            if segments.count == 2 { self = .resourceList(groupVersion: "v1"); return }
            segments.removeFirst(2)
            self = Self.resource(groupVersion: "v1", segments, trailingSlash: trailingSlash, served: served)
        case "apis":
            if segments.count == 1 { self = .groupList; return }
            if segments.count == 2 {
                self = served.groups.contains(segments[1]) ? .group(segments[1]) : .unknown
                return
            }
            let groupVersion = "\(segments[1])/\(segments[2])"
            if segments.count == 3 { self = .resourceList(groupVersion: groupVersion); return }
            segments.removeFirst(3)
            self = Self.resource(groupVersion: groupVersion, segments, trailingSlash: trailingSlash, served: served)
        default:
            self = .unknown
        }
    }

    private static func resource(groupVersion: String, _ rest: [String], trailingSlash: Bool, served: ServedResources) -> APIRoute {
        var namespace: String?
        var rest = rest[...]
        if rest.count >= 3, rest.first == "namespaces", let namespaceName = rest.dropFirst().first,
           served.type(groupVersion: groupVersion, resource: rest[rest.startIndex + 2]) != nil {
            namespace = namespaceName
            rest = rest.dropFirst(2)
        }
        guard let resource = rest.first, let type = served.type(groupVersion: groupVersion, resource: resource) else {
            return .unknown
        }
        if namespace != nil && !type.namespaced { return .unknown }
        rest = rest.dropFirst()
        let name = rest.first
        rest = rest.dropFirst()
        let subresource = rest.first
        rest = rest.dropFirst()
        if let subresource, !type.subresources.contains(subresource) { return .unknown }
        var subpath = rest.joined(separator: "/")
        if trailingSlash && subresource != nil && (!subpath.isEmpty || subresource == "proxy") && !subpath.hasSuffix("/") {
            subpath += subpath.isEmpty ? "" : "/"
        }
        return .resource(ResourceTarget(type: type, namespace: namespace, name: name, subresource: subresource, subpath: subpath))
    }

    /// Requests whose body the lab does not read, so its encoding does not matter.
    func ignoresBody(method: String) -> Bool {
        guard case .resource(let target) = self else { return false }
        return method == "DELETE" || (target.type.kind == "Pod" && target.subresource == "eviction")
    }

    /// "node1", "node1:10250" and "https:node1:10250" all address node1's kubelet.
    static func nodeName(fromProxyName name: String) -> String {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 3: return parts[1]
        case 2: return ["http", "https"].contains(parts[0]) ? parts[1] : parts[0]
        default: return name
        }
    }
}
