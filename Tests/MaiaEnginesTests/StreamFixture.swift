import Foundation
import MaiaCore
import MaiaEngines
import Testing

/// What decoding a stream produced: every event before the end, and the error that ended it, if any.
struct StreamOutcome: Equatable, CustomStringConvertible {
    var events: [EngineEvent]
    var errorCode: EngineError.Code?
    var providerErrorType: String?

    var description: String { "\(events) error: \(errorCode.map(\.description) ?? "none") \(providerErrorType ?? "")" }
}

/// Which decoder a fixture is for.
enum StreamDialect: Sendable {
    case anthropic
    case openAIChat
    case tgiGenerate

    func decode(_ chunks: [[UInt8]]) async -> StreamOutcome {
        switch self {
        case .anthropic: await Self.run(chunks, AnthropicStreamDecoder())
        case .openAIChat: await Self.run(chunks, OpenAIChatStreamDecoder())
        case .tgiGenerate: await Self.run(chunks, TGIGenerateStreamDecoder())
        }
    }

    private static func run<D: StreamEventDecoder>(_ chunks: [[UInt8]], _ decoder: D) async -> StreamOutcome {
        var outcome = StreamOutcome(events: [])
        do {
            for try await event in AsyncStreamOf(chunks).engineEvents(decodedBy: decoder) {
                outcome.events.append(event)
            }
        } catch let error as EngineError {
            outcome.errorCode = error.code
            outcome.providerErrorType = error.providerErrorType
        } catch {
            outcome.errorCode = EngineError.Code.malformedResponse
            outcome.providerErrorType = "unexpected \(type(of: error))"
        }
        return outcome
    }
}

/// A recorded-style payload in `Tests/Fixtures/engines/` and what decoding it must give.
struct StreamFixture: Sendable, CustomTestStringConvertible {
    let file: String
    let dialect: StreamDialect
    let events: [EngineEvent]
    var errorCode: EngineError.Code?
    var providerErrorType: String?

    var testDescription: String { file }

    var expected: StreamOutcome {
        StreamOutcome(events: events, errorCode: errorCode, providerErrorType: providerErrorType)
    }

    func bytes() throws -> [UInt8] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: folder.appendingPathComponent("Fixtures/engines/\(file)")))
    }
}
