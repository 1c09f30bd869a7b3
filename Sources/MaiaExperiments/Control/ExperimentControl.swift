public import Foundation
public import MaiaMemory

/// The operations people use on an experiment — start, ramp, stop, clear — shared by `maia experiment` and the admin
/// routes of `maia serve`. Each change is stored with who made it and when, and appended to the history; every
/// replica obeys it within its state cache's age (one second).
///
/// The states: `stopped` (share 0) → `start` → `running` (share P) → `ramp` (another share) … → `stop` → `stopped`.
/// A guardrail breach sets `rolled_back` (share 0); only `clear` leaves it (to `stopped`), so that a rollback is
/// acknowledged by a person before anyone starts the experiment again.
public struct ExperimentControl: Sendable {
    public let store: any ExperimentStore
    public let experiment: String
    let now: @Sendable () -> Date

    /// Creates the controls of `experiment`.
    public init(store: any ExperimentStore, experiment: String, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.experiment = experiment
        self.now = now
    }

    /// The stored state, `nil` when the experiment was never started nor seeded.
    public func status() async throws(ExperimentControlError) -> ExperimentState? {
        try await storing { () async throws(MemoryError) in try await store.experimentState(experiment) }
    }

    /// Every change, oldest first.
    public func history() async throws(ExperimentControlError) -> [ExperimentState] {
        try await storing { () async throws(MemoryError) in try await store.experimentHistory(experiment) }
    }

    /// Starts the experiment at `percent` (it must not be running or rolled back).
    public func start(
        percent: Double,
        by who: String,
        reason: String? = nil
    ) async throws(ExperimentControlError)
        -> ExperimentState
    {
        let percent = try Self.checked(percent: percent)
        let current = try await status()
        switch current?.status {
        case .running?:
            throw ExperimentControlError(
                .conflict,
                "\(experiment) is already running at \(current?.percent.shown ?? "0")%; use ramp to change its share"
            )
        case .rolledBack?:
            throw rolledBack(current)
        case .stopped?, nil:
            return try await set(.running, percent: percent, by: who, reason: reason)
        }
    }

    /// Changes the share of a running experiment: up moves control units to the candidate, down moves them back.
    public func ramp(
        percent: Double,
        by who: String,
        reason: String? = nil
    ) async throws(ExperimentControlError)
        -> ExperimentState
    {
        let percent = try Self.checked(percent: percent)
        let current = try await status()
        switch current?.status {
        case .running?:
            return try await set(.running, percent: percent, by: who, reason: reason)
        case .rolledBack?:
            throw rolledBack(current)
        case .stopped?, nil:
            throw ExperimentControlError(.conflict, "\(experiment) is not running; use start --percent P to start it")
        }
    }

    /// The kill switch: share 0 at once, whatever the state (a rolled-back experiment stays rolled back).
    public func stop(by who: String, reason: String? = nil) async throws(ExperimentControlError) -> ExperimentState {
        let current = try await status()
        if let current, current.status == .rolledBack { return current }
        return try await set(.stopped, percent: 0, by: who, reason: reason)
    }

    /// Acknowledges a rollback: the experiment becomes stopped and may be started again.
    public func clear(by who: String, reason: String? = nil) async throws(ExperimentControlError) -> ExperimentState {
        let current = try await status()
        guard current?.status == .rolledBack else {
            throw ExperimentControlError(
                .conflict,
                "\(experiment) was not rolled back (it is \(current?.status.rawValue ?? "not started")); "
                    + "clear only acknowledges a guardrail rollback"
            )
        }
        return try await set(.stopped, percent: 0, by: who, reason: reason)
    }

    /// Rolls the experiment back (a guardrail breach): share 0 until a person clears it.
    public func rollBack(reason: String) async throws(ExperimentControlError) -> ExperimentState {
        try await set(.rolledBack, percent: 0, by: "guardrail", reason: reason)
    }

    /// Longest reason kept, in characters.
    public static let maxReason = 500

    private func set(
        _ status: ExperimentState.Status,
        percent: Double,
        by who: String,
        reason: String?
    ) async throws(ExperimentControlError) -> ExperimentState {
        if let reason, reason.count > Self.maxReason {
            throw ExperimentControlError(
                .invalidInput,
                "a reason is at most \(Self.maxReason) characters; this one has \(reason.count)"
            )
        }
        if let reason, reason.unicodeScalars.contains("\u{0}") {
            throw ExperimentControlError(.invalidInput, "a reason may not contain NUL characters")
        }
        let state = ExperimentState(
            experiment: experiment,
            percent: percent,
            status: status,
            reason: reason.flatMap { $0.isEmpty ? nil : $0 },
            changedBy: who,
            changedAt: now()
        )
        try await storing { () async throws(MemoryError) in try await store.setExperimentState(state) }
        return state
    }

    private func rolledBack(_ state: ExperimentState?) -> ExperimentControlError {
        ExperimentControlError(
            .conflict,
            "\(experiment) was rolled back by a guardrail (\(state?.reason ?? "no reason recorded")); "
                + "run clear to acknowledge it, then start"
        )
    }

    /// A share as given, or an error saying what is accepted.
    public static func checked(percent: Double) throws(ExperimentControlError) -> Double {
        guard percent.isFinite, (0...100).contains(percent) else {
            throw ExperimentControlError(
                .invalidInput,
                "the share must be a percentage from 0 to 100, e.g. 5 or 12.5 (got \(percent))"
            )
        }
        return percent
    }

    private func storing<T>(_ body: () async throws(MemoryError) -> T) async throws(ExperimentControlError) -> T {
        do {
            return try await body()
        } catch {
            throw ExperimentControlError(.storage, "the experiment state could not be read or written", cause: error)
        }
    }
}

/// Why an experiment operation was refused or failed.
public struct ExperimentControlError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable {
        let name: String
        /// A value out of range; the message says what is accepted.
        public static let invalidInput = Code(name: "invalidInput")
        /// The operation does not fit the experiment's state (start while running, ramp while stopped).
        public static let conflict = Code(name: "conflict")
        /// The store failed.
        public static let storage = Code(name: "storage")
    }

    public let code: Code
    public let message: String
    /// The store's error, for logs (it names no SQL and no secret).
    public let cause: MemoryError?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: MemoryError? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}

extension Double {
    /// The number without a trailing `.0` for whole values.
    var shown: String { rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
