public import Foundation

/// What a training export takes, whatever its source.
public struct TrainingExportOptions: Sendable, Hashable {
    public var format: TrainingFormat
    /// Only turns at or after this moment.
    public var since: Date?
    /// The share of people whose examples go to validation, 0…1 (0.05 by default).
    public var validationShare: Double
    /// Turns per example: a longer session is cut into consecutive windows of this many turns.
    public var maxTurns: Int
    /// Whether crisis turns are exported (they are not by default).
    public var includeCrisis: Bool

    /// Creates options.
    public init(
        format: TrainingFormat = .messages,
        since: Date? = nil,
        validationShare: Double = 0.05,
        maxTurns: Int = 8,
        includeCrisis: Bool = false
    ) {
        self.format = format
        self.since = since
        self.validationShare = validationShare
        self.maxTurns = maxTurns
        self.includeCrisis = includeCrisis
    }
}
