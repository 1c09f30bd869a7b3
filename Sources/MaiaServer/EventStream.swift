public import Hummingbird
import NIOCore

/// A `text/event-stream` response fed by `produce`, which runs while the client listens. When the client goes away
/// (a write fails or the request task is cancelled), `produce` is cancelled — and with it the model call it awaits;
/// whatever it already stored stays stored.
enum EventStream {
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
