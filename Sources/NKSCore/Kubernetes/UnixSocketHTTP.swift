// One HTTP/1.1 request over a unix socket (kubectl proxy's), read to the end with a size
// limit. Only the proxy started by this process listens there, in a directory only this
// user can enter, so no credentials travel in the request.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var body: Data
}

public enum UnixSocketHTTPError: Error, Equatable, CustomStringConvertible {
    case connectionClosedEarly(path: String)
    case bodyTooLarge(path: String, limit: Int)

    public var description: String {
        switch self {
        case .connectionClosedEarly(let path): "the API proxy closed the connection before answering \(path)"
        case .bodyTooLarge(let path, let limit): "the answer to \(path) is larger than \(limit) bytes"
        }
    }
}

public enum UnixSocketHTTP {
    public static func exchange(
        socket: String, method: HTTPMethod, path: String, body: Data? = nil, contentType: String? = nil, limit: Int = 64 << 20
    ) async throws -> HTTPReply {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(unixDomainSocketPath: socket) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
            // kubectl proxy's default filter accepts only local host names.
            head.headers.add(name: "Host", value: "localhost")
            head.headers.add(name: "Accept", value: "application/json")
            head.headers.add(name: "Connection", value: "close")
            if let body {
                head.headers.add(name: "Content-Length", value: String(body.count))
                if let contentType { head.headers.add(name: "Content-Type", value: contentType) }
            }
            try await outbound.write(.head(head))
            if let body { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body)))) }
            try await outbound.write(.end(nil))

            var status: Int?
            var received = Data()
            for try await part in inbound {
                switch part {
                case .head(let response):
                    status = Int(response.status.code)
                case .body(let buffer):
                    guard received.count + buffer.readableBytes <= limit else { throw UnixSocketHTTPError.bodyTooLarge(path: path, limit: limit) }
                    received.append(contentsOf: buffer.readableBytesView)
                case .end:
                    guard let status else { throw UnixSocketHTTPError.connectionClosedEarly(path: path) }
                    return HTTPReply(status: status, body: received)
                }
            }
            throw UnixSocketHTTPError.connectionClosedEarly(path: path)
        }
    }
}
