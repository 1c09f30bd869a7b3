/// SplitMix64 (Steele, Lea and Flood 2014): a tiny seeded generator, so that a bootstrap gives the same interval
/// on every run and on every machine (a reference implementation elsewhere reproduces it draw for draw), and tests
/// and benchmarks see the same values on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// The same seed gives the same sequence.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in `0..<count` as `next() % count`: slightly biased for huge counts, and kept so because a
    /// reference script reproduces it exactly.
    public mutating func index(below count: Int) -> Int { Int(next() % UInt64(count)) }
}
