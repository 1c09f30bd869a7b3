import MaiaCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks the next token from logits: greedy at temperature 0, otherwise temperature-scaled softmax restricted to
/// the smallest set of tokens whose probability reaches `topP`, drawn with a seeded generator (reproducible).
///
/// Before either, tokens among the last `repeatWindow` sampled ones are penalised as llama.cpp's penalties sampler
/// does (a positive logit divided by `repeatPenalty`, a negative one multiplied): llama-cpp-python's server applies
/// 1.1 over 64 tokens unless told otherwise, and without it greedy decoding of a small model loops on one sentence.
public struct Sampler: Sendable {
    /// 0 for greedy decoding.
    public let temperature: Float
    /// Nucleus mass in (0, 1].
    public let topP: Float
    /// 1 for none.
    public let repeatPenalty: Float
    /// How many of the latest sampled tokens are penalised.
    public let repeatWindow: Int
    private var random: SplitMix64
    private var recent: [Int] = []

    /// Creates a sampler; temperature must be in 0...10, top-p in (0, 1], the repeat penalty in 0.1...10 and its
    /// window in 0...8192.
    public init(
        temperature: Float = 0,
        topP: Float = 1,
        seed: UInt64 = 0,
        repeatPenalty: Float = 1,
        repeatWindow: Int = 64
    ) throws(InferenceError) {
        guard temperature >= 0, temperature <= 10, temperature.isFinite else {
            throw InferenceError(.invalidInput, "temperature \(temperature) is not between 0 and 10")
        }
        guard topP > 0, topP <= 1 else {
            throw InferenceError(.invalidInput, "top-p \(topP) is not in (0, 1]")
        }
        guard repeatPenalty >= 0.1, repeatPenalty <= 10, repeatWindow >= 0, repeatWindow <= 8192 else {
            throw InferenceError(
                .invalidInput,
                "repeat penalty \(repeatPenalty) over \(repeatWindow) tokens: the penalty must be in 0.1...10 "
                    + "(1 for none) and the window in 0...8192"
            )
        }
        self.temperature = temperature
        self.topP = topP
        self.repeatPenalty = repeatPenalty
        self.repeatWindow = repeatWindow
        self.random = SplitMix64(seed: seed)
    }

    /// The next token, remembered for the repeat penalty.
    public mutating func next(_ logits: [Float]) -> Int {
        var logits = logits
        if repeatPenalty != 1 {
            for token in Set(recent) where logits.indices.contains(token) {
                logits[token] = logits[token] <= 0 ? logits[token] * repeatPenalty : logits[token] / repeatPenalty
            }
        }
        let token = sample(logits)
        if repeatWindow > 0 {
            recent.append(token)
            if recent.count > repeatWindow { recent.removeFirst() }
        }
        return token
    }

    /// The index of the largest logit (the first on ties, like llama.cpp's greedy sampler).
    public static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }

    /// The next token from these logits as they are (no repeat penalty, nothing remembered).
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
