import Foundation
import MaiaCore
import MaiaMemory

/// The documented JSON shapes of memory records (README, "JSON output").
enum RecordJSON {
    /// Everything stored about a message: the export and `--json` listing shape.
    static func full(_ record: MemoryRecord) -> JSONValue {
        [
            "id": .string(record.id),
            "user_id": .string(record.userID.rawValue),
            "session_id": record.sessionID.map { .string($0.rawValue) } ?? .null,
            "role": .string(record.role.rawValue),
            "content": .string(record.content),
            "created_at": .string(ISO8601.format(record.createdAt)),
            "language": record.language.map(JSONValue.string) ?? .null,
            "element_scores": .object(record.elementScores.mapValues(JSONValue.number)),
            "coherence": record.coherence.map(JSONValue.number) ?? .null,
            "breakthrough": .bool(record.isBreakthrough),
            "engine": record.engine.map(JSONValue.string) ?? .null,
            "model": record.model.map(JSONValue.string) ?? .null,
            "metadata": record.metadata,
        ]
    }

    /// `maia memory search --json`: `{id, role, content, score, created_at, session_id, metadata}`.
    static func searchHit(_ hit: ScoredRecord) -> JSONValue {
        [
            "id": .string(hit.record.id),
            "role": .string(hit.record.role.rawValue),
            "content": .string(hit.record.content),
            "score": .number(hit.score),
            "created_at": .string(ISO8601.format(hit.record.createdAt)),
            "session_id": hit.record.sessionID.map { .string($0.rawValue) } ?? .null,
            "metadata": hit.record.metadata,
        ]
    }
}

/// One-line text rendering of records for people.
enum RecordText {
    static func line(_ record: MemoryRecord, score: Double? = nil) -> String {
        let time = ISO8601.format(record.createdAt).prefix(16).replacingOccurrences(of: "T", with: " ")
        let mark = record.isBreakthrough ? " *" : ""
        let session = record.sessionID.map { " [\($0.rawValue)]" } ?? ""
        let prefix = score.map { String(format: "%.4f  ", $0) } ?? ""
        return "\(prefix)\(time)  \(record.role.rawValue)\(session)\(mark)  \(record.content)"
    }

    static func print(_ records: [MemoryRecord], json: Bool) {
        if json {
            Swift.print(JSONValue.array(records.map(RecordJSON.full)).jsonText)
        } else {
            for record in records { Swift.print(line(record)) }
        }
    }
}
