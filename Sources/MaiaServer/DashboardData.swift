import Crypto
import Foundation
import Logging
import MaiaApp
import MaiaConfig
import MaiaExperiments
import MaiaMemory
import Synchronization

/// What the dashboard shows, kept warm between views: the shadow log is followed incrementally (``ShadowLogTail``),
/// the whole log's aggregate and worst comparisons grow with it (a view after an append counts only the appended
/// comparisons), a filtered report is cached per log version and filter; the experiment report (a bootstrap over every stored row,
/// seconds of CPU on a large experiment) is shown from its cache and rebuilt in the background once it is older than
/// ``experimentAge`` (views never wait for that), and dropped when a control changes the experiment (the next view
/// waits for the new one, so a change shows at once).
final class DashboardData: Sendable {
    /// How old an experiment report may be before a view starts building the next one.
    static let experimentAge: TimeInterval = 15

    private struct ShadowCache: Sendable {
        let version: Int
        let filter: ShadowFilter
        let panel: DashboardView.Shadow
    }

    /// The aggregate of the whole log's first `counted` comparisons, as of one ``ShadowLogTail`` generation.
    private struct Whole: Sendable {
        let generation: Int
        var counted = 0
        var aggregate = ShadowAggregate()
        var worst: [(index: Int, record: ShadowRecord)] = []

        /// Counts the records after the first `counted` of `records` (the log as it is now).
        mutating func count(_ records: [ShadowRecord]) {
            let appended = records[counted...]
            aggregate.add(contentsOf: appended)
            worst = DashboardView.worst(
                worst + zip(appended.indices, appended).map { ($0, $1) },
                filter: ShadowFilter()
            )
            counted = records.count
        }
    }

    private struct ExperimentCache: Sendable {
        let built: Date
        let panel: DashboardView.Experiment
    }

    private struct ExperimentSlot: Sendable {
        var cache: ExperimentCache?
        /// Grows with every change made from the dashboard: a build begun before it must not be kept.
        var epoch = 0
        /// Whether a background rebuild is running (one at a time).
        var rebuilding = false
    }

    let tail: ShadowLogTail
    private let shadowCache = Mutex<ShadowCache?>(nil)
    private let whole = Mutex<Whole?>(nil)
    private let experimentSlot = Mutex(ExperimentSlot())

    init(shadowLogPath: String) {
        tail = ShadowLogTail(path: shadowLogPath)
    }

    /// The shadow panel under `filter`, or why there is none.
    func shadow(_ filter: ShadowFilter) async -> (panel: DashboardView.Shadow?, problem: String?) {
        let snapshot: ShadowLogTail.Snapshot
        do {
            snapshot = try await tail.refresh()
        } catch {
            return (nil, "The shadow log \(tail.path) could not be read: \(error)")
        }
        if let cached = shadowCache.withLock({ $0 }), cached.version == snapshot.version, cached.filter == filter {
            return (cached.panel, nil)
        }
        guard !snapshot.records.isEmpty || !snapshot.skipped.isEmpty else {
            return (
                nil,
                "The shadow log \(tail.path) holds no comparison yet (LLAMA_SHADOW_MODE=true or maia shadow write it)."
            )
        }
        let panel = await Self.offPool { self.panel(snapshot, filter: filter) }
        shadowCache.withLock { $0 = ShadowCache(version: snapshot.version, filter: filter, panel: panel) }
        return (panel, nil)
    }

    private func panel(_ snapshot: ShadowLogTail.Snapshot, filter: ShadowFilter) -> DashboardView.Shadow {
        let (report, worst, languages) = whole.withLock { cached in
            // Taken out while it grows, so that its arrays are not copied.
            var current = cached.take() ?? Whole(generation: snapshot.generation)
            if current.generation != snapshot.generation || current.counted > snapshot.records.count {
                // The log restarted, or a view raced ahead of this (older) snapshot: count this one from its start.
                let ahead = current.generation == snapshot.generation ? current : nil
                current = Whole(generation: snapshot.generation)
                current.count(snapshot.records)
                cached = ahead ?? current
            } else {
                current.count(snapshot.records)
                cached = current
            }
            return (
                ShadowReport(current.aggregate, skipped: snapshot.skipped), current.worst, current.aggregate.languages
            )
        }
        guard !filter.isEmpty else {
            return DashboardView.Shadow(
                report: report,
                total: snapshot.records.count,
                worst: worst,
                languages: languages
            )
        }
        return DashboardView.Shadow(
            report: ShadowReport(records: snapshot.records.filter(filter.includes), skipped: []),
            total: snapshot.records.count,
            worst: DashboardView.worst(snapshot.records.enumerated().map { ($0, $1) }, filter: filter),
            languages: languages
        )
    }

    /// The experiment panel: the cached one (a rebuild starts in the background when it is old), or a new one.
    func experiment(
        _ app: MaiaApplication,
        now: Date = Date()
    ) async -> (panel: DashboardView.Experiment, problem: String?) {
        let (cached, rebuild) = experimentSlot.withLock { slot -> (ExperimentCache?, Bool) in
            guard let cache = slot.cache else { return (nil, false) }
            let rebuild = !slot.rebuilding && now.timeIntervalSince(cache.built) >= Self.experimentAge
            if rebuild { slot.rebuilding = true }
            return (cache, rebuild)
        }
        if rebuild {
            Task {
                _ = await self.buildExperiment(app, now: Date())
                self.experimentSlot.withLock { $0.rebuilding = false }
            }
        }
        if let cached { return (cached.panel, nil) }
        return await buildExperiment(app, now: now)
    }

    private func buildExperiment(
        _ app: MaiaApplication,
        now: Date
    ) async -> (panel: DashboardView.Experiment, problem: String?) {
        let epoch = experimentSlot.withLock { $0.epoch }
        let control = ExperimentControl(store: app.store, experiment: app.settings.experiments.experimentName)
        do {
            let state = try await control.status()
            let history = try await control.history()
            var report: ExperimentReport?
            var activity: ArmActivity?
            if let state {
                let loaded = try await ExperimentReport.load(
                    state: state,
                    from: app.store,
                    thresholds: app.settings.guardrails.thresholds,
                    now: now
                )
                (report, activity) = (loaded.report, loaded.activity)
            }
            let panel = DashboardView.Experiment(
                name: control.experiment,
                state: state,
                report: report,
                activity: activity,
                history: history
            )
            experimentSlot.withLock { slot in
                if slot.epoch == epoch { slot.cache = ExperimentCache(built: now, panel: panel) }
            }
            return (panel, nil)
        } catch {
            app.logger.error("dashboard could not read the experiment", metadata: ["error": "\(error)"])
            let empty = DashboardView.Experiment(
                name: control.experiment,
                state: nil,
                report: nil,
                activity: nil,
                history: []
            )
            return (empty, "The experiment store did not answer; the experiment panel is empty. Reload to try again.")
        }
    }

    /// Forgets the experiment report (after a change made from the dashboard).
    func invalidateExperiment() {
        experimentSlot.withLock { slot in
            slot.cache = nil
            slot.epoch += 1
        }
    }

    /// A user id as the dashboard shows it: the first 12 hex digits of its SHA-256.
    static func hashed(_ user: String) -> String {
        "u-" + SHA256.hash(data: Data(user.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// Aggregation of many records is CPU work; it runs on a dispatch queue, not on the cooperative pool.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
