public import Foundation
public import MaiaCore
public import MaiaHTTP

/// The Mem0 Platform API as MAIA uses it: mirror messages (`POST /v1/memories/`) and search them
/// (`POST /v1/memories/search/`), authenticated with `Authorization: Token <key>`.
public struct Mem0Client: Sendable {
    let baseURL: URL
    let apiKey: String
    let transport: any HTTPTransport
    /// The longest one call may take.
    let timeout: Duration

    /// Creates a client; nothing is sent until a call.
    public init(baseURL: URL, apiKey: String, transport: any HTTPTransport, timeout: Duration = .seconds(30)) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.transport = transport
        self.timeout = timeout
    }

    /// Adds one stored message to the user's Mem0 memories.
    public func add(_ record: MemoryRecord) async throws(MemoryError) {
        struct Message: Encodable {
            let role: String
            let content: String
        }
        struct Body: Encodable {
            let messages: [Message]
            let user_id: String
            let metadata: [String: String]
        }
        let body = Body(
            messages: [Message(role: record.role == .user ? "user" : "assistant", content: record.content)],
            user_id: record.userID.rawValue,
            metadata: ["maia_message_id": record.id]
        )
        _ = try await post("v1/memories/", body)
    }

    /// The user's Mem0 memories most related to `query`, as records with ids `mem0:<id>`.
    public func search(_ query: String, for user: UserID, limit: Int) async throws(MemoryError) -> [ScoredRecord] {
        struct Body: Encodable {
            let query: String
            let user_id: String
            let top_k: Int
        }
        let value = try await post("v1/memories/search/", Body(query: query, user_id: user.rawValue, top_k: limit))
        // The platform answers with an array; newer output formats wrap it as {"results": [...]}.
        let items = value.arrayValue ?? value["results"]?.arrayValue ?? []
        return items.prefix(limit).compactMap { item in
            guard let id = item["id"]?.stringValue, let text = item["memory"]?.stringValue else { return nil }
            let created = item["created_at"]?.stringValue.flatMap(ISO8601.parse) ?? Date(timeIntervalSince1970: 0)
            let record = MemoryRecord(
                id: "mem0:\(id)",
                userID: user,
                sessionID: nil,
                role: .user,
                content: text,
                createdAt: created,
                language: nil,
                elementScores: [:],
                coherence: nil,
                isBreakthrough: false,
                engine: nil,
                model: nil,
                metadata: ["source": "mem0", "categories": item["categories"] ?? .null]
            )
            return ScoredRecord(record: record, score: item["score"]?.numberValue ?? 0)
        }
    }

    private func post(_ path: String, _ body: some Encodable) async throws(MemoryError) -> JSONValue {
        let url = baseURL.appendingPathComponent(path)
        let status: Int
        let bytes: [UInt8]
        do {
            let request = try HTTPRequest.json(
                url,
                body: body,
                headers: [("authorization", "Token \(apiKey)")],
                timeout: timeout
            )
            let response = try await transport.stream(request)
            status = response.head.status
            bytes = try await response.collect()
        } catch let error as HTTPError {
            throw MemoryError(.semantic, "Mem0 could not be reached: \(error.message)")
        } catch {
            throw MemoryError(.semantic, "the Mem0 request could not be encoded")
        }
        switch status {
        case 200..<300:
            return JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) ?? .null
        case 401, 403:
            throw MemoryError(.semantic, "Mem0 refused the API key (HTTP \(status)); check MEM0_API_KEY")
        default:
            throw MemoryError(.semantic, "Mem0 answered HTTP \(status)")
        }
    }
}
