import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaServer
import MaiaTesting
import NIOCore

/// Builds the real application (SQLite in a temporary folder, Claude over a loopback server that replays recorded
/// Anthropic streams) and MAIA's router, and drives it in-process through HummingbirdTesting.
enum ServerHarness {
    static let key = "sk-ant-server-test-key-7"

    static func fixture(_ file: String) -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("Fixtures/engines/\(file)")) else {
            fatalError("missing fixture \(file)")
        }
        return Array(data)
    }

    /// Claude answering with text; with `tools`, the first round calls a memory tool (the recorded tool-use stream)
    /// and the round after the tool result answers with text.
    static func anthropic(tools: Bool = false) -> LoopbackHTTPServer.Responder {
        { request in
            let stream =
                tools && !request.text.contains("tool_result") ? "anthropic-tool-use.sse" : "anthropic-text.sse"
            return LoopbackHTTPServer.Response(
                headers: [("content-type", "text/event-stream")],
                chunks: [fixture(stream)]
            )
        }
    }

    /// The recorded reply of `anthropic-text.sse`.
    static let reply = "Hello, café ☕ 🌊!\nHow are you?"

    /// Runs `body` against a fresh application whose Claude is `provider`; `environment` adds settings.
    static func run(
        environment: [String: String] = [:],
        provider: @escaping LoopbackHTTPServer.Responder = anthropic(),
        turnWait: Duration = .seconds(2),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        _ body: @Sendable (any TestClientProtocol, LoopbackHTTPServer) async throws -> Void
    ) async throws {
        let folder = try TemporaryDirectory()
        try await LoopbackHTTPServer.with(provider) { server in
            let raw = RawSettings(
                environment: [
                    "ANTHROPIC_API_KEY": key, "ANTHROPIC_BASE_URL": server.baseURL.absoluteString,
                    "MAIA_DB": folder.url.appendingPathComponent("maia.sqlite").path,
                    "MAIA_CACHE": folder.url.appendingPathComponent("cache").path,
                    // No embedder: keyword search is enough here and keeps each test's start quick.
                    "MAIA_MODELS_DIR": folder.url.appendingPathComponent("no-models").path,
                ].merging(environment) { _, new in new },
                envFile: [:]
            )
            let settings = try MaiaSettings(raw)
            let authenticator = try await Authenticator.make(settings.server)
            try await MaiaApplication.run(settings, options: .init(environment: [:])) { app in
                let service = MaiaService(app: app, authenticator: authenticator, turnWait: turnWait, now: now)
                let application = Application(router: MaiaServer.buildRouter(service))
                try await application.test(.router) { client in try await body(client, server) }
            }
        }
        _ = folder
    }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(buffer: body) }

    /// The body parsed as JSON.
    var json: JSONValue? { JSONValue(parsing: text) }

    /// The `type` of an error body.
    var errorType: String? { json?["error"]?["type"]?.stringValue }

    /// The `message` of an error body.
    var errorMessage: String { json?["error"]?["message"]?.stringValue ?? "" }

    /// The events of a `text/event-stream` body: (name, data) pairs in order.
    var events: [(name: String?, data: String)] {
        text.components(separatedBy: "\n\n").compactMap { block in
            guard !block.isEmpty else { return nil }
            var name: String?
            var data: String?
            for line in block.split(separator: "\n") {
                if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
            }
            return data.map { (name, $0) }
        }
    }
}

extension HTTPFields {
    /// Headers naming the acting user (MAIA_AUTH=none), plus any others.
    static func user(_ id: String, _ more: [HTTPField.Name: String] = [:]) -> HTTPFields {
        var fields: HTTPFields = [HTTPField.Name("X-MAIA-User")!: id]
        for (name, value) in more { fields[name] = value }
        return fields
    }
}

extension ByteBuffer {
    /// A JSON body.
    static func json(_ value: JSONValue) -> ByteBuffer { ByteBuffer(string: value.jsonText) }
}
