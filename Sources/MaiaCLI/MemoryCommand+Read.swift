import ArgumentParser
import MaiaApp
import MaiaCore
import MaiaMemory

extension MemoryCommand {
    /// `maia memory search`: hybrid search over a user's memories.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search a user's memories by meaning and words.")

        @OptionGroup var user: UserOption
        @Option(help: "What to look for.") var query: String
        // Unconditional, so that `--k -5` reaches the range check instead of reading as a flag `-5`.
        @Option(parsing: .unconditional, help: "How many results (1-100).") var k = 10
        @Option(help: "hybrid, vector or keyword.") var mode: MemorySearch.Mode = .hybrid
        @OptionGroup var output: OutputOption

        /// How many of the user's queued messages a search indexes before it answers.
        static let indexingBound = 256

        func validate() throws {
            guard !query.allSatisfy(\.isWhitespace) else {
                throw ValidationError("--query must contain words to look for (it is empty)")
            }
            guard (1...100).contains(k) else { throw ValidationError("--k must be from 1 to 100 (got \(k))") }
        }

        func run() async throws {
            try await Runtime.with { runtime in
                if runtime.embedder != nil {
                    // Only the user's own queue, and only a bounded part of it, so that a search answers in about a
                    // second however large the backlog (anyone's) is; the rest is left to background indexing.
                    let report = await runtime.indexPending(among: .user(try user.id), atMost: Self.indexingBound)
                    if report?.stoppedAtBound == true {
                        Terminal.warn(
                            "some of this user's messages are still queued for indexing, so matches by meaning may "
                                + "miss them; `maia memory reindex` (or a running `maia serve`) indexes them"
                        )
                    }
                }
                let search = runtime.search
                let hits = try await search.search(query, for: try user.id, limit: k, mode: mode)
                if output.json {
                    print(JSONValue.array(hits.map { RecordJSON.searchHit($0) }).jsonText)
                } else {
                    for hit in hits { print(RecordText.line(hit.record, score: hit.score)) }
                }
            }
        }
    }

    /// `maia memory recent`: the newest messages.
    struct Recent: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's most recent messages, newest first.")

        @OptionGroup var user: UserOption
        @OptionGroup var limit: LimitOption
        @OptionGroup var output: OutputOption

        func run() async throws {
            try await Runtime.with { runtime in
                RecordText.print(
                    try await runtime.store.recent(for: try user.id, limit: limit.limit),
                    json: output.json
                )
            }
        }
    }

    /// `maia memory breakthroughs`: the marked breakthrough moments.
    struct Breakthroughs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a user's breakthrough moments, newest first.")

        @OptionGroup var user: UserOption
        @OptionGroup var limit: LimitOption
        @OptionGroup var output: OutputOption

        func run() async throws {
            try await Runtime.with { runtime in
                RecordText.print(
                    try await runtime.store.breakthroughs(for: try user.id, limit: limit.limit),
                    json: output.json
                )
            }
        }
    }

    /// `maia memory mark`: marks or unmarks a breakthrough by hand.
    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark (or with --unmark, unmark) a breakthrough.")

        @OptionGroup var user: UserOption
        @Option(help: "The message id (from `maia memory recent --json`).") var id: String
        @Flag(help: "Remove the breakthrough mark instead.") var unmark = false

        func run() async throws {
            try await Runtime.with { runtime in
                try await runtime.store.setBreakthrough(!unmark, messageID: id, for: try user.id)
                print(unmark ? "unmarked \(id)" : "marked \(id) as a breakthrough")
            }
        }
    }
}
