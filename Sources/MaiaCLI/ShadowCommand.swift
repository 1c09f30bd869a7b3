import ArgumentParser
import Foundation
import MaiaAgent
import MaiaApp
import MaiaConfig
import MaiaCore
import MaiaEngines
import MaiaExperiments

/// The engine that judges shadow comparisons, or none.
enum JudgeChoice: String, ExpressibleByArgument, CaseIterable {
    case claude, llama, none
}

/// `maia shadow`: the primary and the candidate answer the same turns; every comparison is appended to the log.
struct ShadowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shadow",
        abstract:
            "Run prompts through the primary engine and the Llama candidate side by side, logging each comparison.",
        discussion: """
            The test users' memories are planted first, so that memory tools have something to find; nothing the \
            engines answer is stored as conversation. The default prompts are the seed's four scenarios and one \
            message in each of French, German, Spanish, Hindi, Portuguese, Italian and Thai. --prompts reads one \
            prompt per line, or JSON Lines objects with "prompt" (or "message") and optionally "user". Each \
            comparison is appended to LLAMA_SHADOW_LOG_PATH (or --log) as soon as it finishes. Without \
            ENABLE_LLAMA=true the candidate is the local SmolLM2 model; without ANTHROPIC_API_KEY it is the primary \
            too.
            """
    )

    @Option(help: "A prompt file: one prompt per line, or JSON Lines with \"prompt\"/\"message\" (+ \"user\").")
    var prompts: String?

    @Flag(
        name: [.customLong("interactive"), .customShort("i")],
        help: "Type messages and see both replies side by side."
    )
    var interactive = false

    // Numbers are read unconditionally so that a negative one reaches the range check (not "Missing value").
    @Option(parsing: .unconditional, help: "Prompts compared at once, 1 to 16.")
    var concurrency = 2

    @Option(
        help: "Judge each comparison with this engine, asked twice with the replies swapped: claude, llama or none."
    )
    var judge: JudgeChoice = .none

    @Option(help: "The shadow log (default: LLAMA_SHADOW_LOG_PATH).")
    var log: String?

    @Option(parsing: .unconditional, help: "Seconds each engine may take per turn, 1 to 3600.")
    var timeout = 120

    @Option(help: "The test user of --interactive (default: the first test user, whose memories are planted).")
    var user: String?

    func validate() throws {
        guard (1...16).contains(concurrency) else {
            throw ValidationError("--concurrency must be a whole number from 1 to 16, got \(concurrency)")
        }
        guard (1...3600).contains(timeout) else {
            throw ValidationError("--timeout must be a whole number of seconds from 1 to 3600, got \(timeout)")
        }
        if let log, log.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--log must be a file path")
        }
        if interactive, prompts != nil {
            throw ValidationError("--prompts and --interactive exclude each other: a run reads either a file or you")
        }
        if let user {
            guard interactive else {
                throw ValidationError("--user is for --interactive (prompt files name users per line)")
            }
            _ = try IDArgument.user(user)
        }
    }

    func run() async throws {
        let promptSet = try loadPrompts()
        try await Runtime.with { runtime in
            let setup = try ShadowSetup(runtime: runtime, judge: judge, timeout: .seconds(timeout), logPath: log)
            let stop = interactive ? Conversation.onInterrupt { await setup.engines.shutdown() } : nil
            defer { stop?.cancel() }
            do {
                try await setup.plantMemories()
                if interactive {
                    let userID = try user.map { try IDArgument.user($0) } ?? ShadowSeed.users[0]
                    try await ShadowInteractive(setup: setup, user: userID).run()
                } else {
                    try await ShadowBatch(setup: setup, concurrency: setup.sharesLocalServer ? 1 : concurrency).run(
                        promptSet
                    )
                }
                await setup.engines.shutdown()
            } catch {
                await setup.engines.shutdown()
                throw error
            }
        }
    }

    private func loadPrompts() throws -> [ShadowPrompt] {
        guard let prompts else { return ShadowPromptSet.defaults }
        var reader = try LineReader(path: prompts, option: "--prompts")
        defer { reader.close() }
        var lines: [String] = []
        while let line = reader.next() {
            switch line {
            case .success(let text): lines.append(text)
            case .failure(let error): throw CLIError("--prompts: line \(lines.count + 1) of \(prompts): \(error)")
            }
        }
        do {
            return try ShadowPromptSet.parse(lines)
        } catch {
            throw CLIError("--prompts \(prompts): \(error)")
        }
    }
}
