import Foundation
import MaiaCore

/// What a shadow log holds: the comparisons that could be read, and the lines that could not (with why).
public struct ShadowLogContents: Sendable {
    /// A line that is not a comparison.
    public struct SkippedLine: Sendable, Hashable {
        /// 1-based line number (entry number for the seed's array format).
        public var line: Int
        public var reason: String
    }

    public var records: [ShadowRecord]
    public var skipped: [SkippedLine]
}

/// Reads shadow logs: MAIA's JSON Lines, and the seed's single JSON array of
/// `{timestamp, userId, userMessage, claudeResponse, llamaResponse, llamaTools, …}` objects.
public enum ShadowLogReader {
    /// Reads the log at `path`.
    public static func read(path: String) throws(ShadowLogError) -> ShadowLogContents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShadowLogError("cannot read the shadow log \(path): no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShadowLogError("the shadow log \(path) is not UTF-8 text")
        }
        return try parse(text)
    }

    /// Parses a log's text.
    public static func parse(_ text: String) throws(ShadowLogError) -> ShadowLogContents {
        if text.drop(while: \.isWhitespace).first == "[" { return try parseSeedArray(text) }
        var contents = ShadowLogContents(records: [], skipped: [])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                contents.records.append(try record(from: Data(line.utf8)))
            } catch {
                let torn = index == lines.count - 1 && JSONValue(parsing: String(line)) == nil
                let reason = torn ? "incomplete last line (written when the process stopped)" : "\(error)"
                contents.skipped.append(.init(line: index + 1, reason: reason))
            }
        }
        return contents
    }

    private static func parseSeedArray(_ text: String) throws(ShadowLogError) -> ShadowLogContents {
        guard case .array(let entries)? = JSONValue(parsing: text) else {
            throw ShadowLogError("the shadow log starts with \"[\" but is not a JSON array (the seed's format)")
        }
        var contents = ShadowLogContents(records: [], skipped: [])
        for (index, entry) in entries.enumerated() {
            do {
                contents.records.append(try record(from: Data(entry.jsonText.utf8)))
            } catch {
                contents.skipped.append(.init(line: index + 1, reason: "\(error)"))
            }
        }
        return contents
    }

    /// Decodes MAIA's record directly (one pass for the common case); only a line that is not one is parsed
    /// again to tell a seed entry from a broken record.
    static func record(from json: Data) throws -> ShadowRecord {
        let failure: DecodingError
        do {
            return try ShadowLogCoding.decoder.decode(ShadowRecord.self, from: json)
        } catch let error as DecodingError {
            failure = error
        }
        guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: json) else {
            throw ShadowLogError("not a JSON object")
        }
        if object["primary"] != nil { throw ShadowLogError(reason(failure)) }
        return try SeedShadowEntry.record(object)
    }

    /// A decoding error as one short sentence naming the field.
    private static func reason(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            ((keys + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue })
                .joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context.codingPath, key))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "field \(path(context.codingPath)) has the wrong type"
        case .dataCorrupted(let context): return "field \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
