import MaiaCore

/// The `symbolic_archetype` tool's result: dominant element, Spiralogic facet, scores and evidence.
enum ArchetypeReport {
    static func json(text: String, history: [String]) -> JSONValue {
        let reading = ElementScorer().score(text, history: history)
        return [
            "element": .string(reading.dominant.name),
            "phase": .string(reading.phase.rawValue),
            "facet": reading.facet.map(JSONValue.string) ?? .null,
            "scores": .object(
                Dictionary(
                    uniqueKeysWithValues: reading.scores.map {
                        ($0.key.name, .number(($0.value * 1000).rounded() / 1000))
                    }
                )
            ),
            "coherence": .number((reading.coherence * 1000).rounded() / 1000),
            "evidence": .array(reading.evidence.map(JSONValue.string)),
            "reframe": reading.reframe.map { .string($0.label) } ?? .null,
        ]
    }
}
