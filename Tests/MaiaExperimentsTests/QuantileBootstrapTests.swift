import MaiaCore
import Testing

@testable import MaiaExperiments

/// The bootstrap's resample quantile, read from values sorted once and counted by how often each unit was drawn,
/// must be the very number that copying the drawn units' values and selecting in them gives.
@Suite("Quantile bootstrap resamples")
struct QuantileBootstrapTests {
    /// The straightforward resample: copy each drawn unit's values, then select the quantile.
    private func copied(_ arm: [[Double]], _ p: Double, _ generator: inout SplitMix64) -> Double {
        var buffer: [Double] = []
        for _ in 0..<arm.count { buffer += arm[generator.index(below: arm.count)] }
        return QuickSelect.quantile(&buffer, p)
    }

    @Test(
        "equal to copying and selecting, draw for draw, at every quantile, with ties and units of any size",
        arguments: [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0]
    )
    func sameAsCopying(p: Double) {
        var data = SplitMix64(seed: 7)
        for shape in 0..<20 {
            let arm = (0..<(1 + data.index(below: 60))).map { _ in
                // Rounded values repeat, so ties between and within units are common.
                (0..<(1 + data.index(below: shape % 3 == 0 ? 1 : 8))).map { _ in
                    Double(data.index(below: 40)) * 12.5
                }
            }
            var sorted = SortedUnits(arm)
            var fast = SplitMix64(seed: UInt64(shape))
            var reference = SplitMix64(seed: UInt64(shape))
            for _ in 0..<50 {
                let expected = copied(arm, p, &reference)
                #expect(sorted.resampledQuantile(p, &fast) == expected, "shape \(shape), p \(p)")
            }
        }
    }

    @Test("one unit with one value: every resample is that value")
    func single() {
        var sorted = SortedUnits([[42]])
        var generator = SplitMix64(seed: 1)
        #expect(sorted.resampledQuantile(0.95, &generator) == 42)
        #expect(sorted.resampledQuantile(0.5, &generator) == 42)
    }
}
