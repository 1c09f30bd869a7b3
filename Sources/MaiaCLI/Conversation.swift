import Foundation
import MaiaAgent
import MaiaConfig
import MaiaCore
import MaiaEngines
import MaiaExperiments

/// The engines, memory and agent of one CLI process, shared by `chat` and `ask --user`.
struct Conversation {
    let runtime: Runtime
    let engines: EngineSet
    let agent: PersonalOracleAgent
    /// Live shadow mode (`ENABLE_LLAMA=true`, `LLAMA_SHADOW_MODE=true`): the Llama engine answers every turn too.
    let shadow: LiveShadow?

    /// Opens memory and engines for the duration of `body`; `preferring` puts that engine first and the other
    /// configured one after it as the fallback. The local model server is stopped when `body` ends.
    static func with<T: Sendable>(
        preferring choice: EngineChoice?,
        _ body: (Conversation) async throws -> T
    )
        async throws -> T
    {
        try await Runtime.with { runtime in
            let engines = try EngineFactory.make(runtime.settings)
            let slots = try slots(engines, runtime.settings, choice)
            let shadow = try liveShadow(engines, runtime.settings, primaries: slots)
            let conversation = Conversation(
                runtime: runtime,
                engines: engines,
                agent: PersonalOracleAgent(
                    store: runtime.store,
                    search: runtime.search,
                    engines: slots,
                    observer: shadow
                ),
                shadow: shadow
            )
            do {
                let result = try await body(conversation)
                await conversation.finish()
                return result
            } catch {
                await conversation.finish()
                throw error
            }
        }
    }

    /// How long shadow work still running at exit may take before it is dropped.
    static let shadowExitBound = Duration.seconds(10)

    /// The live shadow observer when shadow mode is on; the candidate has its own timeout.
    private static func liveShadow(
        _ engines: EngineSet,
        _ settings: MaiaSettings,
        primaries: [EngineSlot]
    ) throws -> LiveShadow? {
        guard settings.llama.enabled, settings.experiments.shadowMode else { return nil }
        let log: ShadowLog
        do {
            log = try ShadowLog(path: settings.experiments.shadowLogPath)
        } catch {
            throw CLIError("LLAMA_SHADOW_LOG_PATH: \(error)")
        }
        let notice =
            "shadow mode: \(engines.llama.name) also answers each turn, logged to "
            + "\(settings.experiments.shadowLogPath), never shown or stored\n"
        FileHandle.standardError.write(Data(notice.utf8))
        return LiveShadow(
            candidate: ShadowEngine(slot: llamaSlot(engines, settings), timeout: .seconds(120)),
            log: log,
            queue: ShadowQueue(capacity: 4),
            startsAfterPrimary: primaries.contains { sharesLocalServer($0.engine, engines.llama) },
            onError: { Terminal.warn("shadow comparison not logged: \($0)") }
        )
    }

    /// Lets shadow work in flight finish (within ``shadowExitBound``), says what was dropped, stops the engines.
    func finish() async {
        if let shadow {
            await shadow.queue.drain(within: Self.shadowExitBound)
            let counts = shadow.queue.counts
            if counts.dropped + counts.abandoned > 0 {
                Terminal.warn(
                    "shadow mode: \(counts.dropped) turn(s) not shadowed (queue full), "
                        + "\(counts.abandoned) stopped at exit; \(counts.finished) compared"
                )
            }
        }
        await engines.shutdown()
    }

    /// Whether two engines are the one local llama.cpp server, which serves one request at a time and interrupts a
    /// running request when another arrives: such engines must never be asked at the same time.
    static func sharesLocalServer(_ first: any ReasoningEngine, _ second: any ReasoningEngine) -> Bool {
        first is LocalLlamaEngine && second is LocalLlamaEngine
    }

    /// The Llama engine with its generation settings, as a turn uses it.
    static func llamaSlot(_ engines: EngineSet, _ settings: MaiaSettings) -> EngineSlot {
        EngineSlot(engine: engines.llama, parameters: llamaParameters(settings), parallelTools: false)
    }

    static func llamaParameters(_ settings: MaiaSettings) -> GenerationParameters {
        GenerationParameters(maxTokens: settings.llama.maxTokens, temperature: settings.llama.temperature)
    }

    /// Claude as a turn uses it, when there is a key.
    static func claudeSlot(_ engines: EngineSet) -> EngineSlot? {
        engines.claude.map {
            EngineSlot(engine: $0, parameters: GenerationParameters(maxTokens: 1024), parallelTools: true)
        }
    }

    private static func slots(
        _ engines: EngineSet,
        _ settings: MaiaSettings,
        _ choice: EngineChoice?
    ) throws
        -> [EngineSlot]
    {
        let llama = llamaSlot(engines, settings)
        let claude = claudeSlot(engines)
        switch choice {
        case .claude?:
            guard let claude else {
                throw CLIError("ANTHROPIC_API_KEY is missing: --engine claude needs a key (or use --engine llama)")
            }
            return [claude] + (settings.llama.enabled ? [llama] : [])
        case .llama?:
            return [llama] + (claude.map { [$0] } ?? [])
        case nil:
            if let notice = engines.notice { Terminal.warn(notice) }
            guard let claude else {
                return [
                    EngineSlot(engine: engines.primary, parameters: llamaParameters(settings), parallelTools: false)
                ]
            }
            return [claude] + (settings.llama.enabled ? [llama] : [])
        }
    }

    /// Answers one message, streaming the reply to stdout and tool use to stderr, then indexes the new messages.
    func turn(_ input: TurnInput, streaming: Bool = true) async throws -> TurnOutcome {
        let outcome = try await agent.respond(input) { event in
            switch event {
            case .textDelta(let text) where streaming:
                FileHandle.standardOutput.write(Data(text.utf8))
            case .fallback(let from, let to):
                Terminal.warn("\(from) failed; \(to) answers instead")
            default:
                break
            }
        }
        await runtime.indexPending()
        return outcome
    }

    /// Stops the local model server and exits when the user presses Ctrl-C: turns are stored before their reply
    /// is shown, so nothing finished is lost.
    func stopOnInterrupt() -> any DispatchSourceSignal {
        let conversation = self
        return Self.onInterrupt { await conversation.finish() }
    }

    /// Runs `cleanup` and exits with status 0 when the user presses Ctrl-C.
    static func onInterrupt(_ cleanup: @escaping @Sendable () async -> Void) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT)
        source.setEventHandler {
            Task {
                await cleanup()
                print("")
                Foundation.exit(0)
            }
        }
        source.resume()
        return source
    }
}

/// One line about the memory tools a turn used, on stderr so that stdout stays the conversation.
enum TurnSummary {
    static func printTools(_ outcome: TurnOutcome) {
        guard let run = outcome.run else { return }
        let tools = run.toolCalls.map(\.name)
        let used = tools.isEmpty ? "no memory tools" : "memory: " + tools.joined(separator: ", ")
        let cost = run.costUSD.map { String(format: ", $%.5f", $0) } ?? ""
        let line =
            "  [\(run.engine) · \(used) · \(run.usage.totalInputTokens)→\(run.usage.outputTokens) tokens\(cost) · "
            + "\(Int(run.latency.milliseconds)) ms]\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The `--json` shape of a memory turn (`maia ask --user … --json`).
enum TurnReport {
    static func json(_ outcome: TurnOutcome) -> JSONValue {
        let analysis = outcome.analysis
        let run = outcome.run
        let results = run?.toolResults ?? []
        return [
            "reply": .string(outcome.reply),
            "kind": .string(outcome.kind.rawValue),
            "engine": run.map { .string($0.engine) } ?? .null,
            "model": run.map { .string($0.model) } ?? .null,
            "language": analysis.languageCode.map(JSONValue.string) ?? "unknown",
            "element": .string(analysis.elements.dominant.name),
            "facet": analysis.elements.facet.map(JSONValue.string) ?? .null,
            "phase": .string(analysis.elements.phase.rawValue),
            "coherence": .number(analysis.coherence),
            "breakthrough": .bool(outcome.breakthrough),
            "tool_calls": .array(
                zip(run?.toolCalls ?? [], results).map { call, result in
                    ["name": .string(call.name), "arguments": call.arguments, "is_error": .bool(result.isError)]
                }
            ),
            "usage": [
                "input_tokens": .number(Double(run?.usage.totalInputTokens ?? 0)),
                "output_tokens": .number(Double(run?.usage.outputTokens ?? 0)),
            ],
            "cost_usd": run?.costUSD.map(JSONValue.number) ?? .null,
            "latency_ms": run.map { .number($0.latency.milliseconds) } ?? .null,
            "ttft_ms": run?.timeToFirstToken.map { .number($0.milliseconds) } ?? .null,
            "failed_engines": .array(outcome.failedEngines.map(JSONValue.string)),
            "stored_message_ids": .array(outcome.storedMessageIDs.map(JSONValue.string)),
        ]
    }
}
