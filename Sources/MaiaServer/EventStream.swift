import Hummingbird
import NIOCore

/// A `text/event-stream` response fed by `produce`, which runs while the client listens. When the client goes away
/// (a write fails or the request task is cancelled), `produce` is cancelled — and with it the model call it awaits;
/// whatever it already stored stays stored.
///
/// A closed client connection only shows when a write fails (the server allows half-closed connections), so a
/// comment line goes out every ``heartbeat`` while nothing else does: a silent model (a long tool call, a stalled
/// provider) cannot keep a turn running for a client that left. Proxies also keep a talking stream open.
enum EventStream {
    static let heartbeat = Duration.seconds(5)

    /// One server-sent event: `event: <name>` and one `data:` line (JSON never holds a raw newline).
    static func event(_ name: String?, _ data: String) -> String {
        (name.map { "event: \($0)\n" } ?? "") + "data: \(data)\n\n"
    }

    static func response(
        _ produce: @escaping @Sendable (_ send: @escaping @Sendable (String) -> Void) async -> Void
    ) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                let (chunks, continuation) = AsyncStream<String>.makeStream()
                let producer = Task {
                    await produce { continuation.yield($0) }
                    continuation.finish()
                }
                let beat = Task {
                    while (try? await Task.sleep(for: heartbeat)) != nil { continuation.yield(": keep-alive\n\n") }
                }
                defer { beat.cancel() }
                try await withTaskCancellationHandler {
                    do {
                        for await chunk in chunks {
                            try await writer.write(ByteBuffer(string: chunk))
                        }
                        if Task.isCancelled { producer.cancel() }
                        try await writer.finish(nil)
                    } catch {
                        producer.cancel()
                        throw error
                    }
                } onCancel: {
                    producer.cancel()
                }
            }
        )
    }
}
