import MaiaAgent
import Testing

@testable import MaiaExperiments

@Suite("Deterministic reply checks")
struct ReplyChecksTests {
    func failed(_ reply: String, error: String? = nil, language: DetectedLanguage = .en) -> [ReplyCheck] {
        ReplyChecks.failed(reply: reply, error: error, language: language)
    }

    static let good =
        "I hear how heavy this feels. You told me before that your yes protects something. "
        + "What would it feel like to pause, just for today?"

    @Test("a warm, short reply in the user's language passes every check")
    func passes() {
        #expect(failed(Self.good).isEmpty)
    }

    @Test("an engine error is the only check reported when the engine failed")
    func error() {
        #expect(failed("", error: "llama timed out after 30 s") == [.error])
    }

    @Test("empty and whitespace-only replies are empty")
    func empty() {
        #expect(failed("") == [.empty])
        #expect(failed(" \n\t ") == [.empty])
        #expect(!failed("Yes.").contains(.empty))
    }

    @Test("tool-call JSON, pythonic calls and control tokens in the text are leaks; ordinary braces are not")
    func leaks() {
        #expect(
            failed(#"{"name": "query_mem0", "parameters": {"user_id": "u1", "query": "stuck"}}"#).contains(
                .leakedToolCall
            )
        )
        #expect(failed("<|python_tag|>lookup_supabase.call(user_id=\"u1\", limit=5)").contains(.leakedToolCall))
        #expect(failed("I hear you.<|eot_id|>").contains(.leakedToolCall))
        #expect(failed("<function=recall_breakthroughs>{\"user_id\": \"u1\"}</function>").contains(.leakedToolCall))
        #expect(!failed("I hear you {really}, and I am here.").contains(.leakedToolCall))
        #expect(!failed(Self.good).contains(.leakedToolCall))
    }

    @Test("a reply in another language than the user's is a mismatch; unknown on either side never is")
    func language() {
        let french = "Je suis là pour toi. Dis-moi ce qui te pèse le plus aujourd'hui, et nous avancerons ensemble."
        #expect(failed(french, language: .en).contains(.languageMismatch))
        #expect(!failed(french, language: .fr).contains(.languageMismatch))
        #expect(!failed(french, language: .unknown).contains(.languageMismatch))
        #expect(!failed("🌱 🌊", language: .en).contains(.languageMismatch))
        #expect(!failed("Ok.", language: .fr).contains(.languageMismatch))
        let hindi = "मैं आपकी बात सुन रही हूँ। आप अकेले नहीं हैं।"
        #expect(failed(hindi, language: .th).contains(.languageMismatch))
        #expect(!failed(hindi, language: .hi).contains(.languageMismatch))
    }

    @Test("more than 150 words, more than five sentences or more than 1,000 characters is over length")
    func length() {
        let words = Array(repeating: "calm", count: 151).joined(separator: " ") + "."
        #expect(failed(words).contains(.overLength))
        let exactly = Array(repeating: "calm", count: 150).joined(separator: " ") + "."
        #expect(!failed(exactly).contains(.overLength))
        let sentences = Array(repeating: "I am here.", count: 6).joined(separator: " ")
        #expect(failed(sentences).contains(.overLength))
        let four = "I am here. You matter! Can we breathe together? Let's stay with this..."
        #expect(!failed(four).contains(.overLength))
        #expect(ReplyChecks.sentenceCount(four) == 4)
        let thai = String(repeating: "ฉันอยู่ตรงนี้เสมอ", count: 120)
        #expect(failed(thai, language: .th).contains(.overLength))
    }

    @Test("refusals and AI disclaimers in the eight languages are refusals; look-alikes are not")
    func refusals() {
        let refusals = [
            "As an AI, I don't have feelings, but I can listen.",
            "I can't help with that request.",
            "Je ne peux pas vous aider avec cela.",
            "Als KI habe ich keine Erinnerungen.",
            "Lo siento, no puedo ayudarte con eso.",
            "Não posso ajudar com isso.",
            "Mi dispiace, non posso aiutarti.",
            "माफ़ कीजिए, मैं मदद नहीं कर सकता।",
            "ขอโทษ ฉันไม่สามารถช่วยเรื่องนี้ได้",
            "I’m unable to help with this.",
        ]
        for text in refusals {
            #expect(failed(text, language: .unknown).contains(.refusal), "\(text)")
        }
        let lookAlikes = [
            "Als Kind hattest du oft Angst, erinnerst du dich?",
            "I can't help noticing how much you care about her.",
            "You used your savings as an aid to start again.",
            Self.good,
        ]
        for text in lookAlikes {
            #expect(!failed(text, language: .unknown).contains(.refusal), "\(text)")
        }
    }
}
