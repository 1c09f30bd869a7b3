import MaiaEngines

/// An engine that replays a fixed list of events, optionally then failing.
struct ScriptedEngine: ReasoningEngine {
    var name = "scripted"
    var model: String
    var capabilities = EngineCapabilities()
    var events: [EngineEvent]
    var failure: EngineError?

    func stream(_ request: EngineRequest) -> EngineEventStream {
        EngineEventStream.producing { continuation in
            for event in events { continuation.yield(event) }
            if let failure { throw failure }
        }
    }
}
