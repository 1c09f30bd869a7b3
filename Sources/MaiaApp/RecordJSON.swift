public import MaiaCore
public import MaiaMemory

/// The documented JSON shapes of memory records (README, "JSON output").
public enum RecordJSON {
    /// Everything stored about a message: the export and `--json` listing shape.
    public static func full(_ record: MemoryRecord) -> JSONValue {
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
    public static func searchHit(_ hit: ScoredRecord) -> JSONValue {
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
