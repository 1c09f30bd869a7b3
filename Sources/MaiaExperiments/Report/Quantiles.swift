/// The percentiles a report shows of one measure (latency, time to first token), and over how many values.
public struct Quantiles: Sendable, Hashable {
    /// How many values the percentiles are over; 0 means the measure was never recorded.
    public let count: Int
    public let p50: Double?
    public let p95: Double?
    public let p99: Double?

    /// The percentiles of `values` (type 7, see ``Percentiles``).
    init(_ values: SortedSample) {
        let sample = Percentiles(sorted: values)
        count = sample.count
        p50 = sample.p50
        p95 = sample.p95
        p99 = sample.p99
    }
}
