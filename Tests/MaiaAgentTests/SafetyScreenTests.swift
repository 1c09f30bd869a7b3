import MaiaAgent
import Testing

@Suite("SafetyScreen")
struct SafetyScreenTests {
    let screen = SafetyScreen()

    static let crises: [(DetectedLanguage, CrisisCategory, String)] = [
        (.en, .suicide, "I keep thinking about killing myself."),
        (.en, .wishToDie, "Honestly I just WANT TO DIE"),
        (.en, .noWillToLive, "i don’t want to live anymore"),
        (.en, .selfHarm, "I cut myself again last night"),
        (.en, .suicide, "I've been having suicidal thoughts"),
        (.en, .suicide, "I'm thinking about ending it all."),
        (.fr, .wishToDie, "Je veux mourir, je n'en peux plus."),
        (.fr, .noWillToLive, "je ne veux plus vivre comme ça"),
        (.fr, .suicide, "J'ai pensé à me suicider hier soir."),
        (.fr, .selfHarm, "j’ai envie de me faire du mal"),
        (.de, .suicide, "Ich will mich umbringen."),
        (.de, .noWillToLive, "Ich will nicht mehr leben, alles ist zu viel."),
        (.de, .suicide, "Ich denke an Selbstmord."),
        (.de, .wishToDie, "Ich möchte sterben."),
        (.es, .wishToDie, "Quiero morir, ya no aguanto más."),
        (.es, .noWillToLive, "no quiero vivir así"),
        (.es, .suicide, "He pensado en suicidarme."),
        (.es, .selfHarm, "A veces me hago daño a propósito."),
        (.pt, .wishToDie, "Eu quero morrer."),
        (.pt, .noWillToLive, "Não quero mais viver."),
        (.pt, .suicide, "penso em me matar todos os dias"),
        (.it, .wishToDie, "Voglio morire."),
        (.it, .noWillToLive, "Non voglio più vivere."),
        (.it, .suicide, "Ho pensato al suicidio."),
        (.it, .selfHarm, "voglio farmi del male"),
        (.hi, .wishToDie, "मैं मरना चाहता हूँ।"),
        (.hi, .suicide, "मैं आत्महत्या के बारे में सोच रही हूँ।"),
        (.hi, .noWillToLive, "मैं अब और जीना नहीं चाहती।"),
        (.hi, .selfHarm, "मैं खुद को नुकसान पहुँचाना चाहता हूँ"),
        (.th, .wishToDie, "ฉันอยากตาย"),
        (.th, .suicide, "ฉันคิดจะฆ่าตัวตาย"),
        (.th, .noWillToLive, "ไม่อยากมีชีวิตอยู่แล้ว"),
        (.th, .selfHarm, "ช่วงนี้ฉันทำร้ายตัวเองบ่อย"),
    ]

    @Test("detects crisis language in all eight languages", arguments: crises)
    func detects(language: DetectedLanguage, category: CrisisCategory, text: String) {
        let assessment = screen.assess(text)
        #expect(assessment.isCrisis, "\(text)")
        #expect(assessment.category == category, "\(text)")
        #expect(assessment.language == language, "\(text)")
    }

    @Test(
        "does not flag ordinary figures of speech or ordinary talk",
        arguments: [
            "This deadline is killing me.", "I'm dying to see you!", "I'm dead tired after that shift.",
            "That cake was to die for.", "We watched Suicide Squad last night.",
            "I don't want to die, I'm scared of the surgery.",
            "Je suis morte de rire.", "Ce boulot va me tuer.", "Ich bin todmüde.", "Der Job bringt mich um.",
            "Me muero de ganas de verte.", "Mi jefe me mata con tanto trabajo.", "Estou morrendo de saudade.",
            "Minha mãe vai me matar se eu chegar tarde.", "Muoio dalla voglia di vederti.", "Sono stanco morto.",
            "मैं तुमसे मिलने के लिए मर रहा हूँ।", "หิวจะตายแล้ว", "ฉันไม่อยากตาย", "I had a lovely walk today.",
            "I don't want to wake up tomorrow for work.", "My phone died again.", "I'd die for a coffee right now.",
            "Je meurs de faim.", "We talked about suicide prevention at work.", "Mi fa morire dal ridere.",
            "Ich sterbe vor Langeweile.", "Estoy muerta de cansancio.", "Estou morta de cansaço.",
        ]
    )
    func figuresOfSpeech(text: String) {
        #expect(!screen.assess(text).isCrisis, "\(text)")
    }

    @Test(
        "detects passive wishes not to wake up",
        arguments: [
            "I wish I could go to sleep and never wake up.", "J'aimerais ne jamais me réveiller.",
            "Ich möchte einfach nie wieder aufwachen.", "Quisiera dormir y no despertar nunca.",
            "Queria dormir e nunca mais acordar.", "Vorrei addormentarmi e non svegliarmi mai più.",
            "I don't see any reason to keep living.", "Everyone would be better off if I was dead.",
            "Não vejo motivo para viver.",
        ]
    )
    func passiveWishes(text: String) {
        #expect(screen.assess(text).isCrisis, "\(text)")
    }

    @Test("is robust to case, accents and apostrophes")
    func robust() {
        #expect(screen.assess("I DONT WANT TO LIVE").isCrisis)
        #expect(screen.assess("i don't want to live").isCrisis)
        #expect(screen.assess("je ne veux plus vivre").isCrisis)
        #expect(screen.assess("Nao quero mais viver").isCrisis)
        #expect(screen.assess("ich mochte sterben").isCrisis)
        #expect(screen.assess("NON VOGLIO PIÙ VIVERE").isCrisis)
    }

    @Test("names the cue's language when the message is too short to detect")
    func shortMessageLanguage() {
        let assessment = screen.assess("quiero morir")
        #expect(assessment.isCrisis)
        #expect(assessment.language == .es)
        #expect(assessment.cue == "quiero morir")
    }

    @Test("gives a default helpline text in every language, mentioning 988 and findahelpline.com")
    func defaultReplies() {
        let reply = CrisisReply()
        for language in DetectedLanguage.allCases {
            let text = reply.text(for: language)
            #expect(text.contains("988"), "\(language)")
            #expect(text.contains("findahelpline.com"), "\(language)")
        }
        #expect(reply.text(for: .unknown) == reply.text(for: .en))
        #expect(reply.text(for: .en).contains("not alone"))
    }

    @Test("lets the caller configure the helpline text")
    func configuredReplies() {
        let reply = CrisisReply(texts: [.en: "Call 112 or Samaritans on 116 123."])
        #expect(reply.text(for: .en) == "Call 112 or Samaritans on 116 123.")
        #expect(reply.text(for: .fr) == CrisisReply.defaultTexts[.fr])
        #expect(reply.text(for: .unknown) == "Call 112 or Samaritans on 116 123.")
        let only = CrisisReply(texts: [.de: "Bitte ruf 112 an."], useDefaults: false)
        #expect(only.text(for: .de) == "Bitte ruf 112 an.")
        #expect(only.text(for: .en) == "")
    }
}
