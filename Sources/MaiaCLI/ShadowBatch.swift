import Foundation
import MaiaAgent
import MaiaApp
import MaiaCore
import MaiaExperiments

/// `maia shadow` over a prompt set: up to `concurrency` prompts compared at once, one writer appending each
/// finished comparison to the log before it is reported, a summary at the end.
struct ShadowBatch {
    let setup: ShadowSetup
    let concurrency: Int

    private typealias Finished = (index: Int, result: Result<ShadowRecord, AgentError>)

    func run(_ prompts: [ShadowPrompt]) async throws {
        let session = SessionID("shadow-\(ISO8601.format(Date()).prefix(19))")
        let (finished, sink) = AsyncStream<Finished>.makeStream()
        let trial = setup.trial
        let concurrency = concurrency
        async let comparing: Void = Self.compare(
            prompts,
            session: session,
            trial: trial,
            concurrency: concurrency,
            sink
        )
        var progress = ShadowProgress(total: prompts.count)
        var records: [Int: ShadowRecord] = [:]
        var skipped: [String] = []
        // A single writer: a comparison is on disk before it is reported, and at most one is between the two.
        for await (index, result) in finished {
            switch result {
            case .success(let record):
                try await setup.log.append(record)
                records[index] = record
            case .failure(let error):
                skipped.append("prompt \(index + 1): \(error)")
            }
            progress.advance(logged: records.count, failed: skipped.count)
        }
        await comparing
        progress.end()
        print(ShadowSummary.text(records.sorted { $0.key < $1.key }.map(\.value), log: setup.log.path))
        if !skipped.isEmpty {
            throw CLIError("\(skipped.count) prompt(s) could not be compared: \(skipped.joined(separator: "; "))")
        }
    }

    private static func compare(
        _ prompts: [ShadowPrompt],
        session: SessionID?,
        trial: ShadowTrial,
        concurrency: Int,
        _ sink: AsyncStream<Finished>.Continuation
    ) async {
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func start() {
                let index = next
                next += 1
                let prompt = prompts[index]
                group.addTask {
                    let input = TurnInput(user: prompt.user, session: session, message: prompt.message)
                    let result: Result<ShadowRecord, AgentError>
                    do throws(AgentError) {
                        result = .success(try await trial.compare(input, source: .batch))
                    } catch {
                        result = .failure(error)
                    }
                    sink.yield((index, result))
                }
            }
            while next < min(concurrency, prompts.count) { start() }
            while await group.next() != nil {
                if next < prompts.count { start() }
            }
        }
        sink.finish()
    }
}

/// The progress of a batch on stderr: a bar on a terminal, one line per comparison otherwise (for logs and
/// scripts that follow a run).
struct ShadowProgress {
    let total: Int
    private(set) var done = 0
    private let terminal = isatty(STDERR_FILENO) == 1

    init(total: Int) {
        self.total = total
    }

    /// Counts one finished prompt; `logged` comparisons are on disk.
    mutating func advance(logged: Int, failed: Int) {
        done += 1
        let note = "\(logged) logged" + (failed > 0 ? ", \(failed) failed" : "")
        if terminal {
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Terminal.progress("shadow [\(bar)] \(done)/\(total) · \(note)")
        } else {
            FileHandle.standardError.write(Data("shadow: \(done)/\(total) done, \(note)\n".utf8))
        }
    }

    func end() {
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
