#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One conversation's state on a `LlamaModel`: the key/value cache and the scratch buffers of the forward pass.
///
/// Not thread-safe: one caller at a time (the engine runs each session on its own thread). The cache keeps the
/// tokens it holds, so a prompt that extends the previous one only evaluates the new tokens.
public final class LlamaSession {
    /// The model this session runs.
    public let model: LlamaModel
    /// The most tokens the cache holds.
    public let contextSize: Int
    /// Worker threads for matrix products and attention.
    public let threads: Int
    /// The most tokens evaluated in one forward pass (longer prompts are split).
    public let batchSize: Int
    /// The tokens in the cache, in order.
    public private(set) var cachedTokens: [Int] = []

    let buffers: ForwardBuffers
    let workers: WorkerPool
    /// Keys: per block, per key/value head, `contextSize` rows of `headSize` halves.
    let keys: UnsafeMutablePointer<UInt16>
    /// Values, transposed: per block, per key/value head, `headSize` rows of `valueStride` halves (positions).
    let values: UnsafeMutablePointer<UInt16>
    /// Halves per transposed value row: the context rounded up to 64, zero past the cached positions.
    let valueStride: Int

    /// Creates a session with room for `contextSize` tokens, evaluating with `threads` threads.
    public init(model: LlamaModel, contextSize: Int, threads: Int, batchSize: Int = 512) throws(InferenceError) {
        guard contextSize > 0, contextSize <= 1 << 20 else {
            throw InferenceError(.invalidInput, "context size \(contextSize) is not between 1 and \(1 << 20)")
        }
        guard threads > 0, threads <= 256 else {
            throw InferenceError(.invalidInput, "thread count \(threads) is not between 1 and 256")
        }
        let shape = model.hyperparameters
        self.model = model
        self.contextSize = contextSize
        self.threads = threads
        self.batchSize = max(1, min(batchSize, contextSize))
        valueStride = (contextSize + 63) / 64 * 64
        let perBlock = shape.kvHeadCount * shape.headSize
        // calloc: untouched pages of a large context cost no memory, and values must read as zero past the end.
        keys = calloc(shape.blockCount * perBlock * contextSize, 2)!.assumingMemoryBound(to: UInt16.self)
        values = calloc(shape.blockCount * perBlock * valueStride, 2)!.assumingMemoryBound(to: UInt16.self)
        buffers = ForwardBuffers(shape, batch: self.batchSize, context: contextSize, threads: threads)
        workers = try WorkerPool(threads: threads)
    }

    deinit {
        free(keys)
        free(values)
    }

    /// Forgets cached tokens past the first `count` (their values are zeroed so that attention ignores them).
    public func truncate(to count: Int) {
        guard count < cachedTokens.count else { return }
        let shape = model.hyperparameters
        let removed = cachedTokens.count - count
        for block in 0..<shape.blockCount {
            for head in 0..<shape.kvHeadCount {
                for dimension in 0..<shape.headSize {
                    let row = values + valueRowOffset(block: block, head: head, dimension: dimension)
                    (row + count).update(repeating: 0, count: removed)
                }
            }
        }
        cachedTokens.removeLast(removed)
    }

    /// The length of the longest common prefix of `tokens` and the cache, after which `evaluate` must continue.
    public func reusablePrefix(of tokens: [Int]) -> Int {
        var count = 0
        while count < min(tokens.count, cachedTokens.count), tokens[count] == cachedTokens[count] { count += 1 }
        return count
    }

    /// Appends `tokens` to the cache and returns the logits that follow the last one (vocabulary-sized).
    public func evaluate(_ tokens: [Int]) throws(InferenceError) -> [Float] {
        guard !tokens.isEmpty else { throw InferenceError(.invalidInput, "no tokens to evaluate") }
        guard cachedTokens.count + tokens.count <= contextSize else {
            throw InferenceError(
                .invalidInput,
                "\(cachedTokens.count + tokens.count) tokens do not fit the context of \(contextSize) tokens"
            )
        }
        let vocabulary = model.hyperparameters.vocabularySize
        for token in tokens where token < 0 || token >= vocabulary {
            throw InferenceError(.invalidInput, "token id \(token) is outside the vocabulary of \(vocabulary)")
        }
        var logits: [Float] = []
        var start = 0
        while start < tokens.count {
            let end = min(start + batchSize, tokens.count)
            logits = forward(Array(tokens[start..<end]), wantLogits: end == tokens.count)
            cachedTokens.append(contentsOf: tokens[start..<end])
            start = end
        }
        return logits
    }

    func keyRowOffset(block: Int, head: Int, position: Int) -> Int {
        let shape = model.hyperparameters
        return ((block * shape.kvHeadCount + head) * contextSize + position) * shape.headSize
    }

    func valueRowOffset(block: Int, head: Int, dimension: Int) -> Int {
        let shape = model.hyperparameters
        return ((block * shape.kvHeadCount + head) * shape.headSize + dimension) * valueStride
    }
}
