public import MaiaCore

/// The seed's memory tools, by name and parameters (ARCHITECTURE.md §7). `user_id` stays in every schema for
/// compatibility with the seed's prompts; the executor always runs as the turn's authenticated user.
public enum MemoryToolCatalog {
    /// All memory tools offered to the model.
    public static let all: [ToolDefinition] = [
        lookupSupabase, queryMem0, recallBreakthroughs, getEnrichedContext, symbolicArchetype,
    ]

    private static let userID: JSONValue = [
        "type": "string", "description": "The current user's id. Only the current user's memories are reachable.",
    ]

    static func schema(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
        var all = properties
        all["user_id"] = userID
        return [
            "type": "object", "properties": .object(all),
            "required": .array((["user_id"] + required).map { .string($0) }),
        ]
    }

    static let lookupSupabase = ToolDefinition(
        name: "lookup_supabase",
        description: "Recent conversation history, newest first. Use to keep continuity with what was just said.",
        parameters: schema(
            ["limit": ["type": "integer", "minimum": 1, "maximum": 100, "default": 20]],
            required: []
        )
    )

    static let queryMem0 = ToolDefinition(
        name: "query_mem0",
        description: "Semantic search across all past conversations. Use for patterns, themes or topics "
            + "regardless of when they came up.",
        parameters: schema(
            [
                "query": ["type": "string", "description": "What to look for, in the user's words."],
                "limit": ["type": "integer", "minimum": 1, "maximum": 50, "default": 5],
            ],
            required: ["query"]
        )
    )

    static let recallBreakthroughs = ToolDefinition(
        name: "recall_breakthroughs",
        description: "Breakthrough moments the user had. Use to reference specific insights or transformations.",
        parameters: schema(
            ["limit": ["type": "integer", "minimum": 1, "maximum": 50, "default": 5]],
            required: []
        )
    )

    static let getEnrichedContext = ToolDefinition(
        name: "get_enriched_context",
        description: "Recent history plus semantic matches (and breakthroughs). Use for complex questions that "
            + "need the whole picture.",
        parameters: schema(
            [
                "semantic_query": ["type": "string"],
                "recent_limit": ["type": "integer", "minimum": 1, "maximum": 100, "default": 10],
                "include_breakthroughs": ["type": "boolean", "default": true],
            ],
            required: []
        )
    )

    static let symbolicArchetype = ToolDefinition(
        name: "symbolic_archetype",
        description: "Which element (Fire, Water, Earth, Air, Aether) and Spiralogic facet the text and recent "
            + "history express, with scores and evidence.",
        parameters: schema(
            ["text": ["type": "string", "description": "Text to read; defaults to the current message."]],
            required: []
        )
    )
}

extension MemoryToolCatalog {
    /// Lets the model mark the current message as a breakthrough. It writes nothing by itself: the flag is stored
    /// with the turn, in the same transaction as the messages (and only logged in shadow runs).
    public static let flagBreakthrough = ToolDefinition(
        name: "flag_breakthrough",
        description: "Mark the person's current message as a breakthrough moment (a realisation, clarity, readiness).",
        parameters: [
            "type": "object",
            "properties": [
                "user_id": ["type": "string", "description": "The current user's id."],
                "reason": ["type": "string", "description": "One sentence: what the person realised."],
            ],
            "required": ["user_id"],
        ]
    )

    /// Every tool offered in a turn: the five memory tools and `flag_breakthrough`.
    public static let turnTools: [ToolDefinition] = all + [flagBreakthrough]
}
