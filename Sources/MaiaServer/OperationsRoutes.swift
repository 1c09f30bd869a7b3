import Foundation
import Hummingbird
import MaiaAgent
import MaiaApp
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaMemory

/// The open routes for operators and load balancers: `GET /healthz` (the process is alive), `GET /readyz` (the
/// store answers within a bound and the engines are configured; 503 with reasons otherwise), `GET /metrics`
/// (Prometheus) and `GET /openapi.json` (the committed API description).
struct OperationsRoutes {
    let service: MaiaService

    func add(to router: Router<MaiaRequestContext>) {
        router.get("healthz") { _, _ in TurnRoutes.json(#"{"status":"alive"}"#) }
        router.get("readyz") { _, _ in try await readiness() }
        router.get("metrics") { _, _ in
            let app = service.app
            let depth = try? await withDetachedTimeout(.seconds(2)) { try await app.store.outboxDepth() }
            let experiment = await app.routing?.state.current()
            let text = ServerMetrics.scrape(
                outboxDepth: depth,
                shadowDropped: app.shadow?.queue.counts.dropped,
                experiment: experiment
            )
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("openapi.json") { _, _ in
            guard let data = APISpec.shared.data else {
                throw APIError(.internalServerError, "server_error", "the API description is missing from this build")
            }
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    /// Ready when the store answers a read of its schema within 5 s and the primary engine is configured.
    private func readiness() async throws -> Response {
        let app = service.app
        var reasons: [String] = []
        do {
            let probe = UserID("readyz-probe")!
            _ = try await withDetachedTimeout(.seconds(5)) { try await app.store.recent(for: probe, limit: 1) }
        } catch is TimedOut {
            reasons.append("store: no answer within 5 s")
        } catch {
            reasons.append("store: not reachable or not migrated")
        }
        if app.slots.isEmpty { reasons.append("engines: none configured") }
        let body: JSONValue = [
            "status": reasons.isEmpty ? "ready" : "not_ready",
            "reasons": .array(reasons.map(JSONValue.string)),
            "engines": .array(app.slots.map { .string("\($0.engine.name) (\($0.engine.model))") }),
        ]
        return TurnRoutes.json(body.jsonText, status: reasons.isEmpty ? .ok : .serviceUnavailable)
    }
}
