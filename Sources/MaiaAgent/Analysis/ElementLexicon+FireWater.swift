extension ElementLexicon {
    /// Fire: vision, catalyst, passion, anger, drive, courage, creation.
    static let fire: [DetectedLanguage: String] = [
        .en: """
        vision*, passion*, anger, angry, furious, rage, fury, drive, driven, motivat*, inspir*, excit*, ambitio*,
        courage*, brave, bold, fire, burn*, spark*, create, creating, creative*, creativity, desire*, dream,
        dreams, dreaming, ignit*, energ*, determin*, fierce, frustrat*, enthusias*, catalyst, adventur*
        """,
        .fr: """
        vision*, passion*, colere, furieu*, rage, fureur, motiv*, inspir*, excit*, ambiti*, courage*, feu, brule,
        bruler, etincelle*, creer, creati*, desir*, reve, reves, rever, energ*, determin*, enthousias*, elan,
        audace, frustr*, aventur*
        """,
        .de: """
        vision*, leidenschaft*, wut, wutend, zorn*, arger*, motiv*, inspir*, begeister*, ehrgeiz*, mut, mutig*,
        feuer, brenn*, funke*, kreativ*, erschaff*, traum, traume, energie*, entschlossen*, antrieb, frustr*,
        abenteuer*
        """,
        .es: """
        vision*, pasion*, ira, rabia, enojad*, enfadad*, furi*, motiv*, inspir*, emocionad*, ambici*, valor,
        valiente*, coraje, fuego, arde, ardo, chispa*, crear, creativ*, deseo*, energi*, determin*, entusias*,
        frustr*, aventur*
        """,
        .pt: """
        visao, vision*, paixao, apaixonad*, raiva, irritad*, furi*, motiv*, inspir*, empolgad*, ambica*, coragem,
        corajos*, fogo, queima*, faisca*, criar, criativ*, desejo*, sonho*, energi*, determin*, entusias*,
        frustr*, aventur*
        """,
        .it: """
        vision*, passion*, rabbia, arrabbiat*, furios*, ira, motiv*, ispir*, entusias*, eccitat*, ambizi*,
        coraggi*, fuoco, brucia*, scintill*, creare, creativ*, desideri*, sogno, sogni, sognare, energi*,
        determin*, frustr*, avventur*
        """,
        .hi: """
        जुनून, जोश, गुस्सा, गुस्से, क्रोध, नाराज़, नाराज, प्रेरणा, प्रेरित, सपना, सपने, हिम्मत, साहस, आग, ऊर्जा,
        उत्साह, महत्वाकांक्षा, इच्छा, दृष्टि, लक्ष्य
        """,
        .th: """
        หลงใหล, โกรธ, โมโห, แรงบันดาลใจ, ความฝัน, ไฟในใจ, ไฟแรง, พลัง, ตื่นเต้น, ทะเยอทะยาน, แรงจูงใจ,
        สร้างสรรค์, วิสัยทัศน์, มุ่งมั่น, หงุดหงิด, กล้าหาญ
        """,
    ]

    /// Water: emotion, flow, grief, tears, feelings, love, longing.
    static let water: [DetectedLanguage: String] = [
        .en: """
        emotion*, feelings, sad, sadness, grief, griev*, tears, cry, crying, cried, weep*, sorrow*, heart,
        heartbreak*, heartbroken, hurt, hurts, loss, lonely, loneliness, mourn*, flow*, intuition*, vulnerab*,
        tender*, love, loved, compassion*, ocean, water, river, miss her, miss him, miss them
        """,
        .fr: """
        emotion*, sentiments, triste*, chagrin, deuil, larme*, pleur*, coeur, blessure*, perte, manque, seul,
        seule, solitude, amour, vulnerab*, intuition*, fluide, couler, ocean, eau, peine, emu, emue
        """,
        .de: """
        gefuhl*, emotion*, traurig*, trauer*, tranen, trane, weinen, weine, weinte, geweint, herz*, verlust*,
        vermiss*, einsam*, liebe, kummer, schmerz*, intuition*, fluss, fliessen, wasser, meer, sehnsucht,
        mitgefuhl
        """,
        .es: """
        emocion, emociones, emocional*, sentimientos, triste*, tristeza, duelo, lagrima*, llorar, lloro, llore,
        llorando, corazon*, perdida, echo de menos, soledad, me siento sola, me siento solo, amor, dolor,
        vulnerab*, intuicion*, fluir, agua, mar, herid*, pena
        """,
        .pt: """
        emocao, emocoes, emocional*, sentimentos, triste*, tristeza, luto, lagrima*, chorar, choro, chorei,
        chorando, coracao, perda, saudade*, sozinh*, solidao, amor, dor, magoa*, vulnerav*, intuica*, fluir, agua,
        mar, ferid*
        """,
        .it: """
        emozion*, sentimenti, trist*, lutto, lacrim*, piang*, pianto, cuore, perdita, manca, solitudine, sola,
        amore, dolore, vulnerab*, intuizion*, fluire, acqua, mare, ferit*
        """,
        .hi: """
        भावना, भावनाएँ, भावनाएं, दुख, दुःख, उदास, आँसू, आंसू, रो, रोना, रोई, रोया, दिल, प्यार, प्रेम, अकेला, अकेली,
        अकेलापन, याद आ*, दर्द, शोक, भावुक
        """,
        .th: """
        อารมณ์, ความรู้สึก, เศร้า, เสียใจ, ร้องไห้, น้ำตา, หัวใจ, ความรัก, คิดถึง, เหงา, โศก, สูญเสีย, เจ็บปวด,
        อกหัก
        """,
    ]
}
