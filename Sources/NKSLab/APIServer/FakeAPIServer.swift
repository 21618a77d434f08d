// An HTTP server on loopback that the real kubectl accepts as a Kubernetes API server,
// serving a ClusterState. Plain HTTP without credentials: it is a local test harness.
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Why the fake API server could not start.
public struct FakeAPIServerError: Error, Sendable, CustomStringConvertible {
    public var address: String
    public var reason: String
    public var description: String {
        "the lab API server could not listen on \(address): \(reason); choose another port or stop what uses it"
    }
}

public final class FakeAPIServer: Sendable {
    public let state: ClusterState
    private let host: String
    private let port: Int
    private let running = Mutex<Running?>(nil)

    private struct Running: Sendable {
        var task: Task<Void, Never>
        var url: URL
    }

    /// Port 0 picks a free port; `start()` returns the one bound.
    public init(state: ClusterState, host: String = "127.0.0.1", port: Int = 0) {
        self.state = state
        self.host = host
        self.port = port
    }

    /// Starts serving and returns the base URL (http://127.0.0.1:PORT). Starting a running
    /// server returns its URL again.
    public func start() async throws -> URL {
        if let url = running.withLock({ $0?.url }) { return url }
        let boundPort = AsyncStream<Result<Int, FakeAPIServerError>>.makeStream()
        let host = self.host
        let address = "\(host):\(port)"
        var logger = Logger(label: "nks-lab.apiserver")
        logger.logLevel = .critical
        let handlerBox = HandlerBox()
        let application = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in
                guard let handler = handlerBox.handler else { return Response(status: .serviceUnavailable) }
                return try await Self.respond(to: request, with: handler)
            },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil, reuseAddress: true),
            onServerRunning: { channel in
                boundPort.continuation.yield(.success(channel.localAddress?.port ?? 0))
            },
            logger: logger
        )
        let task = Task {
            do {
                try await application.run()
            } catch {
                boundPort.continuation.yield(.failure(FakeAPIServerError(address: address, reason: "\(error)")))
            }
            boundPort.continuation.finish()
        }
        var iterator = boundPort.stream.makeAsyncIterator()
        guard let outcome = await iterator.next() else {
            throw FakeAPIServerError(address: address, reason: "the server stopped while starting")
        }
        let port = try outcome.get()
        let url = URL(string: "http://\(host):\(port)")!
        handlerBox.handler = APIRequestHandler(state: state, serverAddress: "\(host):\(port)")
        running.withLock { $0 = Running(task: task, url: url) }
        return url
    }

    /// Stops listening and ends open watches; waits until the server is down.
    public func stop() async {
        guard let current = running.withLock({ value -> Running? in
            defer { value = nil }
            return value
        }) else { return }
        await state.finishWatches()
        current.task.cancel()
        await current.task.value
    }

    private static func respond(to request: Request, with handler: APIRequestHandler) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024 * 1024)
        let apiRequest = APIRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            rawQuery: request.uri.query ?? "",
            accept: request.headers[.accept],
            contentType: request.headers[.contentType],
            user: request.headers[impersonateUser],
            body: Data(body.readableBytesView),
            userAgent: request.headers[.userAgent],
            authorization: request.headers[.authorization]
        )
        switch await handler.handle(apiRequest) {
        case .json(let value, let status):
            return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
        case .text(let text, let contentType, let status):
            return Response(status: .init(code: status), headers: [.contentType: contentType],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .fault(let status, let retryAfter):
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter { headers[.retryAfter] = String(retryAfter) }
            return Response(status: .init(code: status.code), headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: status.document.serialized())))
        case .stream(let lines):
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                for await line in lines {
                    try await writer.write(ByteBuffer(bytes: line))
                }
                try await writer.finish(nil)
            })
        }
    }
}

private let impersonateUser = HTTPField.Name("Impersonate-User")!

/// The handler needs the bound port (for discovery), known only once the server runs.
private final class HandlerBox: Sendable {
    private let value = Mutex<APIRequestHandler?>(nil)
    var handler: APIRequestHandler? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
