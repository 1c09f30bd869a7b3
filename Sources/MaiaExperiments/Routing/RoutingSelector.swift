public import MaiaAgent
import MaiaCore
public import MaiaMemory

/// Percentage routing: each turn's unit (its user, or its session) is assigned to an arm by ``TrafficSplit`` over the
/// experiment's stored share; the candidate arm gets the candidate engine first with the control engines as
/// fallbacks, the control arm gets the control engines. Turns of a running experiment are recorded by
/// ``ExperimentRecorder``.
///
/// A stopped or rolled-back experiment sends every unit to control, force lists included: the kill switch wins.
public struct RoutingSelector: EngineSelector {
    /// What a unit is.
    public enum Unit: String, Sendable {
        case user
        /// The session id; a turn without a session uses its user id.
        case session
    }

    public let state: ExperimentStateCache
    public let unit: Unit
    public let forceCandidate: Set<String>
    public let forceControl: Set<String>
    /// The candidate arm's engines: the candidate first, then the control engines as fallbacks.
    public let candidate: [EngineSlot]
    public let control: [EngineSlot]
    public let recorder: ExperimentRecorder?

    /// Creates a selector; `recorder` `nil` routes without recording (benchmarks).
    public init(
        state: ExperimentStateCache,
        unit: Unit,
        forceCandidate: Set<String> = [],
        forceControl: Set<String> = [],
        candidate: [EngineSlot],
        control: [EngineSlot],
        recorder: ExperimentRecorder?
    ) {
        self.state = state
        self.unit = unit
        self.forceCandidate = forceCandidate
        self.forceControl = forceControl
        self.candidate = candidate
        self.control = control
        self.recorder = recorder
    }

    /// The unit of a turn.
    public func unitID(of input: TurnInput) -> String {
        switch unit {
        case .user: input.user.rawValue
        case .session: input.session?.rawValue ?? input.user.rawValue
        }
    }

    /// The assignment of `unit` under `state`, or `nil` when the experiment is not running (everyone on control,
    /// nothing recorded).
    public func assignment(of unit: String, under state: ExperimentState) -> Assignment? {
        guard state.status == .running else { return nil }
        let split = TrafficSplit(
            experiment: state.experiment,
            percent: state.percent,
            forceCandidate: forceCandidate,
            forceControl: forceControl
        )
        return split.assign(unit)
    }

    public func select(for input: TurnInput) async -> EngineSelection {
        let current = await state.current()
        let unit = unitID(of: input)
        guard let assignment = assignment(of: unit, under: current) else { return EngineSelection(engines: control) }
        let observer = recorder.map { $0.watching(experiment: current.experiment, unit: unit, assignment) }
        switch assignment.arm {
        case .control:
            return EngineSelection(engines: control, observer: observer)
        case .candidate:
            // The live shadow runs the candidate engine; it would only compare the candidate with itself.
            return EngineSelection(engines: candidate, shadowed: false, observer: observer)
        }
    }
}
