/// The shape of a Llama-architecture model, read from its GGUF metadata (`llama.*` keys).
public struct LlamaHyperparameters: Sendable, Hashable {
    /// Width of the residual stream (`embedding_length`).
    public var embeddingLength: Int
    /// Transformer blocks (`block_count`).
    public var blockCount: Int
    /// Query heads (`attention.head_count`).
    public var headCount: Int
    /// Key/value heads (`attention.head_count_kv`); fewer than query heads means grouped-query attention.
    public var kvHeadCount: Int
    /// Hidden width of the feed-forward network (`feed_forward_length`).
    public var feedForwardLength: Int
    /// The context the model was trained for (`context_length`).
    public var contextLength: Int
    /// RMSNorm epsilon (`attention.layer_norm_rms_epsilon`).
    public var rmsEpsilon: Float
    /// RoPE base frequency (`rope.freq_base`, 10000 when absent).
    public var ropeBase: Float
    /// Rotated dimensions per head (`rope.dimension_count`, the head size when absent).
    public var ropeDimensions: Int
    /// Linear RoPE position scale (1 / `rope.scale_linear`, or `rope.scaling.factor` with type `linear`).
    public var ropePositionScale: Float
    /// Vocabulary size (the token embedding's rows).
    public var vocabularySize: Int

    /// Values per head.
    public var headSize: Int { embeddingLength / headCount }

    /// Reads the hyperparameters of `file`, which must declare `general.architecture` `llama`.
    public init(_ file: GGUFFile) throws(InferenceError) {
        let architecture = file.metadata["general.architecture"]?.stringValue ?? "(none)"
        guard architecture == "llama" else {
            throw InferenceError(
                .unsupportedModel,
                "\(file.path) is a `\(architecture)` model; the in-process runtime runs `llama` models"
            )
        }
        func integer(_ key: String) throws(InferenceError) -> Int {
            guard let value = file.metadata["llama.\(key)"]?.intValue, value > 0 else {
                throw InferenceError(.corruptFile, "\(file.path) has no positive llama.\(key)")
            }
            return value
        }
        embeddingLength = try integer("embedding_length")
        blockCount = try integer("block_count")
        headCount = try integer("attention.head_count")
        kvHeadCount = file.metadata["llama.attention.head_count_kv"]?.intValue ?? headCount
        feedForwardLength = try integer("feed_forward_length")
        contextLength = try integer("context_length")
        rmsEpsilon = Float(file.metadata["llama.attention.layer_norm_rms_epsilon"]?.doubleValue ?? 1e-5)
        ropeBase = Float(file.metadata["llama.rope.freq_base"]?.doubleValue ?? 10_000)
        ropeDimensions = file.metadata["llama.rope.dimension_count"]?.intValue ?? embeddingLength / headCount
        var scale = file.metadata["llama.rope.scale_linear"]?.doubleValue ?? 1
        if file.metadata["llama.rope.scaling.type"]?.stringValue == "linear",
            let factor = file.metadata["llama.rope.scaling.factor"]?.doubleValue, factor > 0
        {
            scale = factor
        }
        ropePositionScale = Float(1 / scale)
        guard let embedding = file.tensors["token_embd.weight"], embedding.dimensions.count == 2 else {
            throw InferenceError(.corruptFile, "\(file.path) has no 2-dimensional token_embd.weight")
        }
        vocabularySize = embedding.dimensions[1]
        guard embeddingLength % headCount == 0, headCount % kvHeadCount == 0, headSize % 2 == 0,
            ropeDimensions <= headSize, ropeDimensions % 2 == 0
        else {
            throw InferenceError(
                .unsupportedModel,
                "\(file.path) has \(embeddingLength) dimensions, \(headCount) heads and \(kvHeadCount) key/value heads; "
                    + "heads must divide the width and key/value heads the heads"
            )
        }
    }
}
