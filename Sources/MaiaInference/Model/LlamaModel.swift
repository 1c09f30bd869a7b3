/// A Llama-architecture model loaded from a GGUF file: hyperparameters, weights read in place from the mapping,
/// the tokenizer and the chat template. Immutable and shared by every session.
public final class LlamaModel: Sendable {
    /// The weights of one transformer block.
    struct Block: Sendable {
        nonisolated(unsafe) let attentionNorm: UnsafePointer<Float>
        let query: WeightMatrix
        let key: WeightMatrix
        let value: WeightMatrix
        let output: WeightMatrix
        nonisolated(unsafe) let feedForwardNorm: UnsafePointer<Float>
        let gate: WeightMatrix
        let up: WeightMatrix
        let down: WeightMatrix
    }

    /// The model's shape.
    public let hyperparameters: LlamaHyperparameters
    /// The tokenizer built from the file's vocabulary and merges.
    public let tokenizer: BPETokenizer
    /// The chat template the file declares, as the runtime renders it.
    public let chatTemplate: ChatTemplate
    /// The file the weights live in.
    public let file: GGUFFile
    let tokenEmbedding: WeightMatrix
    let blocks: [Block]
    nonisolated(unsafe) let outputNorm: UnsafePointer<Float>
    /// The output projection (the token embedding itself when the model ties them).
    let output: WeightMatrix
    /// Per-dimension RoPE frequency divisors (`rope_freqs.weight`, Llama 3.1's long-context scaling), if any.
    let ropeFrequencyFactors: [Float]?

    /// Loads the model at `path`.
    public convenience init(path: String) throws(InferenceError) {
        try self.init(file: GGUFFile(path: path))
    }

    /// Loads the model held by `file`.
    public init(file: GGUFFile) throws(InferenceError) {
        let hyperparameters = try LlamaHyperparameters(file)
        let width = hyperparameters.embeddingLength
        let kvWidth = hyperparameters.kvHeadCount * hyperparameters.headSize
        let hidden = hyperparameters.feedForwardLength
        func matrix(_ name: String, rows: Int, columns: Int) throws(InferenceError) -> WeightMatrix {
            guard let tensor = file.tensors[name] else {
                throw InferenceError(.corruptFile, "\(file.path) has no tensor \(name)")
            }
            guard tensor.dimensions == [columns, rows] else {
                throw InferenceError(
                    .corruptFile,
                    "\(file.path): \(name) is \(tensor.dimensions), expected [\(columns), \(rows)]"
                )
            }
            return WeightMatrix(data: file.pointer(to: tensor), type: tensor.type, rows: rows, columns: columns)
        }
        func normVector(_ name: String) throws(InferenceError) -> UnsafePointer<Float> {
            // Norm weights are stored as one-dimensional tensors.
            guard let tensor = file.tensors[name], tensor.dimensions == [width], tensor.type == .f32 else {
                throw InferenceError(.corruptFile, "\(file.path) has no F32 tensor \(name) of \(width) values")
            }
            return file.pointer(to: tensor).assumingMemoryBound(to: Float.self)
        }
        var blocks: [Block] = []
        for index in 0..<hyperparameters.blockCount {
            let prefix = "blk.\(index)."
            blocks.append(
                Block(
                    attentionNorm: try normVector(prefix + "attn_norm.weight"),
                    query: try matrix(prefix + "attn_q.weight", rows: width, columns: width),
                    key: try matrix(prefix + "attn_k.weight", rows: kvWidth, columns: width),
                    value: try matrix(prefix + "attn_v.weight", rows: kvWidth, columns: width),
                    output: try matrix(prefix + "attn_output.weight", rows: width, columns: width),
                    feedForwardNorm: try normVector(prefix + "ffn_norm.weight"),
                    gate: try matrix(prefix + "ffn_gate.weight", rows: hidden, columns: width),
                    up: try matrix(prefix + "ffn_up.weight", rows: hidden, columns: width),
                    down: try matrix(prefix + "ffn_down.weight", rows: width, columns: hidden)
                )
            )
        }
        let vocabulary = hyperparameters.vocabularySize
        tokenEmbedding = try matrix("token_embd.weight", rows: vocabulary, columns: width)
        output =
            file.tensors["output.weight"] == nil
            ? tokenEmbedding : try matrix("output.weight", rows: vocabulary, columns: width)
        outputNorm = try normVector("output_norm.weight")
        if let factors = file.tensors["rope_freqs.weight"] {
            let count = hyperparameters.ropeDimensions / 2
            guard factors.dimensions == [count], factors.type == .f32 else {
                throw InferenceError(.corruptFile, "\(file.path): rope_freqs.weight is not \(count) F32 values")
            }
            let values = file.pointer(to: factors).assumingMemoryBound(to: Float.self)
            ropeFrequencyFactors = Array(UnsafeBufferPointer(start: values, count: count))
        } else {
            ropeFrequencyFactors = nil
        }
        self.hyperparameters = hyperparameters
        self.blocks = blocks
        self.tokenizer = try BPETokenizer(file)
        self.chatTemplate = ChatTemplate(file, tokenizer: tokenizer)
        self.file = file
    }
}
