// `limit` and `continue` on a list request, as the apiserver pages a list: at most `limit`
// items and, when more remain, a continue token for the next page. The token is opaque to
// clients; here it is the offset of the next item.
import Foundation

struct ListPage {
    var range: Range<Int>
    var continueToken: String?

    init(_ request: APIRequest, total: Int) throws(APIStatus) {
        let limit = Int(request.query["limit"] ?? "") ?? 0
        var start = 0
        if let token = request.query["continue"], !token.isEmpty {
            guard let data = Data(base64Encoded: token), let offset = Int(String(decoding: data, as: UTF8.self)), (0...total).contains(offset) else {
                throw APIStatus.badRequest("continue key is not valid: the token was not issued by this server")
            }
            start = offset
        }
        let end = limit > 0 ? min(total, start + limit) : total
        range = start..<end
        continueToken = end < total ? Data(String(end).utf8).base64EncodedString() : nil
    }
}
