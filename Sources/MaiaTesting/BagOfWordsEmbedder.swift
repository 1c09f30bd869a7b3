public import MaiaEmbedding
import MaiaMemory

/// A deterministic test embedder: hashes lower-cased words into a fixed number of buckets and normalises.
/// Texts sharing words get similar vectors, which is enough to test indexing and fusion logic without a model.
public struct BagOfWordsEmbedder: Embedder {
    public let modelID: String
    public let dimensions: Int

    /// Creates an embedder with `dimensions` buckets.
    public init(modelID: String = "test-bag-of-words", dimensions: Int = 64) {
        self.modelID = modelID
        self.dimensions = dimensions
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map { text in
            var vector = [Float](repeating: 0, count: dimensions)
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                // FNV-1a, stable across runs unlike `Hasher`.
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                vector[Int(hash % UInt64(dimensions))] += 1
            }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? vector.map { $0 / norm } : vector
        }
    }
}

/// An embedder that always fails, for testing degradation and retries.
public struct FailingEmbedder: Embedder {
    public struct Failure: Error {}
    public let modelID = "failing"
    public let dimensions = 64

    /// Creates the embedder.
    public init() {}

    public func embed(_ texts: [String]) async throws -> [[Float]] { throw Failure() }
}
