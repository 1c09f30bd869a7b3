import Foundation
import Hummingbird
import MaiaCore
import MaiaMemory

extension MemoryRoutes {
    /// Most names a person may ask to hide, and the longest name: bounds on what one request stores.
    static let maxHiddenNames = 100
    static let maxHiddenNameLength = 200

    /// `GET|PUT /v1/memories/consent`: the authenticated user's training consent (`maia memory consent`).
    func addConsent(to router: RouterGroup<MaiaRequestContext>) {
        router.get("memories/consent") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let consent = try await memory { try await store.trainingConsent(for: user) }
            return TurnRoutes.json(Self.consentJSON(consent, user: user).jsonText)
        }
        router.put("memories/consent") { request, context in
            let user = try context.requireCaller().actingUser(request.headers)
            let body = try await JSONBody.read(request, limit: service.maxBodyBytes)
            if let unknown = body.object.keys.sorted().first(where: { !["training", "hidden_names"].contains($0) }) {
                throw APIError.invalid(
                    "unknown field \"\(unknown.prefix(40))\": accepted are training and hidden_names"
                )
            }
            guard let training = try body.optionalBool("training") else {
                throw APIError.invalid("\"training\" is missing; it must be true or false")
            }
            let names = try Self.hiddenNames(body)
            let consent = try await memory {
                try await store.setTrainingConsent(training, hiddenNames: names, at: Date(), for: user)
            }
            return TurnRoutes.json(Self.consentJSON(consent, user: user).jsonText)
        }
    }

    private static func hiddenNames(_ body: JSONBody) throws(APIError) -> [String]? {
        // Absent keeps the stored names; null is not an array (the schema's answer, and no silent clearing).
        guard let value = body.object["hidden_names"] else { return nil }
        guard let items = value.arrayValue, items.count <= maxHiddenNames else {
            throw APIError.invalid(
                "\"hidden_names\" must be an array of at most \(maxHiddenNames) strings ([] clears them; leave it out to keep them)"
            )
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = item.stringValue, !name.allSatisfy(\.isWhitespace), name.count <= maxHiddenNameLength
            else {
                throw APIError.invalid(
                    "\"hidden_names\"[\(index)] must be a non-empty string of at most \(maxHiddenNameLength) characters"
                )
            }
            names.append(name)
        }
        return names
    }

    static func consentJSON(_ consent: TrainingConsent?, user: UserID) -> JSONValue {
        [
            "user_id": .string(user.rawValue),
            "training": .bool(consent?.training ?? false),
            "hidden_names": .array((consent?.hiddenNames ?? []).map(JSONValue.string)),
            "changed_at": consent.map { .string($0.changedAt.formatted(.iso8601)) } ?? .null,
        ]
    }
}
