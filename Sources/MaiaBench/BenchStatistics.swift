import Foundation

/// Order statistics shared by the benchmarks' tables.
enum BenchStatistics {
    /// The value at quantile `p` (nearest rank on the sorted values), formatted; "—" without values.
    static func percentile(_ values: [Double], _ p: Double, _ format: String = "%.2f") -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "—" }
        return String(format: format, sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))])
    }
}
