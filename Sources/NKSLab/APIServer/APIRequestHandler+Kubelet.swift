// The requests a real apiserver forwards to a kubelet (container logs, node proxy) and pod
// eviction, answered from the lab's scripted answers.
import Foundation

extension APIRequestHandler {
    func podLog(_ name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        guard let pod = await state.object(kind: "Pod", namespace: target.namespace, name: name) else {
            throw APIStatus.notFound(target.type, name: name)
        }
        let container = try Self.logContainer(pod: pod, name: name, requested: request.query["container"])
        let previous = ["true", "1"].contains(request.query["previous"] ?? "")
        let answer = await state.podLogs(namespace: target.namespace ?? "default", pod: name, container: container, previous: previous)
        switch answer {
        case .text(let text)?:
            return .text(Self.tail(text, lines: request.query["tailLines"].flatMap { Int($0) }), contentType: "text/plain", status: 200)
        case .bodyWithSuccess(let text)?:
            return .text(text, contentType: "text/plain", status: 200)
        case .status(let code, let reason, let message)?:
            throw APIStatus(code: code, reason: reason, message: message)
        case nil where previous:
            // What the kubelet says when there is no earlier instance of the container.
            throw APIStatus.badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
        case nil:
            return .text("", contentType: "text/plain", status: 200)
        }
    }

    /// The container a log read is for, with the kubelet's messages when it is ambiguous or wrong.
    static func logContainer(pod: JSONValue, name: String, requested: String?) throws(APIStatus) -> String {
        let names = ["containers", "initContainers", "ephemeralContainers"].flatMap { field in
            (pod[path: "spec", field]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
        let regular = (pod[path: "spec", "containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        if let requested, !requested.isEmpty {
            guard names.isEmpty || names.contains(requested) else {
                throw APIStatus.badRequest("container \(requested) is not valid for pod \(name)")
            }
            return requested
        }
        if let preferred = pod[path: "metadata", "annotations", "kubectl.kubernetes.io/default-container"]?.stringValue {
            return preferred
        }
        if regular.count == 1 { return regular[0] }
        if regular.isEmpty { throw APIStatus.badRequest("pod \(name) has no containers; set spec.containers") }
        throw APIStatus.badRequest("a container name must be specified for pod \(name), choose one of: [\(regular.joined(separator: " "))]")
    }

    static func tail(_ text: String, lines: Int?) -> String {
        guard let lines, lines >= 0 else { return text }
        var all = text.split(separator: "\n", omittingEmptySubsequences: false)
        if all.last == "" { all.removeLast() }
        let kept = all.suffix(lines)
        return kept.isEmpty ? "" : kept.joined(separator: "\n") + "\n"
    }

    func evict(_ name: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        if !request.body.isEmpty && !request.hasProtobufBody {
            _ = try decodedEviction(request)
        }
        guard await state.delete(kind: "Pod", namespace: target.namespace, name: name) != nil else {
            throw APIStatus.notFound(target.type, name: name)
        }
        return .json(APIStatus.success(code: 201), status: 201)
    }

    private func decodedEviction(_ request: APIRequest) throws(APIStatus) -> JSONValue {
        do {
            return try JSONValue(parsing: request.body)
        } catch {
            throw APIStatus.invalidBody((error as? JSONValueParseError)?.reason ?? "\(error)")
        }
    }

    func nodeProxy(_ proxyName: String, request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let node = APIRoute.nodeName(fromProxyName: proxyName)
        guard await state.object(kind: "Node", namespace: nil, name: node) != nil else {
            throw APIStatus.notFound(target.type, name: node)
        }
        switch await state.nodeProxy(node: node, path: target.subpath, query: request.rawQuery) {
        case .json(let value)?:
            return .json(value, status: 200)
        case .text(let text, let contentType)?:
            return .text(text, contentType: contentType, status: 200)
        case .status(let code, let message)?:
            throw APIStatus(code: code, reason: APIStatus.reason(forCode: code), message: message)
        case .directoryListing?:
            return .text(Self.kubeletDirectoryListing, contentType: "text/html; charset=utf-8", status: 200)
        case nil:
            throw APIStatus.pageNotFound
        }
    }

    /// What a kubelet's /logs/ shows when node log query is disabled: /var/log as links.
    static let kubeletDirectoryListing = """
    <pre>
    <a href="alternatives.log">alternatives.log</a>
    <a href="apt/">apt/</a>
    <a href="btmp">btmp</a>
    <a href="containers/">containers/</a>
    <a href="dpkg.log">dpkg.log</a>
    <a href="journal/">journal/</a>
    <a href="kern.log">kern.log</a>
    <a href="lastlog">lastlog</a>
    <a href="pods/">pods/</a>
    <a href="syslog">syslog</a>
    <a href="wtmp">wtmp</a>
    </pre>

    """
}
