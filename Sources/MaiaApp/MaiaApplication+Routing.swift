public import Foundation
import MaiaAgent
public import MaiaConfig
import MaiaEngines
public import MaiaExperiments
public import MaiaMemory

extension MaiaApplication {
    /// The routing selector when `ENABLE_LLAMA=true` and the engine was not chosen by hand (`--engine`): the stored
    /// state of `LLAMA_EXPERIMENT` decides each unit's arm; the environment only seeds it.
    static func routingSelector(
        _ engines: EngineSet,
        _ settings: MaiaSettings,
        control: [EngineSlot],
        store: any ExperimentStore,
        options: Options
    ) -> RoutingSelector? {
        guard settings.llama.enabled, options.preferring == nil else { return nil }
        let experiments = settings.experiments
        let candidate = [engines.llamaSlot(settings)] + control.filter { $0.engine.name != engines.llama.name }
        let state = ExperimentStateCache(
            store: store,
            seed: seedState(settings),
            onError: { [notice = options.notice] in
                notice("experiment state unreadable, every turn goes to the control engine: \($0)")
            }
        )
        let notice = options.notice
        let monitor = GuardrailMonitor(
            control: ExperimentControl(store: store, experiment: experiments.experimentName),
            check: GuardrailCheck(thresholds: settings.guardrails.thresholds),
            state: state,
            onRollback: { notice("experiment \($0.experiment) rolled back: \($0.reason ?? "a guardrail breach")") },
            onError: { notice("experiment guardrails: \($0)") }
        )
        let recorder = ExperimentRecorder(
            store: store,
            afterRecord: { _ in await monitor.turnRecorded() },
            onError: { notice("experiment turn not recorded: \($0)") }
        )
        return RoutingSelector(
            state: state,
            unit: experiments.routingUnit == .session ? .session : .user,
            forceCandidate: experiments.forceCandidate,
            forceControl: experiments.forceControl,
            candidate: candidate,
            control: control,
            recorder: recorder
        )
    }

    /// The state `LLAMA_TRAFFIC_PERCENT` seeds: running at that share, or stopped at 0 (so that nothing is recorded
    /// until someone starts the experiment) unless testers are forced into the candidate arm.
    public static func seedState(_ settings: MaiaSettings, at now: Date = Date()) -> ExperimentState {
        let experiments = settings.experiments
        let running = experiments.trafficPercent > 0 || !experiments.forceCandidate.isEmpty
        return ExperimentState(
            experiment: experiments.experimentName,
            percent: experiments.trafficPercent,
            status: running ? .running : .stopped,
            reason: "seeded from LLAMA_TRAFFIC_PERCENT=\(experiments.trafficPercent)",
            changedBy: "environment",
            changedAt: now
        )
    }

    /// Lets experiment rows still being written finish within ``shadowExitBound`` and says what was dropped.
    public func finishRecording(_ recorder: ExperimentRecorder) async {
        await recorder.queue.drain(within: Self.shadowExitBound)
        let counts = recorder.queue.counts
        if counts.dropped + counts.abandoned > 0 {
            notice(
                "experiment: \(counts.dropped) turn(s) not recorded (queue full), \(counts.abandoned) stopped at exit; "
                    + "\(counts.finished) recorded"
            )
        }
    }
}
