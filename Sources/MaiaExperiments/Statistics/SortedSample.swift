/// Values kept in ascending order (NaNs dropped) as batches arrive, so that percentiles over a growing log cost a
/// merge of the new batch rather than a sort of everything.
struct SortedSample: Sendable, Hashable {
    private(set) var values: [Double] = []

    /// Adds a batch: its values are sorted and merged in (Swift's sort finds the sorted run already held).
    mutating func insert(contentsOf batch: [Double]) {
        let fresh = batch.filter { !$0.isNaN }
        guard !fresh.isEmpty else { return }
        values.append(contentsOf: fresh)
        values.sort()
    }
}
