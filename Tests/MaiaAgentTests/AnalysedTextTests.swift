import Testing

@testable import MaiaAgent

@Suite("Text normalisation and phrase matching")
struct AnalysedTextTests {
    @Test("folds case, Latin accents, ß, œ and curly apostrophes")
    func folding() {
        #expect(AnalysedText.fold("Épuisée") == "epuisee")
        #expect(AnalysedText.fold("MÜDE Straße") == "mude strasse")
        #expect(AnalysedText.fold("cœur") == "coeur")
        #expect(AnalysedText.fold("j’ai") == "j'ai")
        #expect(AnalysedText.fold("NÃO") == "nao")
    }

    @Test("keeps Devanagari and Thai vowel signs, which Foundation's diacritic folding would strip")
    func otherScripts() {
        #expect(AnalysedText.fold("मुझे एहसास हुआ") == "मुझे एहसास हुआ")
        #expect(AnalysedText.fold("ฉันเพิ่งรู้ว่า") == "ฉันเพิ่งรู้ว่า")
    }

    @Test("splits words at spaces, punctuation and apostrophes")
    func tokens() {
        let text = AnalysedText("J'ai compris — self-harm, haven't!")
        #expect(text.tokens.map(\.folded) == ["j", "ai", "compris", "self", "harm", "haven", "t"])
        #expect(text.tokens[0].original == "j")
        #expect(!text.hasThai)
        #expect(AnalysedText("ฉัน เศร้า").compact.count == "ฉันเศร้า".unicodeScalars.count)
    }

    @Test("matches whole words, word prefixes, word sequences and Thai substrings")
    func matching() {
        let matcher = PhraseMatcher<Int>([("sad", 1), ("inspir*", 2), ("want to die", 3), ("เศร้า", 4)])
        #expect(matcher.matches(in: AnalysedText("I am sad")).map(\.payload) == [1])
        #expect(matcher.matches(in: AnalysedText("sadly, no")).isEmpty)
        #expect(matcher.matches(in: AnalysedText("Inspired!")).map(\.payload) == [2])
        #expect(matcher.matches(in: AnalysedText("I want to die")).map(\.payload) == [3])
        #expect(matcher.matches(in: AnalysedText("I want to dine")).isEmpty)
        let thai = matcher.matches(in: AnalysedText("วันนี้ ฉันเศร้ามาก"))
        #expect(thai.map(\.payload) == [4])
        #expect(thai.first?.tokens == nil)
        #expect(thai.first?.snippet.contains("เศร้า") == true)
    }

    @Test("gives a snippet with context and the words around a match")
    func context() throws {
        let matcher = PhraseMatcher<Int>([("realized", 1)])
        let match = try #require(
            matcher.matches(in: AnalysedText("Today I haven't realized anything new at all")).first
        )
        #expect(match.preceding == ["i", "haven", "t"])
        #expect(match.following == ["anything", "new"])
        #expect(match.snippet.hasPrefix("i haven t realized"))
    }
}
