public import MaiaEngines
import Synchronization

/// A `ReasoningEngine` that replays scripted answers, one per call, and records the requests it received:
/// the protocol-level fake for testing the agent loop, routing and shadow runs without a model.
public final class ScriptedEngine: ReasoningEngine {
    /// One scripted answer: the events to stream, then optionally an error.
    public struct Script: Sendable {
        /// The events streamed, in order.
        public var events: [EngineEvent]
        /// An error thrown after the events, if any.
        public var failure: EngineError?

        /// Creates a script.
        public init(events: [EngineEvent], failure: EngineError? = nil) {
            self.events = events
            self.failure = failure
        }

        /// A plain answer: the text, usage, and `endTurn`.
        public static func text(
            _ text: String,
            usage: TokenUsage = TokenUsage(inputTokens: 10, outputTokens: 5)
        ) -> Script {
            Script(events: [.textDelta(text), .usage(usage), .finish(.endTurn)])
        }

        /// An answer that calls tools: optional text, the calls, usage, and `toolUse`.
        public static func toolCalls(
            _ calls: [ToolCall],
            text: String = "",
            usage: TokenUsage = TokenUsage(inputTokens: 10, outputTokens: 5)
        ) -> Script {
            let textEvents: [EngineEvent] = text.isEmpty ? [] : [.textDelta(text)]
            return Script(events: textEvents + calls.map { .toolCall($0) } + [.usage(usage), .finish(.toolUse)])
        }
    }

    private struct State {
        var scripts: [Script]
        var requests: [EngineRequest] = []
    }

    /// The engine's name in logs.
    public let name: String
    /// The model id reported in results.
    public let model: String
    /// The capabilities reported to callers.
    public let capabilities: EngineCapabilities
    private let state: Mutex<State>

    /// Creates an engine that answers successive calls with `scripts`; a call beyond them fails.
    public init(
        name: String = "scripted",
        model: String = "scripted-model",
        capabilities: EngineCapabilities = EngineCapabilities(),
        scripts: [Script]
    ) {
        self.name = name
        self.model = model
        self.capabilities = capabilities
        self.state = Mutex(State(scripts: scripts))
    }

    /// Every request received so far, in order.
    public var requests: [EngineRequest] {
        state.withLock { $0.requests }
    }

    /// Records `request` and streams the next script; fails when none is left.
    public func stream(_ request: EngineRequest) -> EngineEventStream {
        let script = state.withLock { state -> Script? in
            state.requests.append(request)
            return state.scripts.isEmpty ? nil : state.scripts.removeFirst()
        }
        return EngineEventStream.producing { continuation in
            guard let script else {
                throw EngineError(code: .invalidRequest, message: "The scripted engine has no answer left.")
            }
            for event in script.events {
                try Task.checkCancellation()
                continuation.yield(event)
            }
            if let failure = script.failure { throw failure }
        }
    }
}
