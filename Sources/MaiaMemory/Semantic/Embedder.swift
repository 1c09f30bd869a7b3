/// Turns texts into unit-length vectors. Implemented in-process (all-MiniLM-L6-v2) and over HTTP
/// (any OpenAI-compatible `/v1/embeddings` server).
public protocol Embedder: Sendable {
    /// Identifies the model; stored with every vector so that a model change triggers re-indexing.
    var modelID: String { get }
    /// The length of every vector.
    var dimensions: Int { get }
    /// One L2-normalised vector per text, in order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
