// Server-side faults the lab can inject, so tests see what the plugins do when the API
// server is overloaded (429 with Retry-After, which kubectl retries on its own) or broken
// (500, which it does not).
import Foundation

public struct APIFault: Sendable, Hashable {
    /// "GET", "PATCH", …; nil matches every method.
    public var method: String?
    /// Requests whose path starts with this, e.g. "/api/v1/nodes".
    public var pathPrefix: String
    /// 429, 500, 503, …
    public var code: Int
    /// How many matching requests fail before the server answers normally again; nil: all.
    public var times: Int?
    /// Sent as the Retry-After header (seconds) when set.
    public var retryAfterSeconds: Int?

    public init(method: String? = nil, pathPrefix: String, code: Int, times: Int? = nil, retryAfterSeconds: Int? = nil) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.code = code
        self.times = times
        self.retryAfterSeconds = retryAfterSeconds
    }

    func matches(method: String, path: String) -> Bool {
        (self.method == nil || self.method == method) && path.hasPrefix(pathPrefix) && (times ?? 1) > 0
    }

    /// The answer, worded as the real apiserver words these codes.
    var status: APIStatus {
        let message = switch code {
        case 429: "Too many requests, please try again later."
        case 500: "Internal error occurred: injected by the lab"
        case 503: "The server is currently unable to handle the request"
        default: "the lab injected HTTP \(code)"
        }
        return APIStatus(code: code, reason: APIStatus.reason(forCode: code), message: message)
    }
}

extension ClusterState {
    /// The fault for this request, if one is armed; counts it down.
    func takeFault(method: String, path: String) -> APIFault? {
        guard let index = faults.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        let fault = faults[index]
        if let times = fault.times { faults[index].times = times - 1 }
        return fault
    }
}
