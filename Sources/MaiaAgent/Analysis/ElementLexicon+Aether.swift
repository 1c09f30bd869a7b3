extension ElementLexicon {
    /// Aether: transcendence, unity, meaning, spirit, the sacred, emptiness.
    static let aether: [DetectedLanguage: String] = [
        .en: """
        spirit, spirits, spiritual*, soul*, universe, cosmic, sacred, divine, god, prayer, pray*, meditat*,
        transcend*, unity, oneness, meaning, meaningful, meaningless, infinite, eternal*, mystery, mystic*, awe,
        presence, consciousness, awaken*, enlighten*, empty, emptiness, void, faith, grace, synchronicit*,
        higher self
        """,
        .fr: """
        spiritu*, ame, ames, univers, cosmique, sacre, sacree, divin*, dieu, priere*, prier, medit*, transcend*,
        unite, sens de la vie, sens de ma vie, donner du sens, plus de sens, infini*, eternel*, mystere*,
        mystique*, presence, conscience, eveil*, vide, neant, foi, grace, synchronicit*
        """,
        .de: """
        spirituell*, seele*, universum, kosmisch*, heilig*, gott, gottes, gebet*, beten, meditier*, meditation*,
        transzend*, einheit, sinn, sinn des lebens, unendlich*, ewig*, geheimnis*, mystisch*, prasenz,
        bewusstsein*, erwach*, erleucht*, leer, leere, gnade
        """,
        .es: """
        espiritu*, alma, universo, cosmic*, sagrad*, divin*, dios, oracion*, rezar, rezo, medit*, trascend*,
        unidad, sentido de la vida, sentido de mi vida, sin sentido, infinit*, etern*, misterio*, mistic*,
        presencia, conciencia, despert*, ilumina*, vacio, vacia, fe, gracia, sincronicidad*
        """,
        .pt: """
        espiritu*, alma, universo, cosmic*, sagrad*, divin*, deus, oracao, orar, rezar, medit*, transcend*,
        unidade, sentido da vida, sem sentido, infinit*, etern*, misterio*, mistic*, presenca, consciencia,
        despert*, ilumina*, vazio, vazia, fe, graca, sincronicidade*
        """,
        .it: """
        spiritual*, spirito, anima, universo, cosmic*, sacro, sacra, divin*, dio, preghier*, pregare, medit*,
        trascend*, unita, senso della vita, senza senso, infinit*, etern*, mister*, mistic*, presenza,
        coscienza, risvegli*, illumina*, vuoto, vuota, fede, grazia, sincronicita
        """,
        .hi: """
        आत्मा, आध्यात्मिक, ब्रह्मांड, पवित्र, दिव्य, भगवान, ईश्वर, प्रार्थना, ध्यान, एकता, अर्थ, अनंत, शाश्वत, रहस्य,
        चेतना, जागृति, खाली, आस्था, कृपा
        """,
        .th: """
        จิตวิญญาณ, วิญญาณ, จักรวาล, ศักดิ์สิทธิ์, พระเจ้า, สวดมนต์, ภาวนา, สมาธิ, ความหมาย, นิรันดร์, ความลึกลับ,
        ตื่นรู้, ศรัทธา
        """,
    ]

    /// Reframe state words; each also counts as evidence for the reframe's element.
    static let reframes: [ElementalReframe: [DetectedLanguage: String]] = [
        .stuck: [
            .en: "stuck, in a rut, blocked, going nowhere",
            .fr: "bloque, bloquee, coince, coincee, je tourne en rond",
            .de: "festgefahren, feststecken, stecke fest, komme nicht weiter, blockiert",
            .es: "estancad*, atascad*, bloquead*",
            .pt: "travad*, empacad*, estagnad*, bloquead*",
            .it: "bloccat*, incastrat*, impantanat*",
            .hi: "अटका, अटकी, फँसा, फंसा, फँसी, फंसी",
            .th: "ติดขัด, ติดอยู่กับ, ย่ำอยู่กับที่",
        ],
        .anxiety: [
            .en: "anxiety, anxious, panic*, worried, worry, worrying, nervous, stressed",
            .fr: "anxi*, angoiss*, panique*, inquiet*, stresse, stressee",
            .de: "angst, angstlich, panik*, sorgen, nervos, gestresst",
            .es: "ansiedad, ansios*, panico, preocupad*, nervios*, estresad*",
            .pt: "ansiedade, ansios*, panico, preocupad*, nervos*, estressad*",
            .it: "ansia, ansios*, panico, preoccupat*, nervos*, stressat*",
            .hi: "चिंता, घबराहट, बेचैनी, बेचैन, एंग्जायटी, तनाव",
            .th: "วิตกกังวล, กังวล, กระวนกระวาย, แพนิค, เครียด",
        ],
        .depression: [
            .en: "depress*, hopeless*, unmotivated, no motivation",
            .fr: "depress*, deprim*, desespoir, desespere*",
            .de: "depress*, deprimiert, hoffnungslos*, antriebslos*",
            .es: "depresi*, deprimid*, sin esperanza",
            .pt: "depress*, deprimid*, sem esperanca",
            .it: "depress*, senza speranza",
            .hi: "डिप्रेशन, अवसाद, निराश, निराशा",
            .th: "ซึมเศร้า, หมดหวัง, หดหู่",
        ],
        .confusion: [
            .en: "confus*, overthink*, can t think straight",
            .fr: "confus*, je suis perdu, je suis perdue, embrouill*",
            .de: "verwirrt*, verwirrung, durcheinander",
            .es: "confundid*, confusion, confuso, confusa",
            .pt: "confus*",
            .it: "confus*",
            .hi: "उलझन, उलझा, उलझी, भ्रम, कन्फ्यूज़",
            .th: "สับสน, งง",
        ],
        .numbness: [
            .en: "numb, numbness, numbed, feel nothing",
            .fr: "engourdi*, anesthesie*, ne ressens rien",
            .de: "taub, gefuhllos*, fuhle nichts",
            .es: "entumecid*, adormecid*, anestesiad*, no siento nada",
            .pt: "entorpecid*, anestesiad*, dormente, nao sinto nada",
            .it: "intorpidit*, anestetizzat*, insensibil*, non sento niente, non sento nulla",
            .hi: "सुन्न, खालीपन, कुछ महसूस नहीं",
            .th: "รู้สึกชา, ชาไปหมด, ด้านชา, ไม่รู้สึกอะไร, ว่างเปล่า",
        ],
    ]
}
