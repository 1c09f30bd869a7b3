import Foundation
import MaiaCore
import MaiaMemory
import MaiaTesting
import Testing

/// Training consent in the canonical store, on every backend: opt-in, per user, with its time, erased by `forget`.
@Suite("Training consent (every backend)")
struct TrainingConsentStoreTests {
    let ana = UserID("ana")!
    let bob = UserID("bob")!

    private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

    @Test(
        "no answer means none; yes and no are stored with their time; names are kept unless replaced",
        arguments: StoreBackend.tested
    )
    func roundTrip(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.trainingConsent(for: ana) == nil)
            let given = try await store.setTrainingConsent(
                true,
                hiddenNames: [" Lena ", "lena", "", "Porto"],
                at: at(1),
                for: ana
            )
            #expect(
                given
                    == TrainingConsent(userID: "ana", training: true, hiddenNames: ["Lena", "Porto"], changedAt: at(1))
            )
            #expect(try await store.trainingConsent(for: ana) == given)
            // Bob's row is his own: Ana's answer is not his.
            #expect(try await store.trainingConsent(for: bob) == nil)
            let withdrawn = try await store.setTrainingConsent(false, hiddenNames: nil, at: at(2), for: ana)
            #expect(withdrawn.training == false)
            #expect(withdrawn.hiddenNames == ["Lena", "Porto"])
            #expect(withdrawn.changedAt == at(2))
            let renamed = try await store.setTrainingConsent(true, hiddenNames: [], at: at(3), for: ana)
            #expect(renamed.hiddenNames.isEmpty)
        }
    }

    @Test("forget erases the consent: a forgotten person starts again at no", arguments: StoreBackend.tested)
    func forgetErases(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append([NewMessage(role: .user, content: "hello")], for: ana)
            _ = try await store.setTrainingConsent(true, hiddenNames: ["Lena"], at: at(1), for: ana)
            _ = try await store.setTrainingConsent(true, hiddenNames: nil, at: at(1), for: bob)
            _ = try await store.forget(ana)
            #expect(try await store.trainingConsent(for: ana) == nil)
            #expect(try await store.trainingConsent(for: bob)?.training == true)
        }
    }
}
