"""Companion-style sentences for the all-MiniLM-L6-v2 reference fixture, by language (ISO 639-1 code)."""

SENTENCES = {
    "en": [
        "I finally told my sister how much I missed her, and we both cried on the phone.",
        "Today I realised that my anxiety is not a flaw — it's a signal that something matters to me!",
        "Do you remember when I said I felt STUCK at work? Something shifted this week.",
        "My grandmother's garden smelled of rosemary and rain; I think about it whenever I feel lost.",
        "I'm so tired... I can't tell if I'm sad or just exhausted 😔",
        "Breakthrough: I said no to a meeting & the world didn't end. 🎉",
        "Why do I always feel like I'm performing happiness for other people?",
        "It's been 3 years since Dad passed, and on 14/02 I still set a place for him at the table.",
    ],
    "fr": [
        "Je me sens enfin libéré d'un poids que je portais depuis l'enfance.",
        "Hier soir, j'ai pleuré en écoutant la chanson préférée de ma mère… c'était doux et triste à la fois.",
        "Est-ce normal d'avoir peur d'être heureux ? J'ai l'impression que tout va s'effondrer.",
        "J'ai compris que ma colère cachait une profonde tristesse.",
        "Mon thérapeute m'a dit : « Tu n'es pas obligé de tout porter seul ». Ça m'a bouleversé.",
        "Aujourd'hui, j'ai marché au bord de la Seine et je me suis senti vivant 🌊",
        "Je n'arrive pas à oublier l'été où nous avons déménagé à Québec.",
    ],
    "de": [
        "Ich habe heute zum ersten Mal seit Monaten wieder richtig gelacht.",
        "Manchmal fühle ich mich in meiner eigenen Familie wie ein Fremder.",
        "Die Erinnerung an den Schäferhund meines Großvaters macht mich immer noch glücklich.",
        "Ich glaube, ich habe endlich verstanden, warum ich so viel Angst vor Veränderungen habe!",
        "Es ist schwer zu erklären, aber ich fühle mich leer – nicht traurig, einfach leer.",
        "Nach dem Gespräch mit meiner Mutter war ich überrascht, wie ruhig ich blieb. 💪",
        "Übermorgen beginnt mein neuer Job in München, und ich bin nervös.",
    ],
    "es": [
        "Hoy me di cuenta de que merezco el mismo cariño que doy a los demás.",
        "¿Por qué me cuesta tanto pedir ayuda cuando la necesito?",
        "Recuerdo las tardes en casa de mi abuela, con olor a café y pan dulce.",
        "¡Por fin terminé el proyecto que tanto miedo me daba! Estoy orgullosa de mí.",
        "Me siento solo aunque esté rodeado de gente, y no sé cómo explicarlo.",
        "La conversación con mi padre cambió algo profundo en mí ❤️",
        "Mañana es el aniversario de la muerte de mi hermano y no sé qué sentir.",
    ],
    "hi": [
        "आज मुझे पहली बार लगा कि मैं अपने डर से बड़ा हूँ।",
        "मुझे अपनी माँ के हाथ का खाना बहुत याद आता है।",
        "कभी-कभी मैं बिना किसी वजह के बहुत उदास हो जाता हूँ।",
        "मैंने आखिरकार अपने दोस्त से माफ़ी माँग ली, और अब मन हल्का है!",
        "क्या यह ठीक है कि मैं अकेले रहना पसंद करता हूँ?",
        "बचपन में गर्मियों की छुट्टियाँ नानी के घर बीतती थीं 🌞",
        "आज थेरेपी में मुझे समझ आया कि मेरा गुस्सा असल में डर है।",
    ],
    "pt": [
        "Hoje percebi que não preciso provar nada a ninguém.",
        "Sinto saudade da minha avó e das histórias que ela contava à noite.",
        "Estou tão ansioso com a entrevista de amanhã que não consigo dormir.",
        "Consegui finalmente dizer ao meu chefe que estava sobrecarregado — e ele entendeu!",
        "Às vezes sinto que ninguém me conhece de verdade.",
        "A viagem a Lisboa com os meus irmãos foi o momento mais feliz do ano 😊",
        "Por que é tão difícil perdoar a mim mesmo?",
    ],
    "it": [
        "Oggi mi sono sentito davvero ascoltato per la prima volta.",
        "Ricordo le estati al mare con mio nonno, che mi insegnava a pescare.",
        "Perché ho sempre paura di deludere gli altri?",
        "Ho capito che la mia tristezza ha bisogno di spazio, non di essere nascosta.",
        "Finalmente ho lasciato quel lavoro che mi stava consumando: mi sento più leggera!",
        "È strano, ma mi manca perfino la città dove sono cresciuto 🏙️",
        "Stasera ho chiamato mia madre e abbiamo parlato per ore, come una volta.",
    ],
    "th": [
        "วันนี้ฉันรู้สึกเหงามาก แต่ก็ได้คุยกับเพื่อนเก่าแล้วรู้สึกดีขึ้น",
        "ฉันคิดถึงบ้านเกิดและกลิ่นอาหารที่แม่ทำทุกเช้า",
        "ทำไมฉันถึงกลัวการเปลี่ยนแปลงขนาดนี้?",
        "ในที่สุดฉันก็กล้าบอกความรู้สึกของตัวเองออกไป!",
        "บางครั้งฉันรู้สึกว่าตัวเองไม่เก่งพอ",
        "ความทรงจำตอนเด็กที่ทะเลกับพ่อยังอยู่ในใจเสมอ 🌅",
        "วันนี้ฉันเข้าใจแล้วว่าความเศร้าก็เป็นส่วนหนึ่งของการเติบโต",
    ],
}

# Edge cases: mixed case, control characters, CJK, symbols, a word longer than 100 characters, and a text far
# beyond 256 tokens (truncated by the model's max_seq_length).
EXTRA = [
    ("mixed", "i FeLt LiKe ShOuTiNg... BUT i Didn't. iNsTeAd I bReAtHeD. #growth @therapist $0.00 <3 ^_^ ~ok~"),
    ("mixed", "Tab\tseparated\u00a0words, zero\u200bwidth, and a control\u0007char; naïve café Ångström ﬁnancial İstanbul"),
    ("mixed", "今日はとても嬉しい！我很想念我的家人。오늘은 기분이 좋아요."),
    ("mixed", "Supercalifragilisticexpialidocious" * 4 + " is how I felt, honestly."),
    (
        "en",
        " ".join(
            [
                "This is a very long reflection about everything that happened this year, the good and the bad,",
                "the moments when I felt completely alone and the moments when I felt held by people who love me;",
            ]
            * 12
        ),
    ),
]
