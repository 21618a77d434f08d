// What the lab tells the fake API server to answer where a real cluster would ask a
// kubelet (container logs, node proxy endpoints), and the requests it saw, for tests.
import Foundation

/// The answer to a pod log read.
public enum LogAnswer: Sendable, Hashable {
    /// 200 with these lines (tailLines applies).
    case text(String)
    /// A metav1.Status error, e.g. 400 BadRequest "unable to retrieve container logs for …".
    case status(code: Int, reason: String, message: String)
    /// 200 whose body is an error text, as old kubelets answer for vanished containers.
    case bodyWithSuccess(String)
}

/// The answer to `GET /api/v1/nodes/NAME/proxy/PATH`.
public enum ProxyAnswer: Sendable, Hashable {
    case json(JSONValue)
    case text(String, contentType: String)
    case status(code: Int, message: String)
    /// 200 with the HTML directory listing a kubelet shows when node log query is off.
    case directoryListing
}

/// One request the fake API server received.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    /// The raw query string without "?", "" when absent.
    public var query: String
    public var contentType: String?
    public var accept: String?
    public var body: Data

    public init(method: String, path: String, query: String, contentType: String?, accept: String?, body: Data) {
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.accept = accept
        self.body = body
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The decoded query parameters (the last one wins when repeated).
    public var queryItems: [String: String] { QueryString.parse(query) }
}

/// Parses `a=b&c=d` with percent-decoding and `+` as space, as Go's url.ParseQuery does.
enum QueryString {
    static func parse(_ query: String) -> [String: String] {
        var items: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            items[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return items
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
