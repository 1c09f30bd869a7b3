/// The words that signal each Spiralogic phase, per language (same syntax as ``ElementLexicon``).
enum PhaseLexicon {
    /// Phase cues: vector = initiating, circle = processing and repeating, spiral = integrating and mastery.
    static let phases: [SpiralogicPhase: [DetectedLanguage: String]] = [
        .vector: [
            .en: "start*, begin*, new, first time, want to, going to, plan to, try, trying, launch*, decid*, initiat*",
            .fr: "commenc*, debut*, nouveau, nouvelle, lancer, envie de, je veux, premiere fois, essayer, decide*",
            .de: "anfang*, anfangen, beginn*, neu, neue*, starten, ich will, zum ersten mal, versuch*, entschieden",
            .es: "empez*, comenz*, nuevo, nueva, quiero, primera vez, intentar, decidi*, iniciar",
            .pt: "comec*, iniciar, novo, nova, quero, primeira vez, tentar, decidi*",
            .it: "inizi*, cominci*, nuovo, nuova, voglio, prima volta, provare, deciso, decisa",
            .hi: "शुरू, शुरुआत, नया, नई, नए, पहली बार, चाहता, चाहती, कोशिश",
            .th: "เริ่ม, ใหม่, อยากจะ, ครั้งแรก, ลองดู, ตัดสินใจ",
        ],
        .circle: [
            .en: "again, always, keep, keeps, pattern*, cycle*, same, over and over, every time, repeat*, process*, "
                + "going through, dealing with",
            .fr: "encore, toujours, pareil, meme chose, chaque fois, schema*, cycle*, repet*, je traverse",
            .de: "wieder, immer, jedes mal, muster, kreislauf, dasselbe, wiederhol*, verarbeit*",
            .es: "otra vez, de nuevo, siempre, cada vez, patron*, ciclo*, lo mismo, repit*, sigo, procesa*",
            .pt: "de novo, outra vez, sempre, toda vez, cada vez, padrao, padroes, ciclo*, mesma coisa, repet*, "
                + "process*",
            .it: "ancora, di nuovo, sempre, ogni volta, schema, schemi, ciclo, cicli, stessa cosa, ripet*, elabor*",
            .hi: "फिर से, बार बार, हमेशा, हर बार, पैटर्न, चक्र, वही, दोहरा*",
            .th: "อีกแล้ว, อีกครั้ง, ซ้ำ, เสมอ, ทุกครั้ง, วนเวียน, รูปแบบ, เหมือนเดิม",
        ],
        .spiral: [
            .en: "integrat*, transform*, mastery, master*, grown, growth, evolv*, wisdom, wiser, lesson*, learned, "
                + "full circle, at peace, accept*, let go, letting go, transcend*",
            .fr: "integr*, transform*, maitris*, grandi, evolu*, sagesse, lecon*, appris, accept*, lacher prise, "
                + "en paix, transcend*",
            .de: "integrier*, integration, verwandl*, transform*, gewachsen, wachstum, weisheit, gelernt, lektion*, "
                + "akzept*, loslassen, frieden, meister*",
            .es: "integr*, transform*, maestria, creci, crecimiento, evolu*, sabiduria, aprendi, leccion*, acept*, "
                + "soltar, en paz, trascend*",
            .pt: "integr*, transform*, maestria, cresci, crescimento, evolu*, sabedoria, aprendi, licao, licoes, "
                + "aceit*, deixar ir, em paz, transcend*",
            .it: "integr*, trasform*, padronanza, cresciut*, crescita, evolu*, saggezza, imparato, lezion*, accett*, "
                + "lasciare andare, in pace, trascend*",
            .hi: "बदलाव, परिवर्तन, विकास, सीखा, सबक, स्वीकार, शांति, ज्ञान, छोड़ दिया",
            .th: "เปลี่ยนแปลง, เติบโต, บทเรียน, ยอมรับ, ปล่อยวาง, สงบ, ปัญญา, ได้เรียนรู้",
        ],
    ]
}
