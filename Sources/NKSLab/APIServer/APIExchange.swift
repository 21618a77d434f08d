// The request and answer shapes the fake API server's logic works with, independent of
// the HTTP library, so the logic can be exercised without a socket.
import Foundation
import NKSCore

struct APIRequest: Sendable {
    var method: String
    var path: String
    var rawQuery: String
    var query: [String: String]
    var accept: String?
    var contentType: String?
    /// Who kubectl says it is: Impersonate-User (from --as), else the anonymous user.
    var user: String
    var body: Data
    /// Who sent the request, for the per-client counters: a bearer token's identity (its
    /// digest, never the token), else the User-Agent, else the user.
    var client: String

    init(method: String, path: String, rawQuery: String, accept: String?, contentType: String?, user: String?, body: Data,
         userAgent: String? = nil, authorization: String? = nil) {
        self.method = method.uppercased()
        self.path = path
        self.rawQuery = rawQuery
        self.query = QueryString.parse(rawQuery)
        self.accept = accept
        self.contentType = contentType
        self.user = user ?? "system:anonymous"
        self.body = body
        self.client = Self.client(userAgent: userAgent, authorization: authorization) ?? self.user
    }

    private static func client(userAgent: String?, authorization: String?) -> String? {
        if let authorization, authorization.lowercased().hasPrefix("bearer ") {
            let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return "token:" + Hashing.sha256Hex(Data(token.utf8)).prefix(16) }
        }
        if let userAgent, !userAgent.isEmpty { return userAgent }
        return nil
    }

    var wantsTable: Bool { accept?.contains("as=Table") ?? false }

    var isWatch: Bool { ["true", "1"].contains(query["watch"] ?? "") }

    /// The media type without parameters, lowercased ("application/merge-patch+json").
    var mediaType: String {
        (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    var hasProtobufBody: Bool { mediaType.contains("protobuf") }
}

enum APIResponse: Sendable {
    case json(JSONValue, status: Int)
    case text(String, contentType: String, status: Int)
    /// Newline-delimited watch events, written as they come.
    case stream(AsyncStream<Data>)
    /// An injected failure, with the Retry-After header when the fault asks for one.
    case fault(APIStatus, retryAfterSeconds: Int?)

    static func status(_ status: APIStatus) -> APIResponse { .json(status.document, status: status.code) }
}
