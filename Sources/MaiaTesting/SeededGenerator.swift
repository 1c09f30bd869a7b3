/// A small deterministic random number generator (SplitMix64), so that tests and benchmarks see the same values
/// on every run.
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    /// Creates a generator; the same seed gives the same sequence.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension [Float] {
    /// A random vector of unit length.
    public static func randomUnit(_ dimensions: Int, _ generator: inout some RandomNumberGenerator) -> [Float] {
        let raw = (0..<dimensions).map { _ in Float.random(in: -1...1, using: &generator) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }
}
