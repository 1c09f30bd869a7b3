import MaiaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks the next token from logits: greedy at temperature 0, otherwise temperature-scaled softmax restricted to
/// the smallest set of tokens whose probability reaches `topP`, drawn with a seeded generator (reproducible).
public struct Sampler: Sendable {
    /// 0 for greedy decoding.
    public let temperature: Float
    /// Nucleus mass in (0, 1].
    public let topP: Float
    private var random: SplitMix64

    /// Creates a sampler; temperature must be in 0...10 and top-p in (0, 1].
    public init(temperature: Float = 0, topP: Float = 1, seed: UInt64 = 0) throws(InferenceError) {
        guard temperature >= 0, temperature <= 10, temperature.isFinite else {
            throw InferenceError(.invalidInput, "temperature \(temperature) is not between 0 and 10")
        }
        guard topP > 0, topP <= 1 else {
            throw InferenceError(.invalidInput, "top-p \(topP) is not in (0, 1]")
        }
        self.temperature = temperature
        self.topP = topP
        self.random = SplitMix64(seed: seed)
    }

    /// The index of the largest logit (the first on ties, like llama.cpp's greedy sampler).
    public static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }

    /// The next token.
    public mutating func sample(_ logits: [Float]) -> Int {
        guard temperature > 0 else { return Self.argmax(logits) }
        let maximum = logits.max() ?? 0
        var candidates = logits.indices.map { (token: $0, weight: expf((logits[$0] - maximum) / temperature)) }
        candidates.sort { $0.weight > $1.weight }
        let total = candidates.reduce(0) { $0 + $1.weight }
        var kept = 0
        var mass: Float = 0
        while kept < candidates.count {
            mass += candidates[kept].weight
            kept += 1
            if mass >= topP * total { break }
        }
        let draw = Float(Double(random.next() >> 11) / Double(1 << 53)) * mass
        var cumulative: Float = 0
        for candidate in candidates.prefix(kept) {
            cumulative += candidate.weight
            if draw < cumulative { return candidate.token }
        }
        return candidates[kept - 1].token
    }
}
