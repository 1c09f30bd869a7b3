import MaiaAgent
import Testing

@Suite("ElementScorer")
struct ElementScorerTests {
    let scorer = ElementScorer()

    static let dominants: [(ArchetypeElement, String)] = [
        (.fire, "I feel this fierce passion and drive to create something, I'm so inspired!"),
        (.fire, "J'ai une passion brûlante, je suis tellement motivée et inspirée."),
        (.fire, "Ich bin so wütend, diese Wut brennt in mir."),
        (.fire, "Siento una pasión enorme y mucha motivación para crear."),
        (.fire, "Sono piena di passione ed entusiasmo, voglio creare."),
        (.fire, "मेरे अंदर बहुत जोश और जुनून है"),
        (.fire, "ฉันมีแรงบันดาลใจและหลงใหลในสิ่งนี้มาก"),
        (.water, "I cried all night, the grief and sadness are overwhelming."),
        (.water, "Je pleure tout le temps, mon coeur est plein de chagrin."),
        (.water, "Ich bin so traurig und habe geweint, die Trauer ist groß."),
        (.water, "Estoy triste, lloré toda la noche, me duele el corazón."),
        (.water, "Estou triste, chorei muito, sinto tanta saudade dele."),
        (.water, "Sono triste, ho pianto tutta la notte."),
        (.water, "मैं बहुत उदास हूँ, रात भर रोई"),
        (.water, "ฉันเศร้ามาก ร้องไห้ทั้งคืน"),
        (.earth, "Work is crushing me, the rent is due and money is tight."),
        (.earth, "Mon travail, l'argent, le loyer… je suis épuisée."),
        (.earth, "Die Arbeit, das Geld, die Miete – ich bin müde."),
        (.earth, "El trabajo, el dinero y el alquiler me tienen agotada."),
        (.earth, "O trabalho, o dinheiro e o aluguel me deixam exausta."),
        (.earth, "Il lavoro, i soldi e l'affitto mi stanno schiacciando."),
        (.earth, "नौकरी, पैसे और किराया, सब कुछ भारी है"),
        (.earth, "งานหนักมาก เงินก็ไม่พอ ค่าเช่าก็ต้องจ่าย"),
        (.air, "I had a long conversation with my friend about our relationship."),
        (.air, "J'ai parlé avec mon amie de notre relation."),
        (.air, "Ich hatte ein Gespräch mit meinem Freund über unsere Beziehung."),
        (.air, "Hablé con mi amiga sobre nuestra relación."),
        (.air, "Conversei com minha amiga sobre o nosso relacionamento."),
        (.air, "Ho parlato con la mia amica della nostra relazione."),
        (.air, "मैंने अपने दोस्त से अपने रिश्ते के बारे में बात की"),
        (.air, "คุยกับเพื่อนเรื่องความสัมพันธ์ของเรา"),
        (.aether, "I've been meditating and I feel connected to the universe, something sacred."),
        (.aether, "Je médite et je sens une présence sacrée, une unité avec l'univers."),
        (.aether, "Ich meditiere und spüre die Seele und das Universum."),
        (.aether, "Medito y siento mi alma unida al universo."),
        (.aether, "Eu medito e sinto minha alma ligada ao universo."),
        (.aether, "Medito e sento la mia anima unita all'universo."),
        (.aether, "ध्यान में मुझे आत्मा और ब्रह्मांड की एकता महसूस होती है"),
        (.aether, "ฉันนั่งสมาธิและรู้สึกถึงจิตวิญญาณและจักรวาล"),
    ]

    @Test("finds the dominant element in each language", arguments: dominants)
    func dominant(expected: ArchetypeElement, text: String) {
        let reading = scorer.score(text)
        #expect(reading.dominant == expected, "\(text): \(reading.scores) \(reading.evidence)")
        #expect(!reading.evidence.isEmpty)
    }

    @Test("defaults to Aether with no evidence", arguments: ["ok", "", "hmm 🙂", "12:30"])
    func defaultAether(text: String) {
        let reading = scorer.score(text)
        #expect(reading.dominant == .aether)
        #expect(reading.score(.aether) == 1)
        #expect(reading.facet == nil)
        #expect(reading.evidence.isEmpty)
        #expect(reading.coherence == 0)
        #expect(reading.evidenceWeight == 0)
    }

    @Test("normalises scores to sum to one")
    func normalised() {
        let reading = scorer.score("I'm angry at my friend and sad about the money.")
        let sum = reading.scores.values.reduce(0, +)
        #expect(abs(sum - 1) < 1e-9)
        #expect(reading.score(.fire) > 0 && reading.score(.water) > 0 && reading.score(.air) > 0)
    }

    @Test(
        "detects the Spiralogic phase",
        arguments: [
            (SpiralogicPhase.vector, "I want to start a new project, I finally decided."),
            (.vector, "Je veux commencer quelque chose de nouveau."),
            (.vector, "Quiero empezar una nueva etapa."),
            (.circle, "I keep falling into the same pattern again and again."),
            (.circle, "Ich falle immer wieder in dasselbe Muster."),
            (.circle, "Sempre a mesma coisa, de novo."),
            (.spiral, "I've grown so much, I accept it now and I'm at peace."),
            (.spiral, "Ho imparato la lezione, ora accetto e sono in pace."),
            (.spiral, "मैंने सबक सीखा, अब मैं इसे स्वीकार करती हूँ"),
            (.vector, "อยากจะเริ่มต้นสิ่งใหม่"),
            (.circle, "ok"),
        ]
    )
    func phase(expected: SpiralogicPhase, text: String) {
        #expect(scorer.score(text).phase == expected, "\(text)")
    }

    @Test("names the facet of the dominant element in its phase")
    func facet() {
        #expect(
            scorer.score("I keep crying again and again, the grief keeps coming back.").facet == "Inner Transformation"
        )
        #expect(scorer.score("I want to start a new job and finally build my career.").facet == "Purpose & Mission")
        #expect(scorer.score("My passion has grown into wisdom, I have transformed.").facet == "Transcendent Self")
        #expect(ArchetypeElement.air.facet(in: .spiral) == "Codified Systems")
        #expect(ArchetypeElement.aether.facet(in: .vector) == nil)
    }

    @Test(
        "reports the persona reframes",
        arguments: [
            (ElementalReframe.stuck, "I feel so stuck at work."),
            (.stuck, "Me siento estancada."),
            (.anxiety, "J'ai une angoisse terrible."),
            (.anxiety, "ฉันกังวลมาก"),
            (.depression, "Ich bin deprimiert."),
            (.depression, "मुझे डिप्रेशन है"),
            (.confusion, "Sono così confusa."),
            (.confusion, "Estou confusa com tudo."),
            (.numbness, "I just feel numb."),
            (.numbness, "No siento nada."),
        ]
    )
    func reframes(expected: ElementalReframe, text: String) {
        let reading = scorer.score(text)
        #expect(reading.reframe == expected, "\(text)")
        #expect(reading.score(expected.element) > 0)
    }

    @Test("gives the reframe labels of the persona")
    func reframeLabels() {
        #expect(ElementalReframe.stuck.label == "Earth fallow")
        #expect(ElementalReframe.anxiety.label == "Water frozen")
        #expect(ElementalReframe.depression.label == "Fire dampened")
        #expect(ElementalReframe.confusion.label == "Air stifled")
        #expect(ElementalReframe.numbness.label == "Aether veiled")
        #expect(ElementalReframe.numbness.element == .aether)
    }

    @Test("keeps coherence within 0…1 and orders one clear element above an even spread")
    func coherence() {
        let clear = scorer.score("So much grief, tears and sadness, I cried and cried.")
        let spread = scorer.score("Passion, tears, money, friends, soul.")
        let single = scorer.score("tears")
        for reading in [clear, spread, single] {
            #expect(reading.coherence >= 0 && reading.coherence <= 1)
        }
        #expect(clear.coherence > 0.9)
        #expect(spread.coherence < 0.05)
        #expect(single.coherence > 0 && single.coherence < clear.coherence)
        #expect(ElementScorer.coherence(of: [.fire: 1], evidenceWeight: 10) == 1)
        let even = Dictionary(uniqueKeysWithValues: ArchetypeElement.allCases.map { ($0, 0.2) })
        #expect(abs(ElementScorer.coherence(of: even, evidenceWeight: 10)) < 1e-9)
    }

    @Test("weighs the history less than the message, and keeps at most five evidence snippets")
    func history() {
        let reading = scorer.score("I talked with my friend.", history: ["grief", "tears", "sadness"])
        #expect(reading.dominant == .air)
        #expect(reading.score(.water) > 0)
        let historyOnly = scorer.score("ok", history: ["So much grief and tears."])
        #expect(historyOnly.dominant == .water)
        #expect(historyOnly.reframes.isEmpty)
        let many = scorer.score("passion anger tears grief money rent friends soul universe")
        #expect(many.evidence.count == 5)
    }
}
