/// Realisation, clarity and readiness phrases per language, and the negations that cancel them.
///
/// Same syntax as ``ElementLexicon`` (comma-separated, folded, `*` for a word prefix, Thai as substrings).
/// Phrases are first-person where the language allows, so "you realized" or "he understood" do not count.
enum BreakthroughLexicon {
    /// Cue phrases per kind and language.
    static let cues: [BreakthroughKind: [DetectedLanguage: String]] = [
        .realisation: [
            .en: """
            i realized, i realised, just realized, just realised, something clicked, clicked for me, i ve realized, i ve realised, i have realized, i have realised, it clicked,
            finally clicked, i finally realized, i finally realised, finally realized, finally realised, now i see, now i understand, i finally understand, i finally see, i get it now,
            makes sense now, epiphany, breakthrough, eye opening, the penny dropped, i see it now,
            i understand now, dawned on me, i finally get it
            """,
            .fr: """
            j ai compris, j ai realise, je viens de comprendre, je viens de realiser, je me suis rendu compte, je me suis rendue compte, je realise, fait tilt,
            declic, maintenant je comprends, maintenant je vois, tout s eclaire, tout prend sens,
            prise de conscience, j ai enfin compris, je comprends enfin, revelation
            """,
            .de: """
            mir ist klar geworden, ich habe gerade erkannt, ist mir klar geworden, mir wurde klar, ich habe erkannt, ich habe verstanden,
            ich hab verstanden, jetzt verstehe ich, jetzt sehe ich, endlich verstanden, klick gemacht, erkenntnis,
            durchbruch, mir ist bewusst geworden, ist mir bewusst geworden, ich begreife
            """,
            .es: """
            me di cuenta, me he dado cuenta, acabo de darme cuenta, ahora entiendo, ahora lo entiendo, ahora veo, por fin entendi,
            por fin lo entendi, entendi que, comprendi, lo entendi, me cayo el veinte, hizo clic,
            todo tiene sentido, revelacion, descubri que
            """,
            .pt: """
            percebi, me dei conta, acabei de perceber, caiu a ficha, caiu minha ficha, agora entendo, agora eu entendo, agora vejo,
            finalmente entendi, entendi que, compreendi, tudo faz sentido, descobri que, revelacao
            """,
            .it: """
            ho capito, mi sono reso conto, mi sono resa conto, mi sono appena reso conto, mi sono appena resa conto, ho realizzato, adesso capisco, ora capisco,
            finalmente ho capito, ora vedo, mi e chiaro, tutto ha senso, rivelazione, illuminazione,
            ho scoperto che
            """,
            .hi: """
            एहसास हुआ, अहसास हुआ, मुझे समझ आया, समझ आ गया, समझ में आ गया, अब मैं समझ, अब समझ, मुझे पता चला,
            आँखें खुल गईं, आंखें खुल गईं, बोध हुआ
            """,
            .th: """
            ฉันเพิ่งรู้ว่า, เพิ่งรู้ว่า, เพิ่งเข้าใจ, ตอนนี้เข้าใจแล้ว, เข้าใจแล้ว, ตระหนักได้, รู้ตัวแล้ว, ตาสว่าง,
            คิดออกแล้ว, ถึงบางอ้อ
            """,
        ],
        .clarity: [
            .en: "i feel clear, so clear now, clarity, i know what i need, i know what i want, i see clearly",
            .fr: "c est clair maintenant, j y vois clair, clarte, tout est clair",
            .de: "jetzt ist alles klar, klarheit, ich sehe klar, alles ergibt sinn",
            .es: "lo tengo claro, claridad, lo veo claro, todo esta claro",
            .pt: "clareza, ficou claro, esta claro agora, vejo com clareza",
            .it: "chiarezza, e tutto chiaro, vedo chiaro",
            .hi: "स्पष्टता, सब साफ़, सब साफ, साफ़ दिख, साफ दिख",
            .th: "ชัดเจนแล้ว, เห็นชัด",
        ],
        .readiness: [
            .en: "i m ready to, i am ready to, im ready to, i m ready, i am ready, i ve decided, i have decided",
            .fr: "je suis pret a, je suis prete a, je suis pret, je suis prete, j ai decide",
            .de: "ich bin bereit, bin bereit, ich habe mich entschieden, hab mich entschieden",
            .es: "estoy list*, estoy preparad*, he decidido, decidi que",
            .pt: "estou pront*, decidi que, eu decidi",
            .it: "sono pront*, ho deciso",
            .hi: "मैं तैयार हूँ, मैं तैयार हूं, तैयार हूँ, मैंने तय किया, मैंने फैसला किया, मैंने फ़ैसला किया",
            .th: "พร้อมแล้ว, พร้อมที่จะ, ตัดสินใจแล้ว",
        ],
    ]

    /// Weak cues that count for realisation with a lower strength (interjections).
    static let weak: [DetectedLanguage: String] = [
        .en: "aha", .de: "aha", .th: "อ๋อ", .hi: "अच्छा अब समझ",
    ]

    /// Words that, in the three words before a cue, negate it ("I haven't realized", "no me di cuenta").
    static let negationsBefore: Set<String> = [
        "not", "never", "no", "t", "dont", "didnt", "havent", "hasnt", "wasnt", "cant", "couldnt", "pas", "ne", "n",
        "jamais", "nicht", "nie", "niemals", "kein", "keine", "nunca", "jamas", "tampoco", "nao", "non", "mai",
        "नहीं", "न", "ना",
    ]

    /// Words that, just after a cue, negate it ("jetzt verstehe ich nicht", "अब समझ नहीं आता").
    static let negationsAfter: Set<String> = ["nicht", "nichts", "नहीं"]

    /// Thai negations that cancel a cue they immediately precede ("ยังไม่เข้าใจ").
    static let thaiNegations: [String] = ["ไม่", "ยังไม่", "ไม่ได้"]
}
