public import Foundation

/// ISO 8601 parsing and formatting as MAIA uses it: UTC output with milliseconds; input with or without
/// fractional seconds, with a zone, or a plain date (midnight UTC).
public enum ISO8601 {
    /// Parses `text`, or returns `nil` when it is not an accepted form.
    public static func parse(_ text: String) -> Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        if let date = try? withFraction.parse(text) { return date }
        if let date = try? plain.parse(text) { return date }
        if text.count == 10, let date = try? plain.parse(text + "T00:00:00Z") { return date }
        return nil
    }

    /// `date` as `2024-05-01T09:30:00.000Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
