public import MaiaCore

/// The generator of tests and benchmarks: SplitMix64, the one the statistics use.
public typealias SeededGenerator = SplitMix64

extension [Float] {
    /// A random vector of unit length.
    public static func randomUnit(_ dimensions: Int, _ generator: inout some RandomNumberGenerator) -> [Float] {
        let raw = (0..<dimensions).map { _ in Float.random(in: -1...1, using: &generator) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / norm }
    }
}
