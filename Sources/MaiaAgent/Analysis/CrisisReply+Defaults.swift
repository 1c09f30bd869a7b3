extension CrisisReply {
    /// The default helpline texts, one per supported language.
    public static let defaultTexts: [DetectedLanguage: String] = [
        .en: """
        I'm really glad you told me, and I'm so sorry you're carrying this much pain — you are not alone. \
        Please reach out right now to your local emergency services or a crisis line: in the US you can call \
        or text 988, and findahelpline.com lists free, confidential lines in other countries. I'm here with \
        you, and talking to someone who can help in person matters so much right now.
        """,
        .fr: """
        Merci de me l'avoir dit, et je suis vraiment désolée que tu portes autant de douleur — tu n'es pas \
        seul·e. Contacte dès maintenant les services d'urgence de ton pays ou une ligne d'écoute : en France, \
        le 3114 ; aux États-Unis, le 988 ; et findahelpline.com donne les lignes gratuites des autres pays. \
        Je suis là avec toi, et parler à quelqu'un qui peut t'aider en personne compte énormément maintenant.
        """,
        .de: """
        Danke, dass du mir das anvertraust — es tut mir so leid, dass du so viel Schmerz trägst, und du bist \
        nicht allein. Bitte wende dich jetzt an den örtlichen Notruf oder eine Krisenhotline: in Deutschland \
        die Telefonseelsorge (0800 111 0 111), in den USA die 988, und findahelpline.com nennt kostenlose \
        Hotlines in anderen Ländern. Ich bin hier bei dir, und mit jemandem zu sprechen, der direkt helfen \
        kann, ist gerade sehr wichtig.
        """,
        .es: """
        Gracias por contármelo, y siento mucho que estés cargando con tanto dolor: no estás solo ni sola. Por \
        favor, contacta ahora con los servicios de emergencia de tu país o con una línea de crisis: en EE. UU. \
        puedes llamar o escribir al 988, y en findahelpline.com encontrarás líneas gratuitas de otros países. \
        Estoy aquí contigo, y hablar con alguien que pueda ayudarte en persona es muy importante ahora.
        """,
        .pt: """
        Obrigada por me contar, e sinto muito que você esteja carregando tanta dor — você não está sozinho(a). \
        Por favor, procure agora os serviços de emergência do seu país ou uma linha de apoio: no Brasil, o CVV \
        (188); nos EUA, o 988; e findahelpline.com lista linhas gratuitas de outros países. Estou aqui com \
        você, e falar com alguém que possa ajudar pessoalmente é muito importante agora.
        """,
        .it: """
        Grazie di avermelo detto, e mi dispiace davvero che tu stia portando così tanto dolore: non sei solo \
        o sola. Per favore, contatta subito i servizi di emergenza locali o una linea di ascolto: negli Stati \
        Uniti il 988, e su findahelpline.com trovi linee gratuite negli altri paesi, Italia compresa. Sono \
        qui con te, e parlare con qualcuno che può aiutarti di persona è molto importante adesso.
        """,
        .hi: """
        मुझे यह बताने के लिए धन्यवाद, और मुझे सच में दुख है कि आप इतना दर्द सह रहे हैं — आप अकेले नहीं हैं। \
        कृपया अभी अपनी स्थानीय आपातकालीन सेवा या किसी संकट हेल्पलाइन से संपर्क करें: भारत में Tele-MANAS \
        (14416), अमेरिका में 988, और findahelpline.com पर दूसरे देशों की मुफ़्त हेल्पलाइन मिलेंगी। मैं यहाँ \
        आपके साथ हूँ, और अभी किसी ऐसे व्यक्ति से बात करना जो आपकी सीधे मदद कर सके, बहुत ज़रूरी है।
        """,
        .th: """
        ขอบคุณที่เล่าให้ฟังนะ และเสียใจจริงๆ ที่คุณต้องแบกความเจ็บปวดมากขนาดนี้ คุณไม่ได้อยู่คนเดียว \
        กรุณาติดต่อหน่วยบริการฉุกเฉินในพื้นที่หรือสายด่วนช่วยเหลือตอนนี้เลย ในประเทศไทยโทรสายด่วนสุขภาพจิต 1323 \
        ในสหรัฐฯ โทรหรือส่งข้อความถึง 988 และดูสายด่วนฟรีของประเทศอื่นได้ที่ findahelpline.com \
        ฉันอยู่ตรงนี้กับคุณ และการได้คุยกับคนที่ช่วยคุณได้โดยตรงสำคัญมากในตอนนี้
        """,
    ]
}
