import Foundation
import Logging
public import MCP
import MaiaAgent
public import MaiaApp
public import MaiaCore
import MaiaEngines
import MaiaMemory

/// MAIA's memory as an MCP server for one user: the memory tools of ``MemoryToolCatalog/directTools`` run by the
/// agent's own ``MemoryToolExecutor``, the recent conversation and the breakthroughs as resources, and MAIA's
/// memory-orchestration instructions as a prompt. The user is fixed when the server is made (from `--user` or an
/// API key for stdio, from the authenticated caller over HTTP); a `user_id` argument naming anyone else is refused.
public enum MemoryMCPServer {
    /// The name of the prompt with MAIA's memory-orchestration instructions.
    public static let promptName = "memory_orchestration"
    /// The resource with the user's recent conversation, newest first.
    public static let recentURI = "maia://memory/recent"
    /// The resource with the user's breakthrough moments, newest first.
    public static let breakthroughsURI = "maia://memory/breakthroughs"

    /// A server for `user` over `app`'s memory; start it on a transport.
    public static func make(app: MaiaApplication, user: UserID, version: String) async -> Server {
        let server = Server(
            name: "maia",
            version: version,
            title: "MAIA memory",
            instructions: "MAIA's long-term memory of one person (\(user.rawValue)): recall recent conversation, "
                + "search by meaning, breakthroughs and elemental archetypes; remember notes. The prompt "
                + "\(promptName) explains when to use each tool.",
            capabilities: .init(prompts: .init(), resources: .init(), tools: .init())
        )
        let executor = MemoryToolExecutor(
            user: user,
            store: app.store,
            search: app.search,
            currentMessage: "",
            // No context window to protect here; the bound only keeps one answer from growing without limit.
            resultLimit: 1_000_000,
            access: .direct,
            onCrossUserAttempt: { [logger = app.logger] tool in
                logger.warning("mcp tool call named another user; refused", metadata: ["tool": "\(tool)"])
            },
            onWrite: { [indexer = app.indexer] in indexer.wake() }
        )
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: executor.tools.map(tool))
        }
        await server.withMethodHandler(CallTool.self) { params in
            let arguments = JSONValue.object((params.arguments ?? [:]).mapValues(MCPValue.to))
            let outcome = await executor.evaluate(ToolCall(id: "mcp", name: params.name, arguments: arguments))
            // The text block repeats the structured result for clients that read only text, as the specification
            // recommends.
            let structured: Value? = outcome.isError ? nil : MCPValue.from(outcome.value)
            return CallTool.Result(
                content: [.text(text: outcome.value.jsonText, annotations: nil, _meta: nil)],
                structuredContent: structured,
                isError: outcome.isError
            )
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: resources)
        }
        await server.withMethodHandler(ReadResource.self) { params in
            let records: [MemoryRecord]
            do {
                switch params.uri {
                case recentURI: records = try await app.store.recent(for: user, limit: 50)
                case breakthroughsURI: records = try await app.store.breakthroughs(for: user, limit: 50)
                default:
                    throw MCPError.invalidParams(
                        "no resource \(params.uri.prefix(100)); available: \(recentURI), \(breakthroughsURI)"
                    )
                }
            } catch let error as MemoryError {
                app.logger.error("mcp resource read failed", metadata: ["error": "\(error.message)"])
                throw MCPError.internalError("memory is unavailable right now; try again")
            }
            let text = JSONValue.array(records.map(RecordJSON.full)).jsonText
            return ReadResource.Result(contents: [.text(text, uri: params.uri, mimeType: "application/json")])
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            ListPrompts.Result(prompts: [
                Prompt(
                    name: promptName,
                    title: "MAIA's memory orchestration",
                    description: "How MAIA uses these memory tools: when to recall, search, or flag a breakthrough."
                )
            ])
        }
        await server.withMethodHandler(GetPrompt.self) { params in
            guard params.name == promptName else {
                throw MCPError.invalidParams("no prompt \(params.name.prefix(100)); available: \(promptName)")
            }
            return GetPrompt.Result(
                description: "MAIA's memory-orchestration instructions",
                messages: [.user(.text(text: orchestration(user: user)))]
            )
        }
        return server
    }

    /// The agent's own memory instructions, with the tools only MCP offers.
    static func orchestration(user: UserID) -> String {
        OraclePrompt.memoryGuide(userID: user.rawValue)
            + "\n- remember: store something the person said elsewhere as their own message, so that MAIA recalls "
            + "it later.\nHere flag_breakthrough flags the person's latest stored message, or the one whose "
            + "message_id remember returned."
    }

    static let resources = [
        Resource(
            name: "recent",
            uri: recentURI,
            title: "Recent conversation",
            description: "The person's 50 most recent messages, newest first.",
            mimeType: "application/json"
        ),
        Resource(
            name: "breakthroughs",
            uri: breakthroughsURI,
            title: "Breakthroughs",
            description: "The person's 50 most recent breakthrough moments, newest first.",
            mimeType: "application/json"
        ),
    ]

    /// A catalogue entry as an MCP tool: its schema, result schema and hints.
    static func tool(_ definition: ToolDefinition) -> Tool {
        let readOnly = MemoryToolCatalog.isReadOnly(definition.name)
        return Tool(
            name: definition.name,
            description: definition.description,
            inputSchema: MCPValue.from(definition.parameters),
            annotations: .init(
                readOnlyHint: readOnly,
                destructiveHint: readOnly ? nil : false,
                idempotentHint: MemoryToolCatalog.isIdempotent(definition.name),
                openWorldHint: false
            ),
            outputSchema: MemoryToolCatalog.outputSchema(definition.name).map(MCPValue.from)
        )
    }
}
