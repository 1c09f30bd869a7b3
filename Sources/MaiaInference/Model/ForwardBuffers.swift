import CInferenceKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scratch memory of one session's forward pass, sized for its largest batch and allocated once.
final class ForwardBuffers {
    /// The residual stream, `batch` rows of the model width.
    let residual: UnsafeMutablePointer<Float>
    /// Normalised rows, input of the projections.
    let normed: UnsafeMutablePointer<Float>
    let query: UnsafeMutablePointer<Float>
    let key: UnsafeMutablePointer<Float>
    let value: UnsafeMutablePointer<Float>
    /// Attention output, input of the output projection.
    let attention: UnsafeMutablePointer<Float>
    /// Output of a projection before it is added to the residual.
    let projected: UnsafeMutablePointer<Float>
    let gate: UnsafeMutablePointer<Float>
    let up: UnsafeMutablePointer<Float>
    /// Activations converted to a weight type's dot-product format.
    let converted: UnsafeMutableRawPointer
    let logits: UnsafeMutablePointer<Float>
    /// RoPE cosines and sines: `batch` rows of rotated dimension pairs.
    let cosines: UnsafeMutablePointer<Float>
    let sines: UnsafeMutablePointer<Float>
    /// Per-thread attention scratch, `attentionScratchCount` floats each.
    let attentionScratch: UnsafeMutablePointer<Float>
    let attentionScratchCount: Int
    private var allocations: [UnsafeMutableRawPointer] = []

    init(_ shape: LlamaHyperparameters, batch: Int, context: Int, threads: Int) {
        func floats(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            return pointer
        }
        let width = shape.embeddingLength
        let kvWidth = shape.kvHeadCount * shape.headSize
        let hidden = shape.feedForwardLength
        residual = floats(batch * width)
        normed = floats(batch * width)
        query = floats(batch * width)
        key = floats(batch * kvWidth)
        value = floats(batch * kvWidth)
        attention = floats(batch * width)
        projected = floats(batch * width)
        gate = floats(batch * hidden)
        up = floats(batch * hidden)
        converted = UnsafeMutableRawPointer(floats(batch * max(width, hidden)))
        logits = floats(shape.vocabularySize)
        cosines = floats(batch * shape.ropeDimensions / 2)
        sines = floats(batch * shape.ropeDimensions / 2)
        attentionScratchCount = maia_attention_rows_scratch(context, shape.headSize)
        attentionScratch = floats(threads * attentionScratchCount)
    }

    deinit {
        for pointer in [
            residual, normed, query, key, value, attention, projected, gate, up, logits, cosines, sines,
            attentionScratch,
        ] {
            pointer.deallocate()
        }
        converted.deallocate()
    }
}
