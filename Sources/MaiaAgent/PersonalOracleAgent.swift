public import Foundation
public import MaiaCore
public import MaiaEngines
public import MaiaMemory

/// One request to MAIA: who is speaking, in which session, and what they said.
public struct TurnInput: Sendable {
    public var user: UserID
    public var session: SessionID?
    public var message: String
    /// Idempotency key of the turn: retrying with the same id stores the turn once.
    public var turnID: String

    /// Creates a turn input with a fresh turn id unless one is given.
    public init(user: UserID, session: SessionID?, message: String, turnID: String? = nil) {
        self.user = user
        self.session = session
        self.message = message
        self.turnID = turnID ?? UUID().uuidString.lowercased()
    }
}

/// How a turn was answered, with everything a client shows or logs.
public struct TurnOutcome: Sendable {
    /// Why the reply is what it is.
    public enum Kind: String, Sendable {
        /// The model answered.
        case answer
        /// The message was empty: an invitation to share, nothing stored.
        case invitation
        /// Crisis language: the safety reply, stored and flagged, no model call.
        case crisis
    }

    public var kind: Kind
    public var reply: String
    public var analysis: TurnAnalysis
    /// Whether the user's message was stored as a breakthrough (detected or flagged by the model).
    public var breakthrough: Bool
    /// The engine run, for answers.
    public var run: EngineRun?
    /// Engines that failed before the one that answered, with their errors.
    public var failedEngines: [String]
    /// Ids of the stored user message and reply.
    public var storedMessageIDs: [String]
    /// The agent's own time for the turn, engines and store included (a server's overhead is measured beside it).
    public var elapsed: Duration = .zero
}

/// The heart of MAIA: validates the message, screens for crisis, detects language and elements, lets the model
/// orchestrate memory through tools, and stores the exchange in one transaction.
public struct PersonalOracleAgent: Sendable {
    /// Tunable behaviour.
    public struct Configuration: Sendable {
        /// Rounds in which the model may call tools before it must answer (default 4).
        public var maxToolRounds = 4
        /// Longest message accepted, in characters.
        public var maxMessageCharacters = 8000
        /// Messages of the current session included as conversation history.
        public var historyMessages = 12
        /// When the agent retrieves memory for the model itself (`MAIA_MEMORY_PREFETCH`).
        public var memoryPrefetch = MemoryPrefetchMode.auto
        /// Most estimated tokens of prefetched memory in a prompt.
        public var prefetchTokens = 160
        /// The reply to crisis language, per language (helpline guidance; configurable).
        public var crisisReply = CrisisReply()
        /// The longest the engines may take for one turn, retries and fallbacks included (`MAIA_TURN_TIMEOUT`).
        public var turnTimeout: Duration = .seconds(180)

        /// Default configuration.
        public init() {}
    }

    let store: any MemoryStore
    let search: MemorySearch
    /// Chooses each turn's engines (the primary first, then the fallbacks, tried in order).
    let selector: any EngineSelector
    let configuration: Configuration
    let now: @Sendable () -> Date
    /// Sees every model turn once prepared (live shadow testing); `nil` for none.
    let observer: (any TurnObserver)?

    /// Creates an agent whose turns try `engines` in order.
    public init(
        store: any MemoryStore,
        search: MemorySearch,
        engines: [EngineSlot],
        configuration: Configuration = .init(),
        observer: (any TurnObserver)? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.init(
            store: store,
            search: search,
            selector: FixedEngines(engines),
            configuration: configuration,
            observer: observer,
            now: now
        )
    }

    /// Creates an agent that asks `selector` for each turn's engines (percentage routing).
    public init(
        store: any MemoryStore,
        search: MemorySearch,
        selector: any EngineSelector,
        configuration: Configuration = .init(),
        observer: (any TurnObserver)? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.store = store
        self.search = search
        self.selector = selector
        self.configuration = configuration
        self.observer = observer
        self.now = now
    }

    /// Answers one message.
    public func respond(
        _ input: TurnInput,
        onEvent: @escaping @Sendable (TurnEvent) -> Void = { _ in }
    ) async throws(AgentError)
        -> TurnOutcome
    {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = try await untimedRespond(input, onEvent: onEvent)
        outcome.elapsed = start.duration(to: clock.now)
        return outcome
    }

    private func untimedRespond(
        _ input: TurnInput,
        onEvent: @escaping @Sendable (TurnEvent) -> Void
    ) async throws(AgentError)
        -> TurnOutcome
    {
        let text = input.message.trimmingCharacters(in: .whitespacesAndNewlines)
        let analysis = TurnAnalysis.of(text)
        if text.isEmpty {
            return TurnOutcome(
                kind: .invitation,
                reply: analysis.invitation,
                analysis: analysis,
                breakthrough: false,
                run: nil,
                failedEngines: [],
                storedMessageIDs: []
            )
        }
        guard text.count <= configuration.maxMessageCharacters else {
            throw AgentError(
                .invalidInput,
                "a message is at most \(configuration.maxMessageCharacters) characters; this one has \(text.count)"
            )
        }
        do {
            try MessageValidation.check(NewMessage(role: .user, content: text))
        } catch {
            throw AgentError(.invalidInput, error.message)
        }
        if analysis.isCrisis { return try await crisis(input, text: text, analysis: analysis) }
        let selection = await selector.select(for: input)
        let context = try await prepare(input, text: text, analysis: analysis, engines: selection.engines)
        let observers = [selection.shadowed ? observer : nil, selection.observer].compactMap { $0 }
        let observed = observers.map { $0.turnPrepared(context, input: input, analysis: analysis) }
        do {
            let outcome = try await answer(
                input,
                text: text,
                analysis: analysis,
                context: context,
                engines: selection.engines,
                onEvent: onEvent
            )
            for watcher in observed { watcher(outcome) }
            return outcome
        } catch {
            for watcher in observed { watcher(nil) }
            throw error
        }
    }

    /// Lets the engines answer in order, the first success being stored, all within the turn's time limit.
    ///
    /// Only an engine failure moves on to the next engine: a storage failure ends the turn with its own error, since
    /// another engine's answer could not be stored either (and the person would see two replies).
    private func answer(
        _ input: TurnInput,
        text: String,
        analysis: TurnAnalysis,
        context: PreparedTurn,
        engines: [EngineSlot],
        onEvent: @escaping @Sendable (TurnEvent) -> Void
    ) async throws(AgentError) -> TurnOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + configuration.turnTimeout
        var failures: [String] = []
        for (index, slot) in engines.enumerated() {
            if index > 0 { onEvent(.fallback(from: engines[index - 1].engine.name, to: slot.engine.name)) }
            let run: EngineRun
            do {
                let runner = TurnRunner(slot: slot, executor: context.executor)
                let rounds = configuration.maxToolRounds
                run = try await Deadline.run(until: deadline) {
                    try await runner.run(context, maxToolRounds: rounds, onEvent: onEvent)
                }
            } catch let error as AgentError where error.code == .invalidInput {
                throw error
            } catch is Deadline.Exceeded {
                failures.append("\(slot.engine.name): stopped at the time limit")
                let limit = configuration.turnTimeout.components.seconds
                let elapsed = String(format: "%.1f", (clock.now - started).milliseconds / 1000)
                throw AgentError(
                    .enginesFailed,
                    "no engine answered within the turn's time limit of \(limit) s (MAIA_TURN_TIMEOUT); the turn ran "
                        + "\(elapsed) s (\(failures.joined(separator: "; "))); nothing was stored, try again"
                )
            } catch {
                failures.append("\(slot.engine.name): \(error)")
                continue
            }
            return try await persist(input, text: text, analysis: analysis, run: run, failures: failures)
        }
        throw AgentError(
            .enginesFailed,
            "no engine could answer (\(failures.joined(separator: "; "))); nothing was stored, try again"
        )
    }

    /// Everything a turn's engines share: the same prompt per profile, history, tools and memory snapshot.
    public struct PreparedTurn: Sendable {
        /// The full-profile prompt.
        public var system: String { system(for: .full) }
        public let messages: [ChatMessage]
        public let executor: MemoryToolExecutor
        public let startedAt: Date
        let userID: String
        let languageName: String?
        let day: String
        let prefetchMode: MemoryPrefetchMode
        /// `nil` when no engine of the turn gets prefetched memory.
        let prefetched: PrefetchedMemory?

        /// The memory given to a model of `profile`, `nil` for none.
        public func memory(for profile: PromptProfile) -> PrefetchedMemory? {
            prefetchMode.applies(to: profile) ? prefetched : nil
        }

        /// The system prompt of a model of `profile`.
        public func system(for profile: PromptProfile) -> String {
            OraclePrompt.system(
                profile,
                userID: userID,
                languageName: languageName,
                date: day,
                memory: memory(for: profile)?.promptText
            )
        }
    }

    /// Builds the prompt, history and tool executor of a turn (also used to give a shadow engine the same turn).
    public func prepare(
        _ input: TurnInput,
        text: String,
        analysis: TurnAnalysis
    ) async throws(AgentError) -> PreparedTurn {
        let engines = await selector.select(for: input).engines
        return try await prepare(input, text: text, analysis: analysis, engines: engines)
    }

    /// Builds the turn for `engines`, which decide whether memory is prefetched.
    private func prepare(
        _ input: TurnInput,
        text: String,
        analysis: TurnAnalysis,
        engines: [EngineSlot]
    ) async throws(AgentError) -> PreparedTurn {
        let startedAt = now()
        let history: [MemoryRecord]
        do {
            history = try await store.recent(
                for: input.user,
                limit: configuration.historyMessages,
                in: RecentScope(sessions: .only(input.session))
            ).reversed()
        } catch {
            throw AgentError(.storage, "memory could not be read: \(error)")
        }
        let messages: [ChatMessage] =
            history.map { $0.role == .user ? .user($0.content) : .assistant($0.content) } + [.user(text)]
        let day = startedAt.formatted(.iso8601.year().month().day())
        let executor = MemoryToolExecutor(
            user: input.user,
            store: store,
            search: search,
            currentMessage: text,
            asOf: startedAt
        )
        return PreparedTurn(
            messages: messages,
            executor: executor,
            startedAt: startedAt,
            userID: input.user.rawValue,
            languageName: analysis.languageName,
            day: day,
            prefetchMode: configuration.memoryPrefetch,
            prefetched: try await prefetch(text, input: input, history: history, engines: engines, asOf: startedAt)
        )
    }

    /// Prefetched memory when an engine of the turn (or a shadow of the same profile) will get it.
    private func prefetch(
        _ text: String,
        input: TurnInput,
        history: [MemoryRecord],
        engines: [EngineSlot],
        asOf: Date
    ) async throws(AgentError) -> PrefetchedMemory? {
        let profiles = Set(engines.map(\.profile)).union(observer == nil ? [] : [.full, .compact])
        guard profiles.contains(where: configuration.memoryPrefetch.applies) else { return nil }
        do {
            return try await MemoryPrefetcher(store: store, search: search, tokenBudget: configuration.prefetchTokens)
                .prefetch(for: text, user: input.user, excluding: Set(history.map(\.id)), asOf: asOf)
        } catch {
            throw AgentError(.storage, "memory could not be read: \(error)")
        }
    }

    private func persist(
        _ input: TurnInput,
        text: String,
        analysis: TurnAnalysis,
        run: EngineRun,
        failures: [String]
    )
        async throws(AgentError) -> TurnOutcome
    {
        let breakthrough = analysis.isBreakthrough || run.flaggedBreakthrough
        // Each call is kept with its round and result (the tool's output fed back to the model): a fine-tuning export
        // replays the exchange exactly (`maia export finetune`), and it is this user's own memory.
        let calls: [JSONValue] = run.toolCalls.enumerated().map { index, call in
            var entry: [String: JSONValue] = [
                "id": .string(call.id), "name": .string(call.name), "arguments": call.arguments,
            ]
            if index < run.toolRounds.count { entry["round"] = .number(Double(run.toolRounds[index])) }
            if index < run.toolResults.count {
                entry["result"] = .string(run.toolResults[index].content)
                entry["is_error"] = .bool(run.toolResults[index].isError)
            }
            return .object(entry)
        }
        let userMessage = NewMessage(
            role: .user,
            content: text,
            sessionID: input.session,
            createdAt: now(),
            clientID: "\(input.turnID):user",
            language: analysis.languageCode,
            elementScores: analysis.elementScores,
            coherence: analysis.coherence,
            isBreakthrough: breakthrough
        )
        let reply = NewMessage(
            role: .maia,
            content: run.reply,
            sessionID: input.session,
            createdAt: now(),
            clientID: "\(input.turnID):maia",
            language: analysis.languageCode,
            engine: run.engine,
            model: run.model,
            metadata: [
                "tool_calls": .array(calls),
                "prefetched": run.prefetched.json,
                "input_tokens": .number(Double(run.usage.totalInputTokens)),
                "output_tokens": .number(Double(run.usage.outputTokens)),
                "cost_usd": run.costUSD.map(JSONValue.number) ?? .null,
                "latency_ms": .number(run.latency.milliseconds),
            ]
        )
        let stored = try await save(input, [userMessage, reply])
        return TurnOutcome(
            kind: .answer,
            reply: run.reply,
            analysis: analysis,
            breakthrough: breakthrough,
            run: run,
            failedEngines: failures,
            storedMessageIDs: stored
        )
    }

    private func crisis(
        _ input: TurnInput,
        text: String,
        analysis: TurnAnalysis
    ) async throws(AgentError) -> TurnOutcome {
        let reply = configuration.crisisReply.text(for: analysis.language)
        let flag: JSONValue = ["safety": "crisis"]
        let stored = try await save(
            input,
            [
                NewMessage(
                    role: .user,
                    content: text,
                    sessionID: input.session,
                    createdAt: now(),
                    clientID: "\(input.turnID):user",
                    language: analysis.languageCode,
                    metadata: flag
                ),
                NewMessage(
                    role: .maia,
                    content: reply,
                    sessionID: input.session,
                    createdAt: now(),
                    clientID: "\(input.turnID):maia",
                    language: analysis.languageCode,
                    engine: "safety-screen",
                    metadata: flag
                ),
            ]
        )
        return TurnOutcome(
            kind: .crisis,
            reply: reply,
            analysis: analysis,
            breakthrough: false,
            run: nil,
            failedEngines: [],
            storedMessageIDs: stored
        )
    }

    private func save(_ input: TurnInput, _ messages: [NewMessage]) async throws(AgentError) -> [String] {
        do {
            return try await store.append(messages, for: input.user).map(\.id)
        } catch {
            throw AgentError(.storage, "the turn could not be stored: \(error)")
        }
    }
}
