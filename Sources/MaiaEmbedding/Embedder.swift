/// Turns texts into vectors whose cosine similarity reflects closeness of meaning.
///
/// This is the seam between the memory layer and whatever computes embeddings: the in-process
/// ``MiniLMEmbedder`` by default, an HTTP `/v1/embeddings` client in production. Vectors record which model
/// made them (``modelID``), so that a model change can trigger re-indexing.
public protocol Embedder: Sendable {
    /// A stable name of the model; vectors from different model ids are never compared.
    var modelID: String { get }
    /// The length of every vector ``embed(_:)`` returns.
    var dimensions: Int { get }
    /// Embeds `texts`, returning one L2-normalised vector of ``dimensions`` floats per text, in input order.
    ///
    /// An empty input gives an empty output. Throws an ``EmbeddingError`` when the model cannot run.
    func embed(_ texts: [String]) async throws -> [[Float]]

    /// Embeds a search query. Asymmetric models (e5: `query: ` / `passage: `) embed questions differently from the
    /// texts they search; ``embed(_:)`` is for stored texts.
    func embedQuery(_ query: String) async throws -> [Float]

    /// The share of `text` (0…1) the model can read: for a model with a fixed vocabulary, the share of its tokens
    /// that are not the unknown token. A vector of text the model cannot read says nothing about its meaning.
    func readableShare(of text: String) -> Double
}

extension Embedder {
    /// Models that do not say (an HTTP embedding server) are taken to read everything.
    public func readableShare(of text: String) -> Double { 1 }

    /// Symmetric models embed a query like any stored text.
    public func embedQuery(_ query: String) async throws -> [Float] {
        guard let vector = try await embed([query]).first else {
            throw EmbeddingError(code: .invalidInput, message: "the embedder returned no vector for the query")
        }
        return vector
    }
}
