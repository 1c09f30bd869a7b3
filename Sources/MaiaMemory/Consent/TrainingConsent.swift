public import Foundation

/// A person's answer to "may your conversations be used to train MAIA's own model?", with the names they asked to
/// hide in anything exported. No row means no: consent is opt-in, and `forget` erases the row with everything else.
public struct TrainingConsent: Sendable, Hashable, Codable {
    public var userID: String
    /// Whether this person's conversations may go into fine-tuning and distillation exports.
    public var training: Bool
    /// Names (people, places) replaced by a `[NAME]` placeholder wherever they occur in an export.
    public var hiddenNames: [String]
    /// When the answer was last given.
    public var changedAt: Date

    /// Creates a consent record.
    public init(userID: String, training: Bool, hiddenNames: [String] = [], changedAt: Date) {
        self.userID = userID
        self.training = training
        self.hiddenNames = hiddenNames
        self.changedAt = changedAt
    }

    /// The names as stored: trimmed, empty ones dropped, duplicates (ignoring case) removed, sorted.
    public static func normalised(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var kept: [String] = []
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            kept.append(trimmed)
        }
        return kept.sorted()
    }
}
