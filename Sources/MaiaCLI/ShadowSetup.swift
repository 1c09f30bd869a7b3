import Foundation
import MaiaAgent
import MaiaApp
import MaiaConfig
import MaiaEngines
import MaiaExperiments
import MaiaMemory

/// The engines, log and trial runner of one `maia shadow` process.
struct ShadowSetup {
    let runtime: Runtime
    let engines: EngineSet
    let trial: ShadowTrial
    let log: ShadowLog
    /// Whether primary and candidate are the one local model server (then nothing may run concurrently on it).
    let sharesLocalServer: Bool

    /// Builds the primary (Claude, or the local model without a key), the candidate (the Llama engine, or the
    /// local model without `ENABLE_LLAMA=true`) and the judge, saying once which defaults were taken.
    init(runtime: Runtime, judge: JudgeChoice, timeout: Duration, logPath: String?) throws {
        var settings = runtime.settings
        if !settings.llama.enabled {
            settings.llama.enabled = true
            settings.llama.deploymentMode = .local
        }
        let engines = try EngineFactory.make(settings, paths: runtime.paths, announce: { Terminal.warn($0) })
        let primarySlot = engines.primarySlot(settings)
        let candidateSlot = engines.llamaSlot(settings)
        if engines.claude == nil, !runtime.settings.llama.enabled {
            Terminal.warn(
                "no ANTHROPIC_API_KEY and ENABLE_LLAMA=false: primary and candidate are both the local SmolLM2 model"
            )
        } else if let notice = engines.notice {
            Terminal.warn(notice)
        } else if !runtime.settings.llama.enabled {
            Terminal.warn("ENABLE_LLAMA=false: the candidate is the local SmolLM2 model")
        }
        let judgeEngine: (any ReasoningEngine)?
        switch judge {
        case .claude:
            guard let claude = engines.claude else {
                throw CLIError(
                    "ANTHROPIC_API_KEY is missing: --judge claude needs a key (or use --judge llama or none)"
                )
            }
            judgeEngine = claude
        case .llama: judgeEngine = engines.llama
        case .none: judgeEngine = nil
        }
        let path = logPath ?? runtime.settings.experiments.shadowLogPath
        do {
            log = try ShadowLog(path: path)
        } catch {
            throw CLIError("\(logPath == nil ? "LLAMA_SHADOW_LOG_PATH" : "--log"): \(error)")
        }
        self.runtime = runtime
        self.engines = engines
        sharesLocalServer = primarySlot.engine.capabilities.sharesExclusiveServer(
            with: candidateSlot.engine.capabilities
        )
        if sharesLocalServer {
            Terminal.warn("the local model server answers one request at a time: engines and prompts take turns")
        }
        trial = ShadowTrial(
            agent: PersonalOracleAgent(store: runtime.store, search: runtime.search, engines: [primarySlot]),
            primary: ShadowEngine(slot: primarySlot, timeout: timeout),
            candidate: ShadowEngine(slot: candidateSlot, timeout: timeout),
            judge: judgeEngine.map { PairwiseJudge(engine: $0) },
            sequential: sharesLocalServer
        )
    }

    /// Plants the test users' memories and indexes them, so that semantic search finds them too.
    func plantMemories() async throws {
        try await ShadowSeed.plant(into: runtime.store)
        for user in ShadowSeed.users { await runtime.indexPending(among: .user(user)) }
    }
}
