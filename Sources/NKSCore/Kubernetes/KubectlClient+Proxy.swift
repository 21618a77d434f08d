// Requests that go through the run's `kubectl proxy` when it is up. Every answer is checked
// as kubectl would check it: an API error becomes the same typed KubectlError, and a proxy
// that cannot start or a broken local connection sends the request back to a kubectl
// process of its own (nil here).
import Foundation
import NIOHTTP1

extension KubectlClient {
    /// Starts the proxy for this client's flags on first use; `stop()` it when the run ends.
    public func withProxy() -> KubectlClient {
        var client = self
        client.proxy = KubectlProxy(command: [executable] + options.globalArguments, environment: childEnvironment)
        return client
    }

    /// A cluster-scoped collection page by page, so neither a kubectl process nor this one
    /// holds a thousand nodes' JSON at once (kubectl's own list of 1,000 lab nodes peaks at
    /// 86 MB). nil when the proxy is unavailable or a continue token expired (410): kubectl
    /// lists it then.
    func proxiedList<T: KubernetesObject>(_ type: T.Type, path: String, labelSelector: String?, fieldSelector: String?,
                                          command: String, through proxy: KubectlProxy) async throws -> [T]? {
        var items: [T] = []
        var token: String?
        repeat {
            var query = [("limit", String(listPageSize))]
            if let labelSelector { query.append(("labelSelector", labelSelector)) }
            if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
            if let token { query.append(("continue", token)) }
            let uri = path + "?" + query.map { "\($0.0)=\(Self.queryEncoded($0.1))" }.joined(separator: "&")
            let data: Data?
            do {
                data = try await retry.run { try await proxied(.GET, uri, body: nil, contentType: nil, through: proxy, command: command) }
            } catch let error as KubectlError where "\(error)".contains("Error from server (Expired)") {
                return nil
            }
            guard let data else { return nil }
            let page = try decode(KubernetesList<T>.self, from: data, command: command)
            items += page.items
            token = page.continueToken
        } while token != nil
        return items
    }

    /// A query value as Go's url.ParseQuery reads it back: everything but unreserved
    /// characters escaped (a bare `+` would become a space).
    static func queryEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? value
    }

    func proxiedRaw(_ path: String, through proxy: KubectlProxy) async throws -> Data? {
        try await proxied(.GET, path, body: nil, contentType: nil, through: proxy, command: invocation(["get", "--raw", path]).commandLine)
    }

    func proxiedPatch(nodeNamed name: String, patch: Data, type: PatchType, through proxy: KubectlProxy) async throws -> Data? {
        let contentType = switch type {
        case .merge: "application/merge-patch+json"
        case .strategic: "application/strategic-merge-patch+json"
        case .json: "application/json-patch+json"
        }
        let path = "/api/v1/nodes/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? name)
        let command = invocation(["patch", "node", name, "--type=\(type.rawValue)", "--patch=…"]).commandLine
        return try await proxied(.PATCH, path, body: patch, contentType: contentType, through: proxy, command: command)
    }

    private func proxied(_ method: HTTPMethod, _ path: String, body: Data?, contentType: String?, through proxy: KubectlProxy, command: String) async throws -> Data? {
        let reply: HTTPReply
        do {
            reply = try await proxy.send(method, path, body: body, contentType: contentType, timeout: deadline)
        } catch KubectlProxyError.timedOut(_, let after) {
            throw KubectlError.timedOut(command: command, message: "stopped after \(after.formattedSeconds)")
        } catch {
            // The proxy could not start, or the local connection to it failed (seen once
            // under heavy load as "I/O on closed channel"): a kubectl process of its own
            // gives the call the same answer, only slower.
            return nil
        }
        guard (200..<300).contains(reply.status) else {
            throw KubectlError.classify(standardError: Self.kubectlStyleError(reply), exitCode: 1, command: command)
        }
        return reply.body
    }

    /// The line kubectl prints for an API error (`Error from server (NotFound): …`), so one
    /// classifier serves both routes. A body that is not a Status (a load balancer's page)
    /// gets the reason and message client-go gives that code (apimachinery's
    /// NewGenericServerResponse).
    static func kubectlStyleError(_ reply: HTTPReply) -> String {
        struct Status: Decodable {
            var reason: String?
            var message: String?
        }
        let status = try? JSONDecoder().decode(Status.self, from: reply.body)
        let text = String(decoding: reply.body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let generic: (reason: String, message: String) = switch reply.status {
        case 429: ("TooManyRequests", "the server has received too many requests and has asked us to try again later")
        case 503: ("ServiceUnavailable", "the server is currently unable to handle the request")
        case 504: ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request")
        case 500...: ("InternalError", "an error on the server (\(text.debugDescription)) has prevented the request from succeeding")
        default: (HTTPResponseStatus(statusCode: reply.status).reasonPhrase, text)
        }
        return "Error from server (\(status?.reason ?? generic.reason)): \(status?.message ?? generic.message)"
    }
}
