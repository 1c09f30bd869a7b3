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
        return wideOffset(text)
    }

    /// RFC 3339 allows offsets up to ±23:59, Foundation only up to ±18:00: a time with a wider offset is read as UTC
    /// and shifted by the offset.
    private static func wideOffset(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        guard scalars.count > 6, scalars[scalars.count - 3] == UInt8(ascii: ":") else { return nil }
        let sign = scalars[scalars.count - 6]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let hours = Int(text.suffix(5).prefix(2)), let minutes = Int(text.suffix(2)), hours < 24, minutes < 60,
            let utc = parse(String(text.dropLast(6)) + "Z")
        else { return nil }
        let offset = TimeInterval(hours * 3600 + minutes * 60)
        return utc.addingTimeInterval(sign == UInt8(ascii: "+") ? -offset : offset)
    }

    /// `date` as `2024-05-01T09:30:00.000Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
