import Foundation

/// The running counts of a shadow log from which a ``ShadowReport`` is drawn. Comparisons are added in batches, in
/// log order; the dashboard keeps one while the log grows and adds only the appended comparisons, and a report of a
/// whole log is the same aggregate filled at once, so both give the same numbers by construction.
public struct ShadowAggregate: Sendable {
    struct Group: Sendable {
        var turns = 0
        var primary = EngineTally(.primary)
        var candidate = EngineTally(.candidate)
        var judge = JudgeTally()

        mutating func add(_ record: ShadowRecord) {
            turns += 1
            primary.add(record)
            candidate.add(record)
            judge.add(record)
        }

        mutating func settle() {
            primary.settle()
            candidate.settle()
        }
    }

    /// Comparisons added.
    public private(set) var comparisons = 0
    private(set) var earliest: Date?
    private(set) var latest: Date?
    private(set) var all = Group()
    private(set) var byLanguage: [String: Group] = [:]
    private(set) var bySource: [String: Group] = [:]

    /// An empty aggregate.
    public init() {}

    /// An aggregate of `records`.
    public init(_ records: some Sequence<ShadowRecord>) {
        add(contentsOf: records)
    }

    /// Adds `records`, which follow those already added in the log.
    public mutating func add(contentsOf records: some Sequence<ShadowRecord>) {
        for record in records {
            comparisons += 1
            earliest = min(earliest ?? record.timestamp, record.timestamp)
            latest = max(latest ?? record.timestamp, record.timestamp)
            all.add(record)
            byLanguage[record.language, default: Group()].add(record)
            bySource[record.source.rawValue, default: Group()].add(record)
        }
        all.settle()
        for key in byLanguage.keys { byLanguage[key]?.settle() }
        for key in bySource.keys { bySource[key]?.settle() }
    }

    /// The languages seen, in alphabetical order.
    public var languages: [String] { byLanguage.keys.sorted() }
}
