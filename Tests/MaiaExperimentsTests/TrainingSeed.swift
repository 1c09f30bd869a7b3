import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting

/// A store with consenting and non-consenting people, tool-using turns (stored as the agent stores them), crisis
/// turns and personal data, for the training export tests.
struct TrainingSeed {
    let folder: TemporaryDirectory
    let store: SQLiteStore

    static let ana = UserID("ana")!
    static let bob = UserID("bob")!
    static let dan = UserID("dan")!
    static let erin = UserID("erin")!

    /// Words only non-consenting or forgotten people said: none may appear in any export.
    static let secrets = [
        "bob-zebra-7781", "Bobs garden shed", "dan-quokka-5512", "erin-walrus-9034", "erin@walrus.example",
    ]
    /// Ana's personal data: replaced in every export.
    static let anaPII = [
        "ana.p@example.com", "+33 6 12 34 56 78", "4111 1111 1111 1111", "hunter2", "Lena", "lena",
    ]

    static func at(_ minutes: Double) -> Date { Date(timeIntervalSince1970: 1_790_000_000 + minutes * 60) }

    init() async throws {
        folder = try TemporaryDirectory()
        store = try SQLiteStore(path: folder.url.appendingPathComponent("maia.sqlite").path)
        let ana = Self.ana
        try await turn(
            ana,
            "s1",
            0,
            "Hi, I am writing from ana.p@example.com, call me on +33 6 12 34 56 78.",
            "Hello Ana, it is good to hear from you."
        )
        try await turn(
            ana,
            "s1",
            1,
            "My card 4111 1111 1111 1111 was declined; the login https://ana:hunter2@mail.example.com/inbox fails too.",
            "That sounds stressful; let us take it one step at a time."
        )
        try await turn(
            ana,
            "s1",
            2,
            "What did I say about Lena last week?",
            "You said Lena helped you move, and you felt grateful.",
            calls: [
                Self.call(
                    "c1",
                    "query_mem0",
                    ["user_id": "ana", "query": "Lena", "limit": 3],
                    round: 1,
                    result: #"[{"content":"lena helped me move on 2026-11-20"}]"#
                ),
                Self.call(
                    "c2",
                    "recall_breakthroughs",
                    ["user_id": "ana", "limit": 2],
                    round: 1,
                    result: "[]"
                ),
                Self.call(
                    "c3",
                    "lookup_supabase",
                    ["user_id": "ana", "limit": 2],
                    round: 2,
                    result: "unknown user",
                    isError: true
                ),
            ]
        )
        // A crisis turn as the agent stores it (both messages marked), and one imported without the mark.
        try await turn(
            ana,
            "s1",
            3,
            "I want to end my life tonight.",
            "I'm really glad you told me.",
            metadata: ["safety": "crisis"]
        )
        try await turn(ana, "s2", 10, "Honestly I want to kill myself.", "Please reach out to someone now.")
        // Older tool calls were stored without results: the exchange is left out, the answer kept.
        try await turn(
            ana,
            "s2",
            11,
            "Remind me of my breakthroughs.",
            "You found courage in October.",
            calls: [["name": "recall_breakthroughs", "arguments": ["user_id": "ana"]]]
        )
        // A question without a reply.
        _ = try await store.append(
            [NewMessage(role: .user, content: "Are you there?", sessionID: SessionID("s2"), createdAt: Self.at(12))],
            for: ana
        )
        _ = try await store.setTrainingConsent(true, hiddenNames: ["Lena"], at: Self.at(0), for: ana)
        // Cleo's session is word for word Ana's second one, at the same time: one example, not two.
        let cleo = UserID("cleo")!
        try await turn(
            cleo,
            "s2",
            11,
            "Remind me of my breakthroughs.",
            "You found courage in October.",
            calls: [["name": "recall_breakthroughs", "arguments": ["user_id": "cleo"]]]
        )
        _ = try await store.setTrainingConsent(true, hiddenNames: [], at: Self.at(0), for: cleo)

        try await turn(Self.bob, "s1", 0, "bob-zebra-7781 is my code; Bobs garden shed is where I hide.", "Noted.")
        try await turn(Self.dan, "s1", 0, "dan-quokka-5512 is my old password.", "Thank you for trusting me.")
        _ = try await store.setTrainingConsent(true, hiddenNames: nil, at: Self.at(0), for: Self.dan)
        _ = try await store.forget(Self.dan)
        // Dan came back after forget: consent starts again at no.
        try await turn(Self.dan, "s9", 30, "dan-quokka-5512 again, I am back.", "Welcome back.")
        try await turn(Self.erin, "s1", 0, "Write to erin@walrus.example about erin-walrus-9034.", "I will keep it.")
        _ = try await store.setTrainingConsent(true, hiddenNames: nil, at: Self.at(0), for: Self.erin)
        _ = try await store.setTrainingConsent(false, hiddenNames: nil, at: Self.at(1), for: Self.erin)
    }

    /// Consenting people with one plain turn each, to exercise the train/validation split.
    func addCrowd(_ count: Int) async throws {
        for index in 0..<count {
            let user = UserID("crowd-\(index)")!
            try await turn(
                user,
                "s1",
                Double(index),
                "Crowd member \(index) feels hopeful today.",
                "That hope is worth keeping, \(index)."
            )
            _ = try await store.setTrainingConsent(true, hiddenNames: nil, at: Self.at(0), for: user)
        }
    }

    static func call(
        _ id: String,
        _ name: String,
        _ arguments: JSONValue,
        round: Int,
        result: String,
        isError: Bool = false
    ) -> JSONValue {
        [
            "id": .string(id), "name": .string(name), "arguments": arguments, "round": .number(Double(round)),
            "result": .string(result), "is_error": .bool(isError),
        ]
    }

    func turn(
        _ user: UserID,
        _ session: String,
        _ minute: Double,
        _ question: String,
        _ reply: String,
        calls: [JSONValue] = [],
        metadata: JSONValue = [:]
    ) async throws {
        var replyMetadata = metadata.objectValue ?? [:]
        if !calls.isEmpty { replyMetadata["tool_calls"] = .array(calls) }
        _ = try await store.append(
            [
                NewMessage(
                    role: .user,
                    content: question,
                    sessionID: SessionID(session),
                    createdAt: Self.at(minute),
                    language: "en",
                    metadata: metadata
                ),
                NewMessage(
                    role: .maia,
                    content: reply,
                    sessionID: SessionID(session),
                    createdAt: Self.at(minute + 0.5),
                    language: "en",
                    engine: "claude",
                    metadata: .object(replyMetadata)
                ),
            ],
            for: user
        )
    }
}
