public import Foundation
import MaiaCore

/// Which comparisons the dashboard's shadow panel aggregates: a time range, a language, a source. Parsed from the
/// query of `GET /dashboard`; a value that is not accepted is an error naming the field and what it accepts.
public struct ShadowFilter: Sendable, Hashable {
    /// Comparisons at or after this moment.
    public var from: Date?
    /// Comparisons before this moment.
    public var to: Date?
    public var language: String?
    public var source: ShadowRecord.Source?

    /// No filter: every comparison.
    public init(from: Date? = nil, to: Date? = nil, language: String? = nil, source: ShadowRecord.Source? = nil) {
        self.from = from
        self.to = to
        self.language = language
        self.source = source
    }

    /// The filter named by `query` (`from`, `to` as `YYYY-MM-DD` or ISO 8601, `language`, `source`); empty values
    /// mean "any". A range that ends before it starts is accepted and holds nothing.
    public init(query: [String: String]) throws(DashboardInputError) {
        func value(_ name: String) -> String? {
            query[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        from = try value("from").map { text throws(DashboardInputError) in try Self.date(text, field: "from") }
        to = try value("to").map { text throws(DashboardInputError) in
            // A day given as the end includes that whole day.
            let date = try Self.date(text, field: "to")
            return text.count == 10 ? date.addingTimeInterval(86_400) : date
        }
        if let language = value("language") {
            guard language.count <= 16, language.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
                throw DashboardInputError("language must be a language code such as en or pt-BR")
            }
            self.language = language
        }
        if let source = value("source") {
            guard let parsed = ShadowRecord.Source(rawValue: source) else {
                throw DashboardInputError("source must be live, batch or interactive")
            }
            self.source = parsed
        }
    }

    /// Whether nothing is filtered.
    public var isEmpty: Bool { self == ShadowFilter() }

    /// Whether `record` passes.
    public func includes(_ record: ShadowRecord) -> Bool {
        if let from, record.timestamp < from { return false }
        if let to, record.timestamp >= to { return false }
        if let language, record.language != language { return false }
        if let source, record.source != source { return false }
        return true
    }

    private static func date(_ text: String, field: String) throws(DashboardInputError) -> Date {
        if text.count == 10, let day = ISO8601.parse(text + "T00:00:00Z") { return day }
        if let date = ISO8601.parse(text) { return date }
        throw DashboardInputError("\(field) must be a day (YYYY-MM-DD) or an ISO 8601 time")
    }
}

/// A dashboard request that was not accepted; the message names the field and what it accepts.
public struct DashboardInputError: Error, Sendable, CustomStringConvertible {
    public let description: String

    /// Creates the error.
    public init(_ description: String) {
        self.description = description
    }
}
