import MaiaAgent
import Testing

@Suite("BreakthroughDetector")
struct BreakthroughDetectorTests {
    let detector = BreakthroughDetector()

    static let breakthroughs: [(BreakthroughKind, String)] = [
        (.realisation, "I realized I've been carrying my father's fear all along."),
        (.realisation, "It finally clicked for me today."),
        (.realisation, "I just realized I've been waiting for permission my whole life."),
        (.realisation, "Something clicked today."),
        (.realisation, "Now I see why I keep pushing people away."),
        (.readiness, "I'm ready to let go of this relationship."),
        (.realisation, "J'ai compris que je n'ai pas besoin de son approbation."),
        (.realisation, "Je me suis rendu compte que j’avais peur."),
        (.readiness, "Je suis prête à tourner la page."),
        (.realisation, "Mir ist klar geworden, dass ich mehr Ruhe brauche."),
        (.realisation, "Jetzt verstehe ich, warum ich so reagiere."),
        (.readiness, "Ich bin bereit, neu anzufangen."),
        (.realisation, "Me di cuenta de que siempre busco aprobación."),
        (.realisation, "Ahora entiendo lo que me pasaba."),
        (.readiness, "Estoy lista para empezar de nuevo."),
        (.realisation, "Percebi que eu mereço descanso."),
        (.realisation, "Caiu a ficha: eu não preciso agradar todo mundo."),
        (.readiness, "Estou pronta para seguir em frente."),
        (.realisation, "Ho capito che devo volermi più bene."),
        (.realisation, "Mi sono resa conto che avevo paura."),
        (.readiness, "Sono pronto a ricominciare."),
        (.realisation, "मुझे एहसास हुआ कि मैं खुद को नज़रअंदाज़ कर रही थी।"),
        (.realisation, "अब मुझे समझ आया कि मैं क्यों डरती हूँ।"),
        (.readiness, "मैं तैयार हूँ आगे बढ़ने के लिए।"),
        (.realisation, "ฉันเพิ่งรู้ว่าฉันกลัวการถูกทิ้ง"),
        (.realisation, "ตอนนี้เข้าใจแล้วว่าทำไม"),
        (.readiness, "ฉันพร้อมที่จะเริ่มใหม่"),
    ]

    @Test("detects realisation and readiness language in all eight languages", arguments: breakthroughs)
    func detects(kind: BreakthroughKind, text: String) {
        let signal = detector.detect(text)
        #expect(signal.isBreakthrough, "\(text)")
        #expect(signal.kind == kind, "\(text)")
        #expect(signal.cue != nil)
        #expect(signal.confidence >= 0.5 && signal.confidence <= 1)
    }

    @Test(
        "ignores negated cues",
        arguments: [
            "I haven't realized anything yet.", "I didn't realise how late it was... no wait.",
            "I'm not ready to talk.",
            "Je n'ai pas compris ce qu'il voulait.", "Je ne suis pas prête à lui pardonner.",
            "Mir ist nicht klar geworden, was er meinte.", "Jetzt verstehe ich nicht mehr, was los ist.",
            "No me di cuenta de la hora.", "Todavía no estoy lista para hablar.", "Não percebi nada de diferente.",
            "Non ho capito cosa volesse dire.", "Non sono pronta a parlarne.", "मुझे एहसास नहीं हुआ।",
            "अब समझ नहीं आता क्या करूँ", "ฉันยังไม่เข้าใจเลย", "ฉันไม่พร้อมที่จะคุย",
        ]
    )
    func negations(text: String) {
        #expect(!detector.detect(text).isBreakthrough, "\(text)")
    }

    @Test(
        "stays quiet on ordinary messages",
        arguments: [
            "I had a long day at work.", "Il pleut encore à Paris.", "Ich habe Hunger.", "Hoy hace calor.",
            "Vou ao mercado.", "Domani vado al mare.", "आज बारिश हो रही है।", "วันนี้ฝนตก", "ok",
        ]
    )
    func ordinary(text: String) {
        #expect(detector.detect(text) == .none, "\(text)")
    }

    @Test("raises confidence with several cues and honours the threshold")
    func confidence() {
        let one = detector.detect("I realized something.")
        let two = detector.detect("I realized it and now I see it clearly; it finally clicked.")
        #expect(one.confidence == 0.9)
        #expect(two.confidence > one.confidence)
        #expect(two.confidence <= 1)
        #expect(detector.detect("Aha.").confidence == 0.5)
        let strict = BreakthroughDetector(threshold: 0.8)
        #expect(!strict.detect("I'm ready to try.").isBreakthrough)
        #expect(strict.detect("I realized it.").isBreakthrough)
    }
}
