import Foundation

/// all-MiniLM-L6-v2 run in-process: BERT WordPiece tokenisation, the 6-layer encoder, mean pooling and L2
/// normalisation, giving the same 384-d vectors as sentence-transformers (cosine ≥ 0.999).
///
/// Loading reads about 90 MB of weights; do it once and share the value (it is immutable and `Sendable`).
/// ``embed(_:)`` runs on the calling task; matrix multiplies use OpenBLAS's own threads.
public struct MiniLMEmbedder: Embedder {
    /// The model id vectors from this embedder carry.
    public static let defaultModelID = "sentence-transformers/all-MiniLM-L6-v2"

    public let modelID: String
    public let dimensions: Int
    /// The tokenizer, exposed so that callers can count tokens or inspect ids.
    public let tokenizer: BertTokenizer
    /// The most sequences run through the encoder at once; longer inputs are cut into batches.
    public let batchSize: Int
    /// Where the model runs: a batch computes for up to seconds, and on Swift's cooperative pool (one thread per
    /// core) it would stall every other task of the process — HTTP handlers, timers, the shadow engine — meanwhile.
    private let queue = DispatchQueue(label: "maia.minilm")
    let encoder: BertEncoder

    /// Loads the model from `folder` (see ``defaultFolder(environment:)``).
    ///
    /// `threads` is how many cores one ``embed(_:)`` call uses (default: all active processors). Loading
    /// switches OpenBLAS to run each multiply on its calling thread, process-wide.
    /// Throws an ``EmbeddingError`` naming the file when a file is missing, corrupt or of the wrong shape.
    public init(
        folder: ModelFolder,
        modelID: String = MiniLMEmbedder.defaultModelID,
        batchSize: Int = 32,
        threads: Int? = nil
    ) throws(EmbeddingError) {
        guard batchSize > 0 else {
            throw EmbeddingError(code: .invalidInput, message: "the batch size must be positive, not \(batchSize)")
        }
        let tokenizer = try BertTokenizer(folder: folder)
        let weights = try BertWeights(folder: folder)
        let configuration = weights.configuration
        guard tokenizer.vocabularySize == configuration.vocabularySize,
            tokenizer.maximumLength <= configuration.maximumPositions
        else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(folder.path(of: "vocab.txt")) has \(tokenizer.vocabularySize) entries and a maximum "
                    + "length of \(tokenizer.maximumLength), but \(folder.path(of: "config.json")) expects "
                    + "\(configuration.vocabularySize) entries and at most \(configuration.maximumPositions) positions",
                path: folder.url.path
            )
        }
        self.tokenizer = tokenizer
        self.encoder = BertEncoder(weights: weights, workers: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.modelID = modelID
        self.dimensions = configuration.hiddenSize
        self.batchSize = batchSize
    }

    /// Loads the model from the default folder.
    public init() throws(EmbeddingError) {
        try self.init(folder: Self.defaultFolder())
    }

    /// MiniLM's vocabulary is English WordPiece: Thai, for one, is all unknown tokens.
    public func readableShare(of text: String) -> Double { tokenizer.knownShare(of: text) }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: embedSynchronously(texts)) }
        }
    }

    /// ``embed(_:)`` without the `async`: blocks the calling thread while the model runs (on up to
    /// `threads` cores).
    public func embedSynchronously(_ texts: [String]) -> [[Float]] {
        let sequences = texts.map(tokenizer.encode)
        // Longest first, as sentence-transformers does, so each batch pads (here: packs) similar lengths.
        let order = sequences.indices.sorted { sequences[$0].count > sequences[$1].count }
        var vectors = [[Float]](repeating: [], count: texts.count)
        var start = 0
        while start < order.count {
            let chunk = order[start..<min(start + batchSize, order.count)]
            let pooled = encoder.pooledStates(chunk.map { sequences[$0] })
            for (index, vector) in zip(chunk, pooled) { vectors[index] = Self.normalized(vector) }
            start += batchSize
        }
        return vectors
    }

    /// `vector / max(‖vector‖, 1e-12)`, as PyTorch's `F.normalize` computes it.
    static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let scale = 1 / max(norm, 1e-12)
        return vector.map { $0 * scale }
    }
}
