public import Foundation
public import MaiaCore
public import MaiaMemory

/// The test users of `maia shadow` and the memories planted for them before a run, so that the memory tools of
/// both engines have something real to find: past sessions, a pattern, a breakthrough. Planting is idempotent
/// (fixed client ids), so repeated runs see the same memories.
public enum ShadowSeed {
    /// The first speaks English (the seed's scenarios), the second the multilingual set.
    public static let users: [UserID] = [UserID("shadow-test-user-1")!, UserID("shadow-test-user-2")!]

    /// A past message: who said it, how many days before the run, and whether it was a breakthrough.
    struct Memory {
        var role: Role
        var daysAgo: Double
        var text: String
        var breakthrough = false
    }

    static let memories: [UserID: [Memory]] = [
        users[0]: [
            Memory(
                role: .user,
                daysAgo: 9,
                text: "I keep saying yes to projects I don't care about, and I end up exhausted."
            ),
            Memory(
                role: .maia,
                daysAgo: 9,
                text: "It sounds like your yes is protecting something. What would a no cost you?"
            ),
            Memory(
                role: .user,
                daysAgo: 8,
                text: "My last two relationships ended the same way: I pulled away as soon as things got serious."
            ),
            Memory(
                role: .maia,
                daysAgo: 8,
                text: "Pulling away when closeness grows is a pattern worth listening to, gently."
            ),
            Memory(
                role: .user,
                daysAgo: 7,
                text: "I realized I'm afraid of being seen fully. That's why I run when someone gets close.",
                breakthrough: true
            ),
            Memory(
                role: .user,
                daysAgo: 6,
                text: "Work feels stagnant. I want to start a pottery studio but I never begin."
            ),
        ],
        users[1]: [
            Memory(role: .user, daysAgo: 10, text: "J'ai peur de quitter mon travail, même s'il m'épuise."),
            Memory(role: .user, daysAgo: 8, text: "Ich schreibe wieder Tagebuch, das hilft mir, klarer zu sehen."),
            Memory(
                role: .user,
                daysAgo: 7,
                text: "Me di cuenta de que mi miedo al cambio viene de mi infancia.",
                breakthrough: true
            ),
            Memory(role: .user, daysAgo: 5, text: "Sinto saudade de quando eu pintava todos os dias."),
        ],
    ]

    /// Stores the test users' memories (once; later calls find them stored) dated relative to `now`.
    /// - Returns: how many memories the test users have from the seed.
    @discardableResult
    public static func plant(into store: any MemoryStore, now: Date = Date()) async throws(MemoryError) -> Int {
        var count = 0
        for user in users {
            let messages = (memories[user] ?? []).enumerated().map { index, memory in
                NewMessage(
                    role: memory.role,
                    content: memory.text,
                    sessionID: SessionID("shadow-seed-\(Int(memory.daysAgo))"),
                    createdAt: now.addingTimeInterval(-memory.daysAgo * 86_400 + Double(index)),
                    clientID: "shadow-seed:\(index)",
                    isBreakthrough: memory.breakthrough
                )
            }
            count += try await store.append(messages, for: user).count
        }
        return count
    }
}
