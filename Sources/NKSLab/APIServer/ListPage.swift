// `limit` and `continue` on a list request, as the apiserver pages a list: at most `limit`
// items and, when more remain, a continue token for the next page. Like the real one, the
// token names the list's resourceVersion and the last key returned, so objects created or
// deleted between pages shift nothing, and a token older than the server keeps gets 410.
import Foundation

struct ListPage {
    var range: Range<Int>
    var continueToken: String?
    /// The resourceVersion the first page was served at, which later pages report too.
    var resourceVersion: Int

    /// The apiserver's text for a continue token whose revision was compacted.
    static let expiredMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."

    /// `objects` are sorted by namespace then name; `current` is the store's resourceVersion
    /// and `oldest` the oldest one it still has changes after.
    init(_ request: APIRequest, objects: [JSONValue], current: Int, oldest: Int) throws(APIStatus) {
        let limit = Int(request.query["limit"] ?? "") ?? 0
        var start = 0
        resourceVersion = current
        if let token = request.query["continue"], !token.isEmpty {
            guard let decoded = Token(token) else {
                throw APIStatus.badRequest("continue key is not valid: the token was not issued by this server")
            }
            if decoded.resourceVersion < oldest {
                throw APIStatus(code: 410, reason: "Expired", message: Self.expiredMessage)
            }
            resourceVersion = decoded.resourceVersion
            start = objects.firstIndex { Self.key(of: $0) > decoded.lastKey } ?? objects.count
        }
        let end = limit > 0 ? min(objects.count, start + limit) : objects.count
        range = start..<end
        continueToken = end < objects.count && end > 0
            ? Token(resourceVersion: resourceVersion, lastKey: Self.key(of: objects[end - 1])).encoded : nil
    }

    /// Namespace then name, compared as the list is sorted.
    struct Key: Comparable {
        var namespace: String
        var name: String
        static func < (a: Key, b: Key) -> Bool { (a.namespace, a.name) < (b.namespace, b.name) }
    }

    static func key(of object: JSONValue) -> Key {
        Key(namespace: object[path: "metadata", "namespace"]?.stringValue ?? "", name: object[path: "metadata", "name"]?.stringValue ?? "")
    }

    /// The token's content, as the real one: {"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}.
    struct Token {
        var resourceVersion: Int
        var lastKey: Key

        init(resourceVersion: Int, lastKey: Key) {
            self.resourceVersion = resourceVersion
            self.lastKey = lastKey
        }

        init?(_ text: String) {
            guard let data = Data(base64Encoded: text), let value = try? JSONValue(parsing: data),
                  value["v"]?.stringValue == "meta.k8s.io/v1", let version = value["rv"]?.intValue,
                  let start = value["start"]?.stringValue, start.hasSuffix("\u{0}") else { return nil }
            let key = start.dropLast()
            let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            resourceVersion = version
            lastKey = parts.count == 2 ? Key(namespace: String(parts[0]), name: String(parts[1])) : Key(namespace: "", name: String(key))
        }

        var encoded: String {
            let start = (lastKey.namespace.isEmpty ? lastKey.name : "\(lastKey.namespace)/\(lastKey.name)") + "\u{0}"
            let value: JSONValue = ["v": "meta.k8s.io/v1", "rv": .number(Double(resourceVersion)), "start": .string(start)]
            return value.serialized().base64EncodedString()
        }
    }
}
