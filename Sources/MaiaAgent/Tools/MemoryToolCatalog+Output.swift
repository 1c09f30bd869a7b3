public import MaiaCore

/// The JSON Schema of each tool's result, as ``MemoryToolExecutor`` builds it. A result cut to fit a budget also has
/// `"truncated": true`, which every schema admits.
extension MemoryToolCatalog {
    /// The result schema of the tool named `name`, or `nil` for a tool this catalogue does not have.
    public static func outputSchema(_ name: String) -> JSONValue? {
        switch name {
        case lookupSupabase.name: result(["messages": list(message)])
        case queryMem0.name: result(["matches": list(match)])
        case recallBreakthroughs.name: result(["breakthroughs": list(breakthrough)])
        case getEnrichedContext.name:
            result(
                ["recent": list(message), "semantic": list(match), "breakthroughs": list(breakthrough)],
                required: ["recent"]
            )
        case symbolicArchetype.name:
            result(
                [
                    "element": string, "phase": string, "facet": nullable("string"), "coherence": number,
                    "scores": ["type": "object", "additionalProperties": number], "evidence": list(string),
                    "reframe": nullable("string"),
                ]
            )
        case remember.name: result(["id": string, "timestamp": string, "breakthrough": boolean])
        case flagBreakthrough.name:
            result(["flagged": boolean, "id": string, "reason": string], required: ["flagged"])
        default: nil
        }
    }

    private static let string: JSONValue = ["type": "string"]
    private static let number: JSONValue = ["type": "number"]
    private static let boolean: JSONValue = ["type": "boolean"]

    private static func nullable(_ type: String) -> JSONValue {
        ["type": .array([.string(type), "null"])]
    }

    private static func list(_ item: JSONValue) -> JSONValue {
        ["type": "array", "items": item]
    }

    private static func result(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        var all = properties
        all["truncated"] = boolean
        return [
            "type": "object", "properties": .object(all),
            "required": .array((required ?? properties.keys.sorted()).map { .string($0) }),
        ]
    }

    private static let message: JSONValue = result([
        "role": string, "content": string, "timestamp": string, "coherence": nullable("number"),
        "breakthrough": boolean,
    ])
    private static let match: JSONValue = result([
        "content": string, "relevance": number, "timestamp": string, "tags": ["type": "array"],
    ])
    private static let breakthrough: JSONValue = result([
        "content": string, "timestamp": string, "coherence": nullable("number"),
        "elements": ["type": "object", "additionalProperties": number],
    ])
}
