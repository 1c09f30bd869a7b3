/// A share of a whole with its 95% Wilson interval: how many of how many, so that every rate in a report can be
/// read back as counts and a rate over a handful of turns shows how little it says.
public struct Proportion: Sendable, Hashable {
    /// How many counted.
    public let count: Int
    /// Out of how many.
    public let total: Int

    /// The share `count / total`, or `nil` when `total` is 0 (a rate of nothing is unknown, not 0).
    public var rate: Double? { total > 0 ? Double(count) / Double(total) : nil }

    /// The 95% Wilson score interval of ``rate``, or `nil` when `total` is 0.
    public var interval: WilsonInterval? { WilsonInterval(successes: count, trials: total) }

    /// Creates the proportion `count` of `total`.
    public init(_ count: Int, of total: Int) {
        self.count = count
        self.total = total
    }

    /// The share of `items` for which `isCounted` holds.
    public init<Items: Collection>(_ items: Items, where isCounted: (Items.Element) -> Bool) {
        self.init(items.count(where: isCounted), of: items.count)
    }
}
