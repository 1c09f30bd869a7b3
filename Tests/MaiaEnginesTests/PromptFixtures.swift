import Foundation
import MaiaCore
import MaiaEngines

/// Requests shared by the prompt rendering tests.
enum PromptFixtures {
    /// 26 Jul 2024 10:00 UTC.
    static let today = Date(timeIntervalSince1970: 1_721_988_000)

    static let lookup = ToolDefinition(
        name: "lookup_supabase",
        description: "Recent messages of the user.",
        parameters: [
            "type": "object",
            "properties": ["user_id": ["type": "string"], "limit": ["type": "integer"]],
            "required": ["user_id"],
        ]
    )

    static let call = ToolCall(id: "call_0", name: "lookup_supabase", arguments: ["user_id": "u1", "limit": 5])

    static let toolTurn = EngineRequest(
        system: "You are MAIA.",
        messages: [
            .user("What did I say yesterday?"),
            .assistant("", toolCalls: [call]),
            .toolResult(ToolResult(callID: "call_0", name: "lookup_supabase", content: #"[{"content":"hi"}]"#)),
        ],
        tools: [lookup]
    )
}
