import Foundation
import MaiaCore
import MaiaExperiments
import Testing

/// The statistics against SciPy 1.17 and statsmodels 0.15 (`scripts/reference/experiment_statistics.py` wrote
/// `Tests/Fixtures/experiment-statistics.json`), and against values published with each method.
@Suite("Experiment statistics against reference values")
struct StatisticsReferenceTests {
    struct Reference: Decodable {
        struct SRM: Decodable {
            let observed: [Int]
            let shares: [Double]
            let statistic: Double
            let p_value: Double
        }
        struct Newcombe: Decodable {
            let candidate: [Int]
            let control: [Int]
            let lower: Double
            let upper: Double
        }
        struct Welch: Decodable {
            let candidate: [Double]
            let control: [Double]
            let estimate: Double
            let lower: Double
            let upper: Double
        }
        struct Ratio: Decodable {
            let candidate: [[Double]]
            let control: [[Double]]
            let candidate_ratio: Double
            let candidate_variance: Double
            let control_ratio: Double
            let control_variance: Double
            let lower: Double
            let upper: Double
        }
        struct Bootstrap: Decodable {
            let candidate: [[Double]]
            let control: [[Double]]
            let quantile: Double
            let replicates: Int
            let seed: UInt64
            let estimate: Double
            let lower: Double
            let upper: Double
            let standard_error: Double
        }
        let normal_quantile: [[Double]]
        let normal_cdf: [[Double]]
        let chi_square_survival: [[Double]]
        let t_quantile: [[Double]]
        let t_cdf: [[Double]]
        let srm: [SRM]
        let newcombe: [Newcombe]
        let welch: [Welch]
        let delta_ratio: Ratio
        let bootstrap: Bootstrap
        let splitmix64_seed_12: [String]
    }

    let reference: Reference

    init() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/experiment-statistics.json")
        reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    private func close(_ value: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
        abs(value - expected) <= max(absolute, relative * abs(expected))
    }

    @Test("normal, chi-square and t distribution functions match SciPy")
    func distributions() {
        for row in reference.normal_quantile {
            #expect(close(Distributions.normalQuantile(row[0]), row[1]), "Φ⁻¹(\(row[0]))")
        }
        for row in reference.normal_cdf {
            #expect(close(Distributions.normalCDF(row[0]), row[1], absolute: 1e-15), "Φ(\(row[0]))")
        }
        for row in reference.chi_square_survival {
            let value = Distributions.chiSquareSurvival(row[0], degreesOfFreedom: Int(row[1]))
            #expect(close(value, row[2], relative: 1e-8), "χ² sf(\(row[0]), \(row[1]))")
        }
        for row in reference.t_quantile {
            #expect(close(Distributions.studentTQuantile(row[0], degreesOfFreedom: row[1]), row[2], relative: 1e-8))
        }
        for row in reference.t_cdf {
            #expect(close(Distributions.studentTCDF(row[0], degreesOfFreedom: row[1]), row[2], relative: 1e-8))
        }
    }

    @Test("the sample-ratio test matches scipy.stats.chisquare and alarms below p = 0.001")
    func sampleRatio() throws {
        for row in reference.srm {
            let test = try #require(SampleRatioTest(observed: row.observed, shares: row.shares))
            #expect(close(test.statistic, row.statistic, relative: 1e-9))
            #expect(close(test.pValue, row.p_value, relative: 1e-7))
            #expect(test.isMismatch == (row.p_value < 0.001))
        }
        // 50,500 / 49,500 of 100,000 units against 50/50: χ² = 10, p ≈ 0.0016 — close, but no alarm.
        let near = try #require(SampleRatioTest(observed: [50_500, 49_500], shares: [50, 50]))
        #expect(near.statistic == 10 && !near.isMismatch)
    }

    @Test("a unit in an arm with no share, or nothing to test")
    func sampleRatioEdges() throws {
        let impossible = try #require(SampleRatioTest(observed: [3, 97, 1], shares: [50, 50, 0]))
        #expect(impossible.pValue == 0 && impossible.isMismatch)
        #expect(SampleRatioTest(observed: [0, 0], shares: [50, 50]) == nil)
        #expect(SampleRatioTest(observed: [10, 0], shares: [100, 0]) == nil)
        #expect(SampleRatioTest(observed: [10, 5], shares: [1]) == nil)
    }

    @Test("Newcombe's hybrid score interval matches statsmodels and Newcombe's published example")
    func newcombe() throws {
        for row in reference.newcombe {
            let interval = try #require(
                NewcombeInterval.difference(
                    candidate: Proportion(row.candidate[0], of: row.candidate[1]),
                    control: Proportion(row.control[0], of: row.control[1])
                )
            )
            #expect(close(interval.lower, row.lower, relative: 1e-9, absolute: 1e-12))
            #expect(close(interval.upper, row.upper, relative: 1e-9, absolute: 1e-12))
        }
        // Newcombe (1998), table II, example (a): 56/70 − 48/80, method 10 gives 0.0524 to 0.3339.
        let published = try #require(
            NewcombeInterval.difference(candidate: Proportion(56, of: 70), control: Proportion(48, of: 80))
        )
        #expect(abs(published.lower - 0.0524) < 5e-5 && abs(published.upper - 0.3339) < 5e-5)
        #expect(NewcombeInterval.difference(candidate: Proportion(0, of: 0), control: Proportion(1, of: 2)) == nil)
    }

    @Test("Welch's interval matches scipy.stats.ttest_ind(equal_var=False)")
    func welch() throws {
        for row in reference.welch {
            let interval = try #require(WelchInterval.difference(candidate: row.candidate, control: row.control))
            #expect(close(interval.estimate, row.estimate, relative: 1e-12))
            #expect(close(interval.lower, row.lower, relative: 1e-8))
            #expect(close(interval.upper, row.upper, relative: 1e-8))
        }
        #expect(WelchInterval.difference(candidate: [1], control: [1, 2]) == nil)
    }

    @Test("the delta-method ratio matches the formula computed with NumPy")
    func deltaRatio() throws {
        let data = reference.delta_ratio
        let candidate = try #require(RatioEstimate(data.candidate.map { ($0[0], $0[1]) }))
        let control = try #require(RatioEstimate(data.control.map { ($0[0], $0[1]) }))
        #expect(close(candidate.ratio, data.candidate_ratio) && close(candidate.variance, data.candidate_variance))
        #expect(close(control.ratio, data.control_ratio) && close(control.variance, data.control_variance))
        let interval = RatioEstimate.difference(candidate: candidate, control: control)
        #expect(close(interval.lower, data.lower, relative: 1e-9) && close(interval.upper, data.upper, relative: 1e-9))
        #expect(RatioEstimate([(1, 1), (2, 0)]) == nil)
    }

    @Test("the cluster bootstrap reproduces the reference script draw for draw, and is deterministic")
    func bootstrap() throws {
        var generator = SplitMix64(seed: 12)
        #expect(reference.splitmix64_seed_12.map { UInt64($0) } == (0..<4).map { _ in generator.next() })
        let data = reference.bootstrap
        let bootstrap = QuantileBootstrap(quantile: data.quantile, replicates: data.replicates, seed: data.seed)
        let interval = try #require(bootstrap.difference(candidate: data.candidate, control: data.control))
        #expect(close(interval.estimate, data.estimate, relative: 1e-12))
        #expect(close(interval.lower, data.lower, relative: 1e-9))
        #expect(close(interval.upper, data.upper, relative: 1e-9))
        #expect(close(interval.standardError, data.standard_error, relative: 1e-9))
        #expect(bootstrap.difference(candidate: data.candidate, control: data.control) == interval)
        #expect(bootstrap.difference(candidate: [[]], control: data.control) == nil)
    }
}
