import MaiaCore
import MaiaExperiments
import Testing

@Suite("Scrubbing personal data before export")
struct PIIScrubberTests {
    func scrub(_ text: String, names: [String] = [], user: String? = nil) -> (String, [PIIScrubber.Kind: Int]) {
        var counts: [PIIScrubber.Kind: Int] = [:]
        let result = PIIScrubber(hiddenNames: names, userID: user).scrub(text, counts: &counts)
        return (result, counts)
    }

    @Test(
        "each kind becomes its placeholder and is counted",
        arguments: [
            ("mail me at jo.doe+x@mail.example.org today", "mail me at [EMAIL] today", PIIScrubber.Kind.email),
            ("call +1 (415) 555-0100 now", "call [PHONE] now", .phone),
            ("call 06 12 34 56 78", "call [PHONE]", .phone),
            ("or 0612345678.", "or [PHONE].", .phone),
            ("card 4111-1111-1111-1111 ok", "card [CARD_NUMBER] ok", .cardNumber),
            ("card 378282246310005", "card [CARD_NUMBER]", .cardNumber),
            (
                "see postgres://maia:s3cret@db.example:5432/maia please", "see [URL_WITH_CREDENTIALS] please",
                .urlCredentials
            ),
        ]
    )
    func kinds(text: String, expected: String, kind: PIIScrubber.Kind) {
        let (result, counts) = scrub(text)
        #expect(result == expected)
        #expect(counts == [kind: 1])
    }

    @Test("dates, years, times, plain URLs and short numbers are kept")
    func kept() {
        for text in [
            "on 2026-12-04 at 14:30", "on 04.12.2026", "in 1999 and 2026", "https://example.com/a?b=1", "room 12345",
            "I walked 10 km",
        ] {
            let (result, counts) = scrub(text)
            #expect(result == text)
            #expect(counts.isEmpty, "\(text): \(counts)")
        }
    }

    @Test("hidden names and the user id as whole words, ignoring case, longest first")
    func names() {
        let (result, counts) = scrub(
            "Anna Maria met anna and Annabel; ana_9 wrote.",
            names: ["Anna", "Anna Maria"],
            user: "ana_9"
        )
        #expect(result == "[NAME] met [NAME] and Annabel; [USER_ID] wrote.")
        #expect(counts == [.name: 2, .userID: 1])
    }

    @Test("strings inside JSON are scrubbed, keys and numbers kept")
    func json() {
        var counts: [PIIScrubber.Kind: Int] = [:]
        let value: JSONValue = ["user_id": "ana", "query": "Lena's email lena@x.example", "limit": 3]
        let result = PIIScrubber(hiddenNames: ["Lena"], userID: "ana").scrub(value, counts: &counts)
        #expect(result == ["user_id": "[USER_ID]", "query": "[NAME]'s email [EMAIL]", "limit": 3])
    }
}
