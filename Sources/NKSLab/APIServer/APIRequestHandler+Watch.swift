// `watch=true` requests: newline-delimited {"type","object"} events that follow the store,
// filtered by the request's selectors (an object leaving the selection is reported
// DELETED, as the real watch cache does), as Tables when kubectl asks for them; a watch
// from a resourceVersion the server no longer keeps gets 410 Expired.
import Foundation

extension APIRequestHandler {
    func watch(_ request: APIRequest, target: ResourceTarget) async throws(APIStatus) -> APIResponse {
        let (labels, fields) = try selectors(request, type: target.type)
        let since = request.query["resourceVersion"].flatMap { Int($0) }
        let events: AsyncStream<WatchEvent>
        do {
            events = try await state.watch(kind: target.type.kind, namespace: target.namespace, name: fields.requiredName, since: since)
        } catch {
            return Self.expired(error)
        }
        let table = request.wantsTable ? Self.tableInclude(request) : nil
        let type = target.type
        let timeout = request.query["timeoutSeconds"].flatMap { Int($0) }.map { Duration.seconds($0) }

        let (lines, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .unbounded)
        let pump = Task {
            let matches: @Sendable (JSONValue) -> Bool = { labels.matches($0) && fields.matches($0) }
            for await event in events {
                guard let kind = Self.reportedKind(of: event, matches: matches) else { continue }
                var object = event.object
                if let table {
                    object = ServerSideTable.table(for: type, objects: [object], resourceVersion: event.resourceVersion, include: table)
                }
                var line = JSONValue.object(["type": .string(kind.rawValue), "object": object]).serialized()
                line.append(UInt8(ascii: "\n"))
                continuation.yield(line)
            }
            continuation.finish()
        }
        let timer = timeout.map { timeout in
            Task {
                try? await Task.sleep(for: timeout)
                continuation.finish()
            }
        }
        continuation.onTermination = { _ in
            pump.cancel()
            timer?.cancel()
        }
        return .stream(lines)
    }

    /// What the watch cache answers a watch from a resourceVersion it no longer has: 200
    /// and one ERROR event carrying a 410 Expired Status, after which clients list again.
    static func expired(_ error: WatchExpired) -> APIResponse {
        let status = APIStatus(code: 410, reason: "Expired",
                               message: "too old resource version: \(error.requested) (\(error.oldest))")
        var line = JSONValue.object(["type": "ERROR", "object": status.document]).serialized()
        line.append(UInt8(ascii: "\n"))
        let (lines, continuation) = AsyncStream<Data>.makeStream()
        continuation.yield(line)
        continuation.finish()
        return .stream(lines)
    }

    /// The event type this watcher sees, or nil when the change is outside its selection.
    static func reportedKind(of event: WatchEvent, matches: (JSONValue) -> Bool) -> WatchEvent.Kind? {
        let now = matches(event.object)
        switch event.type {
        case .added, .deleted:
            return now ? event.type : nil
        case .modified:
            let before = event.previous.map(matches) ?? true
            switch (before, now) {
            case (true, true): return .modified
            case (false, true): return .added
            case (true, false): return .deleted
            case (false, false): return nil
            }
        }
    }
}
