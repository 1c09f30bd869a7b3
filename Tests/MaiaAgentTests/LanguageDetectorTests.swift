import MaiaAgent
import Testing

@Suite("LanguageDetector")
struct LanguageDetectorTests {
    let detector = LanguageDetector()

    static let samples: [(DetectedLanguage, String)] = [
        (.en, "I had a really rough day at work today and I just feel tired."),
        (.en, "Thank you, that helps."),
        (.en, "i dont know why i keep doing this to myself"),
        (.en, "Can we talk about my mother? Something she said last night is still bothering me."),
        (.en, "I realized I've been avoiding the people who love me because I'm scared they'll see how lost I am."),
        (.en, "good morning maia"),
        (.fr, "J'ai passé une journée difficile au travail et je me sens épuisée."),
        (.fr, "Merci beaucoup, ça m'aide vraiment."),
        (.fr, "je ne sais pas quoi faire avec ma soeur"),
        (.fr, "Bonjour, je voulais te parler de mon père."),
        (.fr, "Depuis que j'ai quitté Lyon, je me sens seule et j'ai l'impression que personne ne me comprend."),
        (.fr, "Ca va mieux aujourd'hui, j'ai bien dormi."),
        (.de, "Ich hatte heute einen schweren Tag bei der Arbeit und bin total müde."),
        (.de, "Danke, das hilft mir sehr."),
        (.de, "ich weiss nicht was ich machen soll"),
        (.de, "Meine Mutter ruft mich jeden Tag an und ich fühle mich schuldig, wenn ich nicht rangehe."),
        (.de, "Guten Morgen! Mir geht es heute besser."),
        (.es, "Hoy tuve un día muy difícil en el trabajo y estoy agotada."),
        (.es, "Gracias, me ayuda mucho."),
        (.es, "no se que hacer con mi hermano"),
        (.es, "Hola, ¿cómo estás? Quería hablarte de mi padre."),
        (.es, "Desde que me mudé a Madrid me siento sola y nadie parece entenderme."),
        (.pt, "Hoje tive um dia muito difícil no trabalho e estou exausta."),
        (.pt, "Obrigada, isso me ajuda muito."),
        (.pt, "eu nao sei o que fazer com meu irmao"),
        (.pt, "Olá, tudo bem? Queria falar com você sobre o meu pai."),
        (.pt, "Desde que me mudei para Lisboa eu me sinto sozinha e ninguém parece me entender."),
        (.it, "Oggi ho avuto una giornata molto difficile al lavoro e sono stanchissima."),
        (.it, "Grazie, mi aiuta molto."),
        (.it, "non so cosa fare con mio fratello"),
        (.it, "Ciao, come stai? Volevo parlarti di mio padre."),
        (.it, "Da quando mi sono trasferita a Milano mi sento sola e nessuno sembra capirmi."),
        (.hi, "आज काम पर बहुत मुश्किल दिन था और मैं बहुत थकी हुई हूँ।"),
        (.hi, "धन्यवाद, इससे मदद मिली।"),
        (.hi, "मुझे नहीं पता कि अपने भाई के साथ क्या करूँ"),
        (.hi, "नमस्ते, मैं अपने पिता के बारे में बात करना चाहती थी।"),
        (.hi, "जब से मैं दिल्ली आई हूँ, मुझे अकेलापन लगता है और कोई मुझे समझता नहीं।"),
        (.th, "วันนี้ที่ทำงานเหนื่อยมากเลย"),
        (.th, "ขอบคุณนะ ช่วยได้มากเลย"),
        (.th, "ฉันไม่รู้จะทำยังไงกับพี่ชาย"),
        (.th, "สวัสดีค่ะ อยากคุยเรื่องพ่อหน่อย"),
        (.th, "ตั้งแต่ย้ายมากรุงเทพ ฉันรู้สึกเหงาและไม่มีใครเข้าใจเลย"),
    ]

    @Test("recognises realistic companion messages in all eight languages", arguments: samples)
    func recognises(expected: DetectedLanguage, text: String) {
        #expect(detector.detect(text) == expected, "\(text): \(detector.latinScores(text))")
    }

    @Test(
        "recognises short messages of two or three words when they carry enough cues",
        arguments: [
            (DetectedLanguage.en, "I'm scared"), (.en, "I miss her so much"), (.fr, "tu me manques"),
            (.fr, "j'ai peur"), (.de, "ich bin traurig"), (.de, "ich habe Angst"), (.es, "tengo miedo"),
            (.es, "es difícil"), (.pt, "estou triste"), (.pt, "tenho medo"), (.it, "è difficile"), (.it, "ho paura"),
            (.en, "Maybe I'm overreacting?"), (.pt, "Talvez eu esteja exagerando?"), (.it, "Forse sto esagerando?"),
        ]
    )
    func short(expected: DetectedLanguage, text: String) {
        #expect(detector.detect(text) == expected, "\(text): \(detector.latinScores(text))")
    }

    @Test(
        "says unknown rather than guess",
        arguments: [
            "ok", "hmm", "😊😊", "👍", "12345", "", "   ", "?!", "lol", "Привет, как дела?", "今天我很累",
            "مرحبا كيف حالك", "안녕하세요", "Γεια σου", "hola", "merci",
        ]
    )
    func unknown(text: String) {
        #expect(detector.detect(text) == .unknown, "\(text)")
    }

    @Test(
        "tells Portuguese from Spanish and Italian from Spanish",
        arguments: [
            (DetectedLanguage.pt, "Eu não sei o que fazer da minha vida."),
            (.es, "No sé qué hacer con mi vida."),
            (.pt, "Estou muito cansada, não consigo dormir."),
            (.es, "Estoy muy cansada, no puedo dormir."),
            (.it, "Sono molto stanca, non riesco a dormire."),
            (.es, "Tengo miedo de perderlo todo."),
            (.it, "Ho paura di perdere tutto."),
            (.pt, "Tenho medo de perder tudo, mas sigo em frente."),
        ]
    )
    func confusable(expected: DetectedLanguage, text: String) {
        #expect(detector.detect(text) == expected, "\(text): \(detector.latinScores(text))")
    }

    @Test("gives ISO 639-1 codes and English names")
    func codesAndNames() {
        #expect(DetectedLanguage.fr.code == "fr")
        #expect(DetectedLanguage.fr.name == "French")
        #expect(DetectedLanguage.hi.name == "Hindi")
        #expect(DetectedLanguage.th.code == "th")
        #expect(DetectedLanguage.unknown.code == "und")
        #expect(DetectedLanguage.fr.replyInstruction == "Reply in French.")
        #expect(DetectedLanguage.unknown.replyInstruction == nil)
    }
}
