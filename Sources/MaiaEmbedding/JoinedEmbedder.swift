/// Two models' vectors side by side, so that one vector search ranks by both: each part's vector (unit length) is
/// scaled by the square root of its weight, and the cosine of two joined vectors is then the weighted mean of the
/// two models' cosines. MAIA's multilingual embedder joins MiniLM (English histories: long-conversation recall)
/// with multilingual-e5 (memories and questions in different languages); docs/embedder.md has the measurements.
public struct JoinedEmbedder: Embedder {
    public let first: any Embedder
    public let second: any Embedder
    /// The second model's share of the similarity, strictly between 0 and 1; the first has the rest.
    public let weight: Float

    public var modelID: String { "\(first.modelID)+\(second.modelID)@\(weight)" }
    public var dimensions: Int { first.dimensions + second.dimensions }

    /// Throws ``EmbeddingError/Code/invalidInput`` when `weight` is not strictly between 0 and 1 (either part alone
    /// is that part's own embedder).
    public init(_ first: any Embedder, _ second: any Embedder, weight: Float) throws(EmbeddingError) {
        guard weight > 0, weight < 1 else {
            throw EmbeddingError(
                code: .invalidInput,
                message: "the second model's weight must be between 0 and 1 (exclusive), not \(weight)"
            )
        }
        self.first = first
        self.second = second
        self.weight = weight
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        async let left = first.embed(texts)
        let right = try await second.embed(texts)
        return zip(try await left, right).map(join)
    }

    /// Each part embeds the query its own way (e5: `query: `).
    public func embedQuery(_ query: String) async throws -> [Float] {
        async let left = first.embedQuery(query)
        let right = try await second.embedQuery(query)
        return join(try await left, right)
    }

    /// A text either model reads has a meaningful joined vector.
    public func readableShare(of text: String) -> Double {
        max(first.readableShare(of: text), second.readableShare(of: text))
    }

    private func join(_ left: [Float], _ right: [Float]) -> [Float] {
        let leftScale = (1 - weight).squareRoot()
        let rightScale = weight.squareRoot()
        return left.map { $0 * leftScale } + right.map { $0 * rightScale }
    }
}
