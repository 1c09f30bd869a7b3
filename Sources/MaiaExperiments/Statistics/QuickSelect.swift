/// The type-7 quantile of an unsorted buffer in linear expected time (Hoare's selection), reordering the buffer: a
/// bootstrap takes a quantile of every resample, and sorting each would make it the slowest part of a report.
enum QuickSelect {
    /// The `p`-quantile of `values` (not empty, no NaN), interpolated as ``Percentiles`` does.
    static func quantile(_ values: inout [Double], _ p: Double) -> Double {
        let rank = min(max(p, 0), 1) * Double(values.count - 1)
        let below = Int(rank.rounded(.down))
        let fraction = rank - Double(below)
        select(&values, below)
        let low = values[below]
        guard fraction > 0, below + 1 < values.count else { return low }
        // After selection everything right of `below` is ≥ it; the next order statistic is their minimum.
        let high = values[(below + 1)...].min() ?? low
        return low + (high - low) * fraction
    }

    /// Moves the `k`-th smallest value to index `k`, smaller ones before it, larger ones after.
    private static func select(_ values: inout [Double], _ k: Int) {
        var (low, high) = (0, values.count - 1)
        while low < high {
            let pivot = values[(low + high) / 2]
            var (i, j) = (low, high)
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
