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
}
