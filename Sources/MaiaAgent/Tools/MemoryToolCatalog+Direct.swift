public import MaiaCore

/// The tools offered to callers outside a turn (MCP clients): the five memory tools, plus two that write. Inside a
/// turn the agent stores the person's message itself and `flag_breakthrough` flags the message being answered, so
/// `remember` is not offered there and the turn's `flag_breakthrough` keeps its own schema.
extension MemoryToolCatalog {
    /// Stores a note as the person's own message, so that later recalls find it.
    public static let remember = ToolDefinition(
        name: "remember",
        description: "Store a note in the person's memory as their own message (e.g. something they told another "
            + "assistant). Later recalls and searches find it. Returns the stored message's id.",
        parameters: schema(
            [
                "text": ["type": "string", "description": "What to remember, in the person's words."],
                "metadata": [
                    "type": "object",
                    "description":
                        "Any JSON object kept with the note and returned unchanged, e.g. {\"source\": \"ide\"}.",
                ],
                "session_id": ["type": "string", "description": "The conversation the note belongs to, if any."],
                "breakthrough": ["type": "boolean", "default": false, "description": "Store it as a breakthrough."],
            ],
            required: ["text"]
        )
    )

    /// Marks a stored message as a breakthrough: the one named, or the person's latest message.
    public static let flagStoredBreakthrough = ToolDefinition(
        name: "flag_breakthrough",
        description: "Mark one of the person's stored messages as a breakthrough moment (a realisation, clarity, "
            + "readiness): the message with `message_id` (as `remember` returns it), or else their latest message.",
        parameters: schema(
            [
                "message_id": ["type": "string", "description": "The stored message to flag; default the latest."],
                "reason": ["type": "string", "description": "One sentence: what the person realised."],
            ],
            required: []
        )
    )

    /// Every tool offered outside a turn.
    public static let directTools: [ToolDefinition] = all + [remember, flagStoredBreakthrough]

    /// Whether the tool named `name` only reads memory (and so gives the same answer until memory changes).
    public static func isReadOnly(_ name: String) -> Bool {
        all.contains { $0.name == name }
    }

    /// Whether calling the tool named `name` twice with the same arguments has the effect of calling it once.
    public static func isIdempotent(_ name: String) -> Bool {
        name != remember.name
    }
}
