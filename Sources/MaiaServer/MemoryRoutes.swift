import Foundation
import Hummingbird
import Logging
import MaiaApp
import MaiaCore
import MaiaMemory
import NIOCore

/// The `maia memory` verbs over HTTP, for the authenticated user only, with the CLI's validation:
/// `POST /v1/memories` (one message, an import line's shape), `POST /v1/memories/import` (JSON Lines, streamed),
/// `GET /v1/memories/search`, `/recent`, `/breakthroughs`, `/export` (JSON Lines, streamed),
/// `PUT|DELETE /v1/memories/{id}/breakthrough`, `DELETE /v1/memories` (forget, with a receipt), and
/// `GET|PUT /v1/memories/consent` (training consent, `MemoryRoutes+Consent.swift`).
struct MemoryRoutes {
    let service: MaiaService
    var store: any MemoryStore { service.app.store }

    /// Longest line of an import, in bytes: a line without a newline cannot grow without bound.
    static let maxImportLine = 1_048_576

    func add(to router: RouterGroup<MaiaRequestContext>) {
        router.post("memories") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let line = try await JSONBody.text(request, limit: service.maxBodyBytes)
            let message: NewMessage
            do throws(MemoryError) {
                message = try ImportLine.parse(line)
            } catch {
                throw APIError.invalid(error.message)
            }
            let stored = try await memory { try await store.append([message], for: user) }
            service.app.indexer.wake()
            return TurnRoutes.json(JSONValue.array(stored.map(RecordJSON.full)).jsonText, status: .created)
        }
        router.post("memories/import") { request, context in
            try await importLines(request, user: try context.requireCaller().actingUser(request.headers))
        }
        router.get("memories/search") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let query = try Self.query(request)
            let k = try Self.integer(request, "k", default: 10, in: 1...100)
            let modeText = request.uri.queryParameters["mode"].map(String.init) ?? "hybrid"
            guard let mode = MemorySearch.Mode(rawValue: modeText) else {
                throw APIError.invalid("mode must be hybrid, vector or keyword (got \"\(modeText.prefix(40))\")")
            }
            guard mode != .vector || service.app.search.hasEmbedder else {
                throw APIError(
                    .unprocessableContent,
                    "invalid_request_error",
                    "mode=vector needs the embedding model, which this server does not have (see MAIA_MODELS_DIR); "
                        + "use mode=hybrid or mode=keyword"
                )
            }
            let hits = try await memory { try await service.app.search.search(query, for: user, limit: k, mode: mode) }
            return TurnRoutes.json(JSONValue.array(hits.map(RecordJSON.searchHit)).jsonText)
        }
        router.get("memories/recent") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let limit = try Self.integer(request, "limit", default: 20, in: 1...1000)
            let records = try await memory { try await store.recent(for: user, limit: limit) }
            return TurnRoutes.json(JSONValue.array(records.map(RecordJSON.full)).jsonText)
        }
        router.get("memories/breakthroughs") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let limit = try Self.integer(request, "limit", default: 20, in: 1...1000)
            let records = try await memory { try await store.breakthroughs(for: user, limit: limit) }
            return TurnRoutes.json(JSONValue.array(records.map(RecordJSON.full)).jsonText)
        }
        router.put("memories/:id/breakthrough") { request, context in
            try await mark(true, request, context)
        }
        router.delete("memories/:id/breakthrough") { request, context in
            try await mark(false, request, context)
        }
        router.get("memories/export") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let records = try await memory { try await store.allMessages(for: user) }
            let lines = records.map { ByteBuffer(string: RecordJSON.full($0).jsonText + "\n") }
            return Response(
                status: .ok,
                headers: [.contentType: "application/jsonl"],
                body: .init(contentsOf: lines)
            )
        }
        router.delete("memories") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let receipt = try await memory { try await store.forget(user) }
            let body: JSONValue = [
                "user_id": .string(receipt.userID), "messages": .number(Double(receipt.messages)),
                "sessions": .number(Double(receipt.sessions)), "breakthroughs": .number(Double(receipt.breakthroughs)),
                "vectors": .number(Double(receipt.vectors)), "queued_jobs": .number(Double(receipt.outboxEntries)),
            ]
            return TurnRoutes.json(body.jsonText)
        }
        addConsent(to: router)
    }

    private func mark(_ on: Bool, _ request: Request, _ context: MaiaRequestContext) async throws -> Response {
        let user = try context.requireCaller().actingUser(request.headers)
        let id = try context.parameters.require("id")
        do {
            try await store.setBreakthrough(on, messageID: id, for: user)
        } catch  where error.code == .notFound {
            throw APIError(.notFound, "not_found_error", "this user has no message with that id")
        } catch {
            throw memoryFailure(error)
        }
        return TurnRoutes.json((["id": .string(id), "breakthrough": .bool(on)] as JSONValue).jsonText)
    }

    /// Reads JSON Lines as they arrive and stores them in batches of 500; a bad line stops the import with its
    /// number, keeping the lines before it. The answer says how many messages this import stored and how many it
    /// skipped because they were already stored.
    private func importLines(_ request: Request, user: UserID) async throws -> Response {
        var reader = LineSplitter(maxLine: Self.maxImportLine)
        var batch: [NewMessage] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        var stored = 0
        var skipped = 0
        var sent = 0
        func flush() async throws {
            guard !batch.isEmpty else { return }
            sent += batch.count
            let result = try await memory { try await store.appendCounting(batch, for: user) }
            stored += result.stored
            skipped += result.skipped
            batch.removeAll(keepingCapacity: true)
        }
        func take(_ line: String) async throws {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { return }
            let occurrence = seen[line, default: 0]
            seen[line] = occurrence + 1
            do {
                batch.append(try ImportLine.parse(line, occurrence: occurrence))
            } catch {
                try await flush()
                throw APIError.invalid(
                    "line \(lineNumber): \(error.message). The \(sent) line(s) before it are stored; fix the line and "
                        + "send the import again (stored lines are skipped)"
                )
            }
            if batch.count == 500 { try await flush() }
        }
        for try await buffer in request.body {
            for line in try reader.append(buffer, lineNumber: lineNumber) { try await take(line) }
        }
        if let last = try reader.finish(lineNumber: lineNumber) { try await take(last) }
        guard lineNumber > 0 else {
            throw APIError.invalid("the body is empty: send JSON Lines, one message object per line")
        }
        try await flush()
        service.app.indexer.wake()
        let body: JSONValue = [
            "lines": .number(Double(lineNumber)), "messages": .number(Double(sent)), "stored": .number(Double(stored)),
            "skipped": .number(Double(skipped)),
        ]
        return TurnRoutes.json(body.jsonText)
    }

    private static func query(_ request: Request) throws(APIError) -> String {
        guard let query = request.uri.queryParameters["query"].map(String.init), !query.allSatisfy(\.isWhitespace)
        else {
            throw APIError.invalid("query is missing or empty: /v1/memories/search?query=words&k=10")
        }
        return query
    }

    private static func integer(
        _ request: Request,
        _ name: String,
        default fallback: Int,
        in range: ClosedRange<Int>
    ) throws(APIError) -> Int {
        guard let text = request.uri.queryParameters[Substring(name)] else { return fallback }
        guard let value = Int(String(text)), range.contains(value) else {
            throw APIError.invalid("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Runs a store call, turning a storage failure into a 503 that names no internals.
    func memory<T>(_ body: () async throws -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch let error as MemoryError {
            throw memoryFailure(error)
        } catch {
            throw memoryFailure(MemoryError(.storage, "\(error)"))
        }
    }

    private func memoryFailure(_ error: MemoryError) -> APIError {
        if error.code == .invalidInput { return APIError.invalid(error.message) }
        service.app.logger.error("memory request failed", metadata: ["error": "\(error.message)"])
        return APIError.unavailable("memory is unavailable right now; try again")
    }
}

/// Splits a streamed body into UTF-8 lines, refusing a line longer than `maxLine` bytes.
struct LineSplitter {
    let maxLine: Int
    private var pending: [UInt8] = []

    init(maxLine: Int) {
        self.maxLine = maxLine
    }

    /// The complete lines in `buffer` after what was pending; a trailing partial line waits for more.
    mutating func append(_ buffer: ByteBuffer, lineNumber: Int) throws(APIError) -> [String] {
        var lines: [String] = []
        for byte in buffer.readableBytesView {
            if byte == UInt8(ascii: "\n") {
                lines.append(try decode(pending, lineNumber: lineNumber + lines.count + 1))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count > maxLine {
                    throw APIError.invalid("line \(lineNumber + lines.count + 1) is longer than \(maxLine) bytes")
                }
            }
        }
        return lines
    }

    /// The last line when the body did not end with a newline.
    mutating func finish(lineNumber: Int) throws(APIError) -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending.removeAll() }
        return try decode(pending, lineNumber: lineNumber + 1)
    }

    private func decode(_ bytes: [UInt8], lineNumber: Int) throws(APIError) -> String {
        var bytes = bytes[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError.invalid("line \(lineNumber) is not valid UTF-8")
        }
        return text
    }
}
