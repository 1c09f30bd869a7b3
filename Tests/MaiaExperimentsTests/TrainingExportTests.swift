import Foundation
import MaiaAgent
import MaiaCore
import MaiaEngines
import MaiaExperiments
import MaiaMemory
import MaiaTesting
import Testing

/// `maia export finetune` on a seeded store: consent, scrubbing, crisis turns, tool exchanges, formats, the split.
@Suite("Fine-tuning export")
struct TrainingExportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/training")
    static let python = LocalPaths(environment: ProcessInfo.processInfo.environment).cache
        .appendingPathComponent("venv/bin/python").path

    func export(_ format: TrainingFormat, share: Double = 0, crowd: Int = 0) async throws -> TrainingSet {
        let seed = try await TrainingSeed()
        try await seed.addCrowd(crowd)
        return try await TrainingExporter(store: seed.store).finetune(
            TrainingExportOptions(format: format, validationShare: share)
        )
    }

    @Test(
        "nothing from non-consenting, withdrawn or forgotten people, and no raw personal data, in any format",
        arguments: TrainingFormat.allCases
    )
    func nothingLeaks(format: TrainingFormat) async throws {
        let set = try await export(format, share: 0.5, crowd: 6)
        let bytes = Data((set.train + set.validation).joined(separator: "\n").utf8)
        #expect(!set.train.isEmpty)
        for secret in TrainingSeed.secrets + TrainingSeed.anaPII {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(format): \(secret) is in the output")
        }
        // Not even as JSON escapes: the output is scanned after decoding too.
        let decoded = (set.train + set.validation).compactMap(JSONValue.init(parsing:)).map(\.jsonText).joined()
        for secret in TrainingSeed.secrets { #expect(!decoded.contains(secret)) }
        #expect(set.summary.excluded[.usersWithoutConsent] == 3)  // bob, dan (back after forget), erin
        #expect(set.summary.excluded[.crisisTurns] == 2)
        #expect(set.summary.excluded[.duplicates] == 1)  // cleo's copy of ana's second session
        #expect(set.summary.excluded[.toolExchangesWithoutResults] == 2)  // ana's and cleo's (counted before dedup)
        #expect(set.summary.excluded[.unpairedMessages] == 1)
        #expect(set.summary.scrubbed[.email] == 1)
        #expect(set.summary.scrubbed[.phone] == 1)
        #expect(set.summary.scrubbed[.cardNumber] == 1)
        #expect(set.summary.scrubbed[.urlCredentials] == 1)
        #expect((set.summary.scrubbed[.name] ?? 0) >= 3)
        #expect((set.summary.scrubbed[.userID] ?? 0) >= 3)  // the tool arguments' user_id
        for placeholder in ["[EMAIL]", "[PHONE]", "[CARD_NUMBER]", "[URL_WITH_CREDENTIALS]", "[NAME]", "[USER_ID]"] {
            #expect(bytes.range(of: Data(placeholder.utf8)) != nil, "\(format): no \(placeholder)")
        }
    }

    @Test("crisis turns are kept only when asked for")
    func includeCrisis() async throws {
        let seed = try await TrainingSeed()
        let set = try await TrainingExporter(store: seed.store).finetune(
            TrainingExportOptions(validationShare: 0, includeCrisis: true)
        )
        #expect(set.summary.excluded[.crisisTurns] == nil)
        #expect(set.train.joined().contains("end my life"))
    }

    @Test("--since leaves out earlier turns")
    func since() async throws {
        let seed = try await TrainingSeed()
        let set = try await TrainingExporter(store: seed.store).finetune(
            TrainingExportOptions(since: TrainingSeed.at(10), validationShare: 0)
        )
        #expect(set.summary.excluded[.beforeSince] == 4)  // ana's 4 turns of s1
        #expect(set.summary.excluded[.duplicates] == 1)
        #expect(set.train.count == 1)
        #expect(set.train[0].contains("courage in October"))
    }

    @Test("every line validates against its format's JSON Schema", arguments: TrainingFormat.allCases)
    func schema(format: TrainingFormat) async throws {
        try #require(TestRequirements.runs(needing: Self.python), "scripts/setup.sh test installs the venv")
        let set = try await export(format)
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("lines.jsonl")
        try Data((set.train.map { $0 + "\n" }).joined().utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = [
            Self.fixtures.appendingPathComponent("validate_lines.py").path,
            Self.fixtures.appendingPathComponent("\(format.rawValue).schema.json").path, file.path,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readToEndRetrying(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("valid \(set.train.count)"), "\(text)")
    }

    @Test("messages: calls as objects in one assistant turn per round, then their results by name")
    func messagesToolTurns() async throws {
        let set = try await export(.messages)
        let line = try #require(
            set.train.compactMap(JSONValue.init(parsing:)).first { $0.jsonText.contains("query_mem0") }
        )
        let messages = try #require(line["messages"]?.arrayValue)
        let roles = messages.compactMap { $0["role"]?.stringValue }
        // system, then turns 1-2, then turn 3: assistant(2 calls), tool, tool, assistant(1 call), tool, assistant.
        #expect(
            roles == [
                "system", "user", "assistant", "user", "assistant", "user", "assistant", "tool", "tool",
                "assistant", "tool", "assistant",
            ]
        )
        #expect(messages[6]["tool_calls"]?.arrayValue?.count == 2)
        #expect(messages[6]["tool_calls"]?[0]?["function"]?["arguments"]?["user_id"] == "[USER_ID]")
        #expect(messages[7]["name"] == "query_mem0")
        #expect(messages[10]["content"] == "Error: unknown user")
        #expect(line["tools"]?.arrayValue?.count == MemoryToolCatalog.turnTools.count)
        #expect(messages[0]["content"]?.stringValue?.contains("\"[USER_ID]\"") == true)
    }

    @Test("openai: arguments are JSON strings and every call id is answered by the next tool messages")
    func openAILinks() async throws {
        let set = try await export(.openai)
        var linked = 0
        for line in set.train {
            let messages = try #require(JSONValue(parsing: line)?["messages"]?.arrayValue)
            for (index, message) in messages.enumerated() {
                guard let calls = message["tool_calls"]?.arrayValue else { continue }
                #expect(message["content"] == .null)
                let answers = messages[(index + 1)...].prefix { $0["role"] == "tool" }.compactMap { $0["tool_call_id"] }
                #expect(answers == calls.compactMap { $0["id"] })
                for call in calls {
                    let arguments = try #require(call["function"]?["arguments"]?.stringValue)
                    #expect(JSONValue(parsing: arguments)?.objectValue != nil)
                    linked += 1
                }
            }
        }
        #expect(linked == 3)
    }

    @Test("llama3-text: one call per assistant turn (parallel calls split), the engines' renderer's layout")
    func llamaSplit() async throws {
        let set = try await export(.llama3Text)
        let text = try #require(
            set.train.compactMap { JSONValue(parsing: $0)?["text"]?.stringValue }.first { $0.contains("query_mem0") }
        )
        #expect(text.hasPrefix("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\n"))
        #expect(text.hasSuffix("You said [NAME] helped you move, and you felt grateful.<|eot_id|>"))
        let assistantTurns = text.components(separatedBy: "<|start_header_id|>assistant<|end_header_id|>\n\n")
            .dropFirst()
        let callTurns = assistantTurns.filter { $0.contains("\"parameters\"") }
        #expect(callTurns.count == 3)
        for turn in callTurns {
            let body = turn.components(separatedBy: "<|eot_id|>")[0]
            #expect(body.components(separatedBy: "\"name\"").count == 2, "more than one call in \(body)")
        }
        #expect(text.components(separatedBy: "<|start_header_id|>ipython<|end_header_id|>").count == 4)
        #expect(text.contains("<|start_header_id|>ipython<|end_header_id|>\n\nError: unknown user<|eot_id|>"))
    }

    @Test("train and validation never share a person, and the split is stable")
    func splitByPerson() async throws {
        let set = try await export(.messages, share: 0.5, crowd: 12)
        #expect(set.summary.train.users.isDisjoint(with: set.summary.validation.users))
        #expect(!set.summary.train.users.isEmpty)
        #expect(!set.summary.validation.users.isEmpty)
        #expect(set.train.count == set.summary.train.conversations)
        #expect(set.validation.count == set.summary.validation.conversations)
        let again = try await export(.messages, share: 0.5, crowd: 12)
        #expect(again.summary.validation.users == set.summary.validation.users)
        #expect(!TrainingSet.isValidation("anyone", share: 0))
        #expect(TrainingSet.isValidation("anyone", share: 1))
    }

    @Test("the summary counts conversations, turns, Llama 3.1 tokens and users, in JSON and text")
    func summary() async throws {
        let set = try await export(.messages)
        let json = set.summary.json
        #expect(json["conversations"] == .number(Double(set.train.count)))
        #expect(json["users"] == 1)  // ana (cleo's only example was a duplicate)
        #expect(json["turns"] == 4)  // s1: 3 turns (the crisis turn left out); s2: 1 (the other is a crisis)
        let tokens = try #require(json["tokens"]?.numberValue)
        // The estimate of each example's Llama 3.1 rendering, whatever the format written.
        let llama = try await export(.llama3Text)
        let estimated = llama.train.compactMap { JSONValue(parsing: $0)?["text"]?.stringValue }.map(
            ContextBudget.estimate
        )
        #expect(estimated.count == set.train.count)
        #expect(Int(tokens) == estimated.reduce(0, +))
        #expect(tokens > 1000)  // the system prompt with its tool definitions alone is several hundred
        #expect(json["excluded"]?["users_without_consent"] == 3)
        #expect(set.summary.text.contains("excluded: "))
        #expect(set.summary.text.contains("3 users_without_consent"))
        #expect(!set.summary.text.contains("ana"))
    }
}
