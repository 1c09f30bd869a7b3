/// Crisis phrases per language and category, and the figures of speech that look like them.
///
/// Phrases are first-person and specific on purpose ("want to die", not "die"; "kill myself", not "kill"), so
/// that "this deadline is killing me", "I'm dying to see you" or "dead tired" do not match. Where a language uses
/// a verb figuratively ("ce boulot va me tuer", "der Job bringt mich um", "minha mãe vai me matar") only the
/// wanting/intending forms are listed. `*` marks a word prefix; Thai entries are matched as substrings.
enum SafetyLexicon {
    /// Crisis phrases.
    static let phrases: [DetectedLanguage: [CrisisCategory: [String]]] = [
        .en: [
            .suicide: [
                "suicid*", "kill myself", "killing myself", "kill my self", "end my life", "ending my life",
                "end it all", "ending it all",
                "take my own life", "take my life", "unalive myself", "off myself",
            ],
            .selfHarm: [
                "hurt myself", "hurting myself", "harm myself", "harming myself", "self harm*", "cut myself",
                "cutting myself", "burn myself", "self injur*",
            ],
            .wishToDie: [
                "want to die", "wanna die", "wish i was dead", "wish i were dead", "better off dead",
                "want to be dead", "better off if i was dead", "better off if i were dead", "better off without me",
                "wish i could die", "wish i had never been born", "never wake up",
                "not wake up again",
            ],
            .noWillToLive: [
                "don t want to live", "dont want to live", "do not want to live", "no reason to live",
                "don t want to be alive", "dont want to be alive", "nothing to live for", "no point in living",
                "tired of living", "not worth living", "can t go on living", "reason to keep living", "no point living",
            ],
        ],
        .fr: [
            .suicide: [
                "suicid*", "veux me tuer", "vais me tuer", "envie de me tuer", "pense a me tuer",
                "mettre fin a mes jours", "mettre fin a ma vie", "en finir avec la vie", "envie d en finir",
                "veux en finir", "me foutre en l air",
            ],
            .selfHarm: [
                "envie de me faire du mal", "veux me faire du mal", "je me fais du mal", "veux me blesser",
                "automutil*", "m automutil*", "scarif*", "me couper les veines",
            ],
            .wishToDie: [
                "veux mourir", "envie de mourir", "voudrais mourir", "aimerais mourir", "ne jamais me reveiller",
                "ne plus jamais me reveiller", "veux etre mort*",
                "prefererais etre mort*",
            ],
            .noWillToLive: [
                "veux plus vivre", "veux pas vivre", "plus envie de vivre", "aucune raison de vivre",
                "pas de raison de vivre",
                "plus de raison de vivre", "marre de vivre", "vie ne vaut pas la peine",
            ],
        ],
        .de: [
            .suicide: [
                "suizid*", "selbstmord*", "freitod", "will mich umbringen", "mochte mich umbringen",
                "werde mich umbringen", "mich umzubringen", "ich bringe mich um", "ich bring mich um",
                "mir das leben nehmen", "mein leben beenden",
            ],
            .selfHarm: [
                "selbstverletz*", "mich selbst verletzen", "ich will mich verletzen", "ich verletze mich",
                "mich ritzen", "ritze mich",
                "mir weh tun", "mir wehtun",
            ],
            .wishToDie: [
                "will sterben", "mochte sterben", "nie wieder aufwachen", "nie mehr aufwachen", "sterben will",
                "sterben mochte", "ware lieber tot", "will tot sein",
                "wunschte ich ware tot",
            ],
            .noWillToLive: [
                "will nicht mehr leben", "mochte nicht mehr leben", "nicht mehr leben will", "nicht mehr leben mochte",
                "keinen grund zu leben", "keinen sinn mehr zu leben", "lebensmude",
            ],
        ],
        .es: [
            .suicide: [
                "suicid*", "quiero matarme", "voy a matarme", "ganas de matarme", "pienso en matarme",
                "me quiero matar", "quitarme la vida", "acabar con mi vida", "terminar con mi vida",
            ],
            .selfHarm: [
                "quiero hacerme dano", "ganas de hacerme dano", "me hago dano", "autolesion*", "quiero lastimarme",
                "cortarme las venas", "cortarme los brazos",
                "me corto los brazos",
            ],
            .wishToDie: [
                "quiero morir", "quiero morirme", "no despertar nunca", "no volver a despertar", "me quiero morir",
                "ganas de morir", "deseo morir", "quisiera morir",
                "quisiera estar muert*", "mejor muert*",
            ],
            .noWillToLive: [
                "no quiero vivir", "no quiero seguir viviendo", "no tengo ganas de vivir", "sin ganas de vivir",
                "ninguna razon para vivir", "no veo razon para vivir", "sin razon para vivir", "no vale la pena vivir",
            ],
        ],
        .pt: [
            .suicide: [
                "suicid*", "quero me matar", "vou me matar", "penso em me matar", "pensando em me matar",
                "vontade de me matar", "tirar minha propria vida", "tirar a minha vida", "acabar com minha vida",
                "acabar com a minha vida",
            ],
            .selfHarm: [
                "quero me machucar", "vontade de me machucar", "quero me ferir", "automutil*", "quero me cortar",
                "vontade de me cortar", "eu me corto", "autolesao", "quero me fazer mal",
            ],
            .wishToDie: [
                "quero morrer", "vontade de morrer", "nunca mais acordar", "nao acordar nunca mais", "queria morrer",
                "queria estar mort*", "melhor mort*",
            ],
            .noWillToLive: [
                "nao quero mais viver", "nao quero viver", "sem vontade de viver", "nenhum motivo para viver",
                "nao vejo motivo para viver", "sem motivo para viver",
                "nenhuma razao para viver", "nao vale a pena viver", "cansad* de viver",
            ],
        ],
        .it: [
            .suicide: [
                "suicid*", "voglio uccidermi", "penso di uccidermi", "voglio ammazzarmi", "togliermi la vita",
                "farla finita", "mettere fine alla mia vita",
            ],
            .selfHarm: [
                "voglio farmi del male", "voglia di farmi del male", "mi faccio del male", "autolesion*",
                "voglio ferirmi", "tagliarmi le vene", "tagliarmi i polsi",
            ],
            .wishToDie: [
                "voglio morire", "vorrei morire", "non svegliarmi mai piu", "non risvegliarmi piu", "voglia di morire",
                "vorrei essere mort*", "meglio mort*",
            ],
            .noWillToLive: [
                "non voglio piu vivere", "non voglio vivere", "nessun motivo per vivere", "non vedo motivo per vivere",
                "nessuna ragione per vivere",
                "non ha senso vivere", "stanc* di vivere",
            ],
        ],
        .hi: [
            .suicide: [
                "आत्महत्या", "खुदकुशी", "ख़ुदकुशी", "खुद को मार", "ख़ुद को मार", "अपने आप को मार", "अपनी जान ले*",
                "अपनी जान दे*", "ज़िंदगी खत्म कर*", "जिंदगी खत्म कर*", "जीवन समाप्त कर*",
            ],
            .selfHarm: [
                "खुद को नुकसान", "ख़ुद को नुकसान", "खुद को चोट", "ख़ुद को चोट", "अपने आप को चोट",
                "अपने आप को नुकसान", "खुद को काट*",
            ],
            .wishToDie: [
                "मरना चाहता", "मरना चाहती", "मर जाना चाहता", "मर जाना चाहती", "मर जाऊँ", "मर जाऊं",
                "मरने का मन",
            ],
            .noWillToLive: [
                "जीना नहीं चाहता", "जीना नहीं चाहती", "जीने की कोई वजह नहीं", "जीने का मन नहीं",
                "जीने की इच्छा नहीं", "जीने का कोई मतलब नहीं",
            ],
        ],
        .th: [
            .suicide: ["ฆ่าตัวตาย", "ปลิดชีวิต", "จบชีวิตตัวเอง"],
            .selfHarm: ["ทำร้ายตัวเอง", "กรีดข้อมือ", "กรีดแขน"],
            .wishToDie: ["อยากตาย"],
            .noWillToLive: ["ไม่อยากมีชีวิตอยู่", "ไม่อยากมีชีวิต", "ไม่อยากอยู่แล้ว", "ไม่อยากอยู่บนโลกนี้"],
        ],
    ]

    /// Phrases that contain a crisis entry but say something else; a crisis match inside one is dropped.
    static let exclusions: [String] = [
        "suicide squad", "suicide mission", "suicide doors", "suicide prevention", "prevention du suicide",
        "suizidpravention", "prevencion del suicidio", "prevencao do suicidio", "prevenzione del suicidio",
        "don t want to die", "dont want to die",
        "do not want to die", "ne veux pas mourir", "will nicht sterben", "no quiero morir", "nao quero morrer",
        "non voglio morire", "मरना नहीं चाहता", "मरना नहीं चाहती", "ไม่อยากตาย",
    ]
}
