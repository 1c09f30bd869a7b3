"""Writes Tests/Fixtures/recall-set.json, the retrieval-quality evaluation set of the memory layer.

The set is hand-written: ten life facts a user tells MAIA over several sessions, said in eight languages, each
with one question that asks for it in other words (a paraphrase, the way a later turn would ask), plus messages
that make retrieval harder: MAIA replies that reuse the fact's words without holding the fact, and small talk.
Every language has the same facts, so the languages can be compared. Cross-lingual pairs (a memory in one
language, a question with its meaning in another) are listed apart, in CROSS_LINGUAL. The output is deterministic (no randomness,
keys sorted); run `python3 scripts/reference/make_recall_fixture.py` after editing and commit both files.
"""

import json
import pathlib

# Per language: facts (key -> user message), questions (fact key -> question), distractors (role, text).
LANGUAGES = {
    "en": {
        "facts": {
            "sister": "My sister Clara moved to Lisbon last spring and I miss her terribly.",
            "pottery": "I started taking pottery classes on Thursday evenings.",
            "dog": "My dog Biscuit died in January; he was fourteen years old.",
            "panic": "I get panic attacks before every meeting with my manager.",
            "coffee": "I quit coffee three weeks ago and now I sleep much better.",
            "father": "My father was a carpenter and he taught me to build furniture.",
            "bakery": "My dream is to open a small bakery by the sea one day.",
            "friend": "I had a huge fight with my best friend Marco about the money he owes me.",
            "running": "Running along the river every morning is what calms my mind.",
            "university": "I finally told my mother that I am going back to university.",
        },
        "questions": {
            "sister": "Which city did my sibling relocate to?",
            "pottery": "What new hobby did I pick up recently?",
            "dog": "What happened to my pet?",
            "panic": "When does my anxiety at work get worst?",
            "coffee": "What change improved my sleep?",
            "father": "What was my dad's job?",
            "bakery": "What do I hope to do in the future?",
            "friend": "Who did I argue with, and why?",
            "running": "What helps me feel calm?",
            "university": "What news did I share with my mom?",
        },
        "distractors": [
            ("maia", "Missing someone you love can feel as if part of you moved away too."),
            ("maia", "Meetings can stir up old fears; what do you notice in your body before them?"),
            ("maia", "Losing a companion animal is a real grief, and it deserves time."),
            ("maia", "Money can strain even the closest friendships."),
            ("maia", "Your dream sounds like Earth and Fire together: making something with your own hands."),
            ("user", "Today was a long day and I am exhausted."),
            ("user", "The weather has been grey all week."),
            ("user", "I watched a film last night but I forgot the title."),
            ("user", "Thank you for listening to me."),
            ("user", "I am not sure what to talk about today."),
        ],
    },
    "fr": {
        "facts": {
            "sister": "Ma sœur Clara a déménagé à Lisbonne au printemps dernier et elle me manque énormément.",
            "pottery": "J'ai commencé des cours de poterie le jeudi soir.",
            "dog": "Mon chien Biscuit est mort en janvier ; il avait quatorze ans.",
            "panic": "Je fais des crises de panique avant chaque réunion avec ma responsable.",
            "coffee": "J'ai arrêté le café il y a trois semaines et je dors beaucoup mieux.",
            "father": "Mon père était menuisier et il m'a appris à fabriquer des meubles.",
            "bakery": "Mon rêve est d'ouvrir un jour une petite boulangerie au bord de la mer.",
            "friend": "Je me suis violemment disputé avec mon meilleur ami Marco à cause de l'argent qu'il me doit.",
            "running": "Courir le long du fleuve chaque matin, c'est ce qui apaise mon esprit.",
            "university": "J'ai enfin dit à ma mère que je reprends mes études à l'université.",
        },
        "questions": {
            "sister": "Dans quelle ville ma sœur s'est-elle installée ?",
            "pottery": "Quel nouveau loisir ai-je commencé récemment ?",
            "dog": "Qu'est-il arrivé à mon animal ?",
            "panic": "Quand mon angoisse au travail est-elle la plus forte ?",
            "coffee": "Quel changement a amélioré mon sommeil ?",
            "father": "Quel était le métier de mon papa ?",
            "bakery": "Qu'est-ce que j'espère faire plus tard ?",
            "friend": "Avec qui me suis-je brouillé, et pourquoi ?",
            "running": "Qu'est-ce qui m'aide à me sentir serein ?",
            "university": "Quelle nouvelle ai-je annoncée à maman ?",
        },
        "distractors": [
            ("maia", "Quand quelqu'un qu'on aime s'en va, on a l'impression qu'une partie de soi déménage aussi."),
            ("maia", "Les réunions peuvent réveiller de vieilles peurs ; que remarques-tu dans ton corps avant ?"),
            ("maia", "Perdre un animal de compagnie est un vrai deuil, qui mérite du temps."),
            ("maia", "L'argent peut abîmer même les amitiés les plus proches."),
            ("maia", "Ton rêve ressemble à la Terre et au Feu réunis : créer quelque chose de tes mains."),
            ("user", "Aujourd'hui a été une longue journée et je suis épuisé."),
            ("user", "Il a fait gris toute la semaine."),
            ("user", "J'ai regardé un film hier soir mais j'ai oublié le titre."),
            ("user", "Merci de m'écouter."),
            ("user", "Je ne sais pas trop de quoi parler aujourd'hui."),
        ],
    },
    "de": {
        "facts": {
            "sister": "Meine Schwester Clara ist letzten Frühling nach Lissabon gezogen und ich vermisse sie sehr.",
            "pottery": "Ich habe angefangen, donnerstagabends einen Töpferkurs zu besuchen.",
            "dog": "Mein Hund Biscuit ist im Januar gestorben; er war vierzehn Jahre alt.",
            "panic": "Vor jedem Meeting mit meiner Chefin bekomme ich Panikattacken.",
            "coffee": "Ich habe vor drei Wochen mit dem Kaffee aufgehört und schlafe jetzt viel besser.",
            "father": "Mein Vater war Schreiner und hat mir beigebracht, Möbel zu bauen.",
            "bakery": "Mein Traum ist es, eines Tages eine kleine Bäckerei am Meer zu eröffnen.",
            "friend": "Ich hatte einen heftigen Streit mit meinem besten Freund Marco wegen des Geldes, das er mir schuldet.",
            "running": "Jeden Morgen am Fluss entlang zu laufen beruhigt meinen Kopf.",
            "university": "Ich habe meiner Mutter endlich gesagt, dass ich wieder an die Universität gehe.",
        },
        "questions": {
            "sister": "In welche Stadt ist meine Schwester umgezogen?",
            "pottery": "Welches neue Hobby habe ich vor kurzem begonnen?",
            "dog": "Was ist mit meinem Haustier passiert?",
            "panic": "Wann ist meine Angst bei der Arbeit am schlimmsten?",
            "coffee": "Welche Veränderung hat meinen Schlaf verbessert?",
            "father": "Was war mein Papa von Beruf?",
            "bakery": "Was möchte ich in Zukunft machen?",
            "friend": "Mit wem habe ich mich gestritten, und worüber?",
            "running": "Was hilft mir, ruhig zu werden?",
            "university": "Welche Neuigkeit habe ich meiner Mama erzählt?",
        },
        "distractors": [
            ("maia", "Wenn ein geliebter Mensch weggeht, fühlt es sich an, als wäre ein Teil von dir mit umgezogen."),
            ("maia", "Meetings können alte Ängste wecken; was bemerkst du vorher in deinem Körper?"),
            ("maia", "Ein Haustier zu verlieren ist echte Trauer und braucht Zeit."),
            ("maia", "Geld kann selbst die engsten Freundschaften belasten."),
            ("maia", "Dein Traum klingt nach Erde und Feuer zusammen: etwas mit den eigenen Händen erschaffen."),
            ("user", "Heute war ein langer Tag und ich bin erschöpft."),
            ("user", "Das Wetter war die ganze Woche grau."),
            ("user", "Ich habe gestern Abend einen Film gesehen, aber den Titel vergessen."),
            ("user", "Danke, dass du mir zuhörst."),
            ("user", "Ich weiß nicht genau, worüber ich heute reden soll."),
        ],
    },
    "es": {
        "facts": {
            "sister": "Mi hermana Clara se mudó a Lisboa la primavera pasada y la echo muchísimo de menos.",
            "pottery": "Empecé a ir a clases de cerámica los jueves por la tarde.",
            "dog": "Mi perro Biscuit murió en enero; tenía catorce años.",
            "panic": "Tengo ataques de pánico antes de cada reunión con mi jefa.",
            "coffee": "Dejé el café hace tres semanas y ahora duermo mucho mejor.",
            "father": "Mi padre era carpintero y me enseñó a construir muebles.",
            "bakery": "Mi sueño es abrir algún día una pequeña panadería junto al mar.",
            "friend": "Tuve una pelea enorme con mi mejor amigo Marco por el dinero que me debe.",
            "running": "Correr junto al río cada mañana es lo que calma mi mente.",
            "university": "Por fin le dije a mi madre que voy a volver a la universidad.",
        },
        "questions": {
            "sister": "¿A qué ciudad se fue a vivir mi hermana?",
            "pottery": "¿Qué afición nueva empecé hace poco?",
            "dog": "¿Qué le pasó a mi mascota?",
            "panic": "¿Cuándo es peor mi ansiedad en el trabajo?",
            "coffee": "¿Qué cambio mejoró mi descanso?",
            "father": "¿En qué trabajaba mi papá?",
            "bakery": "¿Qué espero hacer en el futuro?",
            "friend": "¿Con quién discutí y por qué?",
            "running": "¿Qué me ayuda a sentirme tranquilo?",
            "university": "¿Qué noticia le di a mi mamá?",
        },
        "distractors": [
            ("maia", "Echar de menos a alguien que quieres puede sentirse como si una parte de ti también se mudara."),
            ("maia", "Las reuniones pueden despertar viejos miedos; ¿qué notas en tu cuerpo antes de ellas?"),
            ("maia", "Perder a un animal de compañía es un duelo real y merece tiempo."),
            ("maia", "El dinero puede tensar incluso las amistades más cercanas."),
            ("maia", "Tu sueño suena a Tierra y Fuego juntos: crear algo con tus propias manos."),
            ("user", "Hoy fue un día largo y estoy agotado."),
            ("user", "El tiempo ha estado gris toda la semana."),
            ("user", "Anoche vi una película pero olvidé el título."),
            ("user", "Gracias por escucharme."),
            ("user", "No sé muy bien de qué hablar hoy."),
        ],
    },
    "hi": {
        "facts": {
            "sister": "मेरी बहन क्लारा पिछले वसंत में लिस्बन चली गई और मुझे उसकी बहुत याद आती है।",
            "pottery": "मैंने गुरुवार की शाम को मिट्टी के बर्तन बनाने की क्लास शुरू की है।",
            "dog": "मेरा कुत्ता बिस्किट जनवरी में मर गया; वह चौदह साल का था।",
            "panic": "अपनी मैनेजर के साथ हर मीटिंग से पहले मुझे पैनिक अटैक आते हैं।",
            "coffee": "मैंने तीन हफ़्ते पहले कॉफ़ी छोड़ दी और अब मुझे बहुत अच्छी नींद आती है।",
            "father": "मेरे पिता बढ़ई थे और उन्होंने मुझे फ़र्नीचर बनाना सिखाया।",
            "bakery": "मेरा सपना है कि एक दिन समुद्र के किनारे एक छोटी बेकरी खोलूँ।",
            "friend": "मेरे सबसे अच्छे दोस्त मार्को से पैसों को लेकर मेरा बड़ा झगड़ा हुआ, जो उस पर मेरे उधार हैं।",
            "running": "हर सुबह नदी के किनारे दौड़ना मेरे मन को शांत करता है।",
            "university": "आख़िरकार मैंने अपनी माँ को बता दिया कि मैं फिर से विश्वविद्यालय जा रहा हूँ।",
        },
        "questions": {
            "sister": "मेरी बहन किस शहर में रहने गई?",
            "pottery": "मैंने हाल ही में कौन सा नया शौक अपनाया?",
            "dog": "मेरे पालतू जानवर के साथ क्या हुआ?",
            "panic": "काम पर मेरी घबराहट सबसे ज़्यादा कब होती है?",
            "coffee": "किस बदलाव से मेरी नींद सुधरी?",
            "father": "मेरे पापा क्या काम करते थे?",
            "bakery": "भविष्य में मैं क्या करना चाहता हूँ?",
            "friend": "मेरी किससे लड़ाई हुई, और क्यों?",
            "running": "मुझे शांत महसूस करने में क्या मदद करता है?",
            "university": "मैंने अपनी मम्मी को क्या ख़बर दी?",
        },
        "distractors": [
            ("maia", "जब कोई प्रिय व्यक्ति दूर चला जाता है, तो लगता है जैसे हमारा एक हिस्सा भी उसके साथ चला गया।"),
            ("maia", "मीटिंग पुराने डर जगा सकती हैं; उनसे पहले आप अपने शरीर में क्या महसूस करते हैं?"),
            ("maia", "किसी साथी जानवर को खोना सच्चा दुःख है, और इसमें समय लगता है।"),
            ("maia", "पैसा सबसे गहरी दोस्ती में भी तनाव ला सकता है।"),
            ("maia", "आपका सपना पृथ्वी और अग्नि का मेल लगता है: अपने हाथों से कुछ बनाना।"),
            ("user", "आज का दिन बहुत लंबा था और मैं थक गया हूँ।"),
            ("user", "पूरे हफ़्ते मौसम धूसर रहा।"),
            ("user", "कल रात मैंने एक फ़िल्म देखी पर उसका नाम भूल गया।"),
            ("user", "मेरी बात सुनने के लिए धन्यवाद।"),
            ("user", "मुझे नहीं पता कि आज किस बारे में बात करूँ।"),
        ],
    },
    "pt": {
        "facts": {
            "sister": "A minha irmã Clara mudou-se para Lisboa na primavera passada e tenho imensas saudades dela.",
            "pottery": "Comecei a ter aulas de cerâmica às quintas-feiras à noite.",
            "dog": "O meu cão Biscuit morreu em janeiro; tinha catorze anos.",
            "panic": "Tenho ataques de pânico antes de cada reunião com a minha chefe.",
            "coffee": "Deixei o café há três semanas e agora durmo muito melhor.",
            "father": "O meu pai era carpinteiro e ensinou-me a fazer móveis.",
            "bakery": "O meu sonho é abrir um dia uma pequena padaria à beira-mar.",
            "friend": "Tive uma discussão enorme com o meu melhor amigo Marco por causa do dinheiro que ele me deve.",
            "running": "Correr ao longo do rio todas as manhãs é o que acalma a minha mente.",
            "university": "Finalmente disse à minha mãe que vou voltar para a universidade.",
        },
        "questions": {
            "sister": "Para que cidade foi viver a minha irmã?",
            "pottery": "Que novo passatempo comecei recentemente?",
            "dog": "O que aconteceu ao meu animal de estimação?",
            "panic": "Quando é que a minha ansiedade no trabalho é pior?",
            "coffee": "Que mudança melhorou o meu descanso?",
            "father": "Qual era a profissão do meu papá?",
            "bakery": "O que espero fazer no futuro?",
            "friend": "Com quem me zanguei, e porquê?",
            "running": "O que me ajuda a sentir tranquilo?",
            "university": "Que novidade contei à minha mamã?",
        },
        "distractors": [
            ("maia", "Sentir a falta de alguém que amamos pode parecer que uma parte de nós também se mudou."),
            ("maia", "As reuniões podem despertar medos antigos; o que notas no teu corpo antes delas?"),
            ("maia", "Perder um animal de companhia é um luto verdadeiro e merece tempo."),
            ("maia", "O dinheiro pode abalar até as amizades mais próximas."),
            ("maia", "O teu sonho parece Terra e Fogo juntos: criar algo com as tuas próprias mãos."),
            ("user", "Hoje foi um dia longo e estou exausto."),
            ("user", "O tempo esteve cinzento a semana toda."),
            ("user", "Ontem à noite vi um filme mas esqueci-me do título."),
            ("user", "Obrigado por me ouvires."),
            ("user", "Não sei bem sobre o que falar hoje."),
        ],
    },
    "it": {
        "facts": {
            "sister": "Mia sorella Clara si è trasferita a Lisbona la primavera scorsa e mi manca tantissimo.",
            "pottery": "Ho iniziato un corso di ceramica il giovedì sera.",
            "dog": "Il mio cane Biscuit è morto a gennaio; aveva quattordici anni.",
            "panic": "Ho attacchi di panico prima di ogni riunione con la mia responsabile.",
            "coffee": "Ho smesso con il caffè tre settimane fa e ora dormo molto meglio.",
            "father": "Mio padre era falegname e mi ha insegnato a costruire mobili.",
            "bakery": "Il mio sogno è aprire un giorno un piccolo forno in riva al mare.",
            "friend": "Ho litigato furiosamente con il mio migliore amico Marco per i soldi che mi deve.",
            "running": "Correre lungo il fiume ogni mattina è ciò che calma la mia mente.",
            "university": "Finalmente ho detto a mia madre che torno all'università.",
        },
        "questions": {
            "sister": "In quale città è andata a vivere mia sorella?",
            "pottery": "Quale nuovo passatempo ho iniziato di recente?",
            "dog": "Cosa è successo al mio animale domestico?",
            "panic": "Quando è peggiore la mia ansia al lavoro?",
            "coffee": "Quale cambiamento ha migliorato il mio sonno?",
            "father": "Che lavoro faceva il mio papà?",
            "bakery": "Che cosa spero di fare in futuro?",
            "friend": "Con chi ho discusso, e perché?",
            "running": "Che cosa mi aiuta a sentirmi sereno?",
            "university": "Quale notizia ho dato alla mia mamma?",
        },
        "distractors": [
            ("maia", "Quando manca qualcuno che ami, sembra che anche una parte di te si sia trasferita."),
            ("maia", "Le riunioni possono risvegliare vecchie paure; cosa noti nel tuo corpo prima di esse?"),
            ("maia", "Perdere un animale da compagnia è un vero lutto e merita tempo."),
            ("maia", "I soldi possono incrinare anche le amicizie più strette."),
            ("maia", "Il tuo sogno sembra Terra e Fuoco insieme: creare qualcosa con le tue mani."),
            ("user", "Oggi è stata una giornata lunga e sono esausto."),
            ("user", "Il tempo è stato grigio per tutta la settimana."),
            ("user", "Ieri sera ho visto un film ma ho dimenticato il titolo."),
            ("user", "Grazie per avermi ascoltato."),
            ("user", "Non so bene di cosa parlare oggi."),
        ],
    },
    "th": {
        "facts": {
            "sister": "คลาราพี่สาวของฉันย้ายไปลิสบอนเมื่อฤดูใบไม้ผลิที่แล้ว และฉันคิดถึงเธอมาก",
            "pottery": "ฉันเริ่มเรียนปั้นเครื่องปั้นดินเผาทุกเย็นวันพฤหัสบดี",
            "dog": "บิสกิตหมาของฉันตายเมื่อเดือนมกราคม มันอายุสิบสี่ปี",
            "panic": "ฉันมีอาการแพนิคก่อนประชุมกับหัวหน้าทุกครั้ง",
            "coffee": "ฉันเลิกกินกาแฟมาสามสัปดาห์แล้ว และตอนนี้นอนหลับดีขึ้นมาก",
            "father": "พ่อของฉันเป็นช่างไม้ และสอนให้ฉันทำเฟอร์นิเจอร์",
            "bakery": "ความฝันของฉันคือการเปิดร้านเบเกอรี่เล็ก ๆ ริมทะเลสักวันหนึ่ง",
            "friend": "ฉันทะเลาะอย่างรุนแรงกับมาร์โกเพื่อนสนิทเรื่องเงินที่เขาติดฉันอยู่",
            "running": "การวิ่งเลียบแม่น้ำทุกเช้าทำให้จิตใจของฉันสงบ",
            "university": "ในที่สุดฉันก็บอกแม่ว่าฉันจะกลับไปเรียนมหาวิทยาลัย",
        },
        "questions": {
            "sister": "พี่สาวของฉันย้ายไปอยู่เมืองไหน",
            "pottery": "งานอดิเรกใหม่ที่ฉันเพิ่งเริ่มคืออะไร",
            "dog": "เกิดอะไรขึ้นกับสัตว์เลี้ยงของฉัน",
            "panic": "ความวิตกกังวลเรื่องงานของฉันแย่ที่สุดตอนไหน",
            "coffee": "การเปลี่ยนแปลงอะไรที่ทำให้ฉันหลับได้ดีขึ้น",
            "father": "คุณพ่อของฉันทำอาชีพอะไร",
            "bakery": "ในอนาคตฉันหวังว่าจะทำอะไร",
            "friend": "ฉันมีปัญหากับใคร และเพราะอะไร",
            "running": "อะไรช่วยให้ฉันรู้สึกสงบ",
            "university": "ฉันบอกข่าวอะไรกับคุณแม่",
        },
        "distractors": [
            ("maia", "การคิดถึงคนที่เรารักอาจรู้สึกเหมือนส่วนหนึ่งของเราย้ายตามไปด้วย"),
            ("maia", "การประชุมอาจปลุกความกลัวเก่า ๆ คุณสังเกตเห็นอะไรในร่างกายก่อนประชุมบ้าง"),
            ("maia", "การสูญเสียสัตว์เลี้ยงคือความเศร้าที่แท้จริง และต้องใช้เวลา"),
            ("maia", "เรื่องเงินทำให้มิตรภาพที่ใกล้ชิดที่สุดตึงเครียดได้"),
            ("maia", "ความฝันของคุณเหมือนดินและไฟรวมกัน คือการสร้างสิ่งใดสิ่งหนึ่งด้วยมือของคุณเอง"),
            ("user", "วันนี้เป็นวันที่ยาวนาน และฉันเหนื่อยมาก"),
            ("user", "อากาศครึ้มทั้งสัปดาห์"),
            ("user", "เมื่อคืนฉันดูหนังเรื่องหนึ่ง แต่ลืมชื่อเรื่องไปแล้ว"),
            ("user", "ขอบคุณที่รับฟังฉัน"),
            ("user", "วันนี้ฉันไม่แน่ใจว่าจะคุยเรื่องอะไรดี"),
        ],
    },
}

# Cross-lingual pairs: a memory the user wrote in one language, and a question with the same meaning asked in
# another. Each memory is stored for its own user among that language's conversation above (its facts and
# distractors), so the question must cross languages to find it. Six memories per language, each asked in a
# different language, so every language is both written and asked.
CROSS_LINGUAL = [
    # (memory language, memory, query language, query)
    ("en", "I have been learning to play the cello since my fortieth birthday.", "fr", "Quel instrument de musique est-ce que j'apprends ?"),
    ("en", "My grandmother's garden was full of tomatoes and roses every summer.", "de", "Was wuchs im Garten meiner Großmutter?"),
    ("en", "I am afraid of flying, so I take the train everywhere.", "es", "¿Por qué evito los aviones?"),
    ("en", "My landlord raised the rent again and I may have to move out.", "hi", "मकान मालिक ने किराया बढ़ा दिया, क्या मुझे घर छोड़ना पड़ेगा?"),
    ("en", "I volunteer at the animal shelter every Saturday morning.", "pt", "O que faço como voluntário aos sábados?"),
    ("en", "My son just started primary school and cries every morning at the gate.", "it", "Come sta andando mio figlio con la scuola?"),
    ("fr", "Je me sens bloqué au travail depuis des mois.", "en", "stuck at my job"),
    ("fr", "Mon frère Julien se marie en août à Marseille.", "de", "Wann heiratet mein Bruder?"),
    ("fr", "J'ai arrêté de fumer il y a deux ans et je n'ai jamais rechuté.", "es", "¿Cuándo dejé el tabaco?"),
    ("fr", "Ma chatte Minette dort toujours sur mon clavier.", "pt", "Onde a minha gata gosta de dormir?"),
    ("fr", "Je rêve de faire le tour de l'Islande à vélo.", "it", "Quale viaggio in bicicletta sogno di fare?"),
    ("fr", "Le dimanche, j'appelle toujours ma grand-mère qui vit seule.", "th", "ฉันโทรหาคุณยายวันไหน"),
    ("de", "Ich bin im Frühling einen Marathon in Berlin gelaufen.", "en", "Which race did I run?"),
    ("de", "Meine Tochter hat eine Erdnussallergie, deshalb koche ich alles selbst.", "fr", "À quoi ma fille est-elle allergique ?"),
    ("de", "Seit der Trennung von Lena wohne ich allein in einer kleinen Wohnung.", "es", "¿Vivo solo desde que terminé con mi pareja?"),
    ("de", "Ich schlafe schlecht, weil die Nachbarn jede Nacht laut Musik hören.", "hi", "मुझे रात को नींद क्यों नहीं आती?"),
    ("de", "Mein Chef hat mir eine Beförderung versprochen, aber nichts ist passiert.", "pt", "O meu chefe cumpriu a promessa de me promover?"),
    ("de", "Ich möchte endlich Spanisch lernen, um mit meiner Schwiegermutter zu sprechen.", "th", "ฉันอยากเรียนภาษาอะไร"),
    ("es", "Mi abuelo murió el mes pasado y todavía no puedo creerlo.", "en", "Who in my family passed away recently?"),
    ("es", "Estoy ahorrando para comprar mi primera casa en el campo.", "fr", "Pour quoi est-ce que je mets de l'argent de côté ?"),
    ("es", "Cada noche escribo tres cosas por las que estoy agradecido.", "de", "Was schreibe ich jeden Abend auf?"),
    ("es", "Me rompí la pierna esquiando en febrero.", "hi", "मेरी टांग कैसे टूटी?"),
    ("es", "Mi pareja y yo discutimos mucho sobre las tareas de la casa.", "it", "Su cosa litighiamo io e il mio partner?"),
    ("es", "Toco la guitarra en una banda con mis compañeros de trabajo.", "th", "ฉันเล่นดนตรีกับใคร"),
    ("hi", "मैं हर सुबह बीस मिनट ध्यान करता हूँ।", "en", "What do I do each morning to calm down?"),
    ("hi", "मेरी बेटी की शादी दिसंबर में जयपुर में होगी।", "fr", "Où aura lieu le mariage de ma fille ?"),
    ("hi", "मुझे डर है कि मेरी माँ की याददाश्त कमज़ोर हो रही है।", "de", "Worüber mache ich mir bei meiner Mutter Sorgen?"),
    ("hi", "मैंने पिछले साल अपनी नौकरी छोड़कर अपना कैफ़े खोला।", "es", "¿Qué negocio abrí después de dejar mi trabajo?"),
    ("hi", "मुझे रात में अकेलापन बहुत महसूस होता है।", "pt", "Quando é que me sinto sozinho?"),
    ("hi", "मेरा भाई कनाडा में रहता है और मैं उससे बहुत कम बात करता हूँ।", "th", "พี่ชายของฉันอาศัยอยู่ที่ไหน"),
    ("pt", "Comecei a fazer terapia porque não consigo controlar a minha raiva.", "en", "Why did I start seeing a therapist?"),
    ("pt", "A minha melhor amiga Sofia mudou-se para Tóquio.", "de", "Wohin ist meine beste Freundin gezogen?"),
    ("pt", "Tenho dores nas costas desde que comecei a trabalhar em casa.", "es", "¿Desde cuándo me duele la espalda?"),
    ("pt", "O meu pai está no hospital com problemas no coração.", "hi", "मेरे पिता अस्पताल में क्यों हैं?"),
    ("pt", "Adoro cozinhar pratos tailandeses para os meus amigos ao fim de semana.", "it", "Che cosa cucino per gli amici nel fine settimana?"),
    ("pt", "Perdi a minha carteira no autocarro e fiquei sem documentos.", "fr", "Qu'est-ce que j'ai perdu dans le bus ?"),
    ("it", "Mia moglie aspetta il nostro primo bambino a marzo.", "en", "When is our baby due?"),
    ("it", "Ho paura del buio da quando ero piccolo.", "fr", "De quoi ai-je peur depuis l'enfance ?"),
    ("it", "Ogni estate torno nel paese di mia nonna in Sicilia.", "de", "Wohin fahre ich jeden Sommer?"),
    ("it", "Ho litigato con mio fratello per l'eredità di nostro padre.", "es", "¿Por qué me peleé con mi hermano?"),
    ("it", "Sto imparando a nuotare a trentacinque anni.", "th", "ฉันเริ่มเรียนกีฬาอะไรตอนเป็นผู้ใหญ่"),
    ("it", "Il mio capo mi critica davanti a tutti durante le riunioni.", "hi", "मीटिंग में मेरा बॉस मेरे साथ कैसा व्यवहार करता है?"),
    ("th", "ฉันเพิ่งย้ายมาอยู่กรุงเทพฯ และยังไม่มีเพื่อนเลย", "en", "Do I have friends in my new city?"),
    ("th", "แม่ของฉันป่วยเป็นเบาหวานมาหลายปีแล้ว", "fr", "De quelle maladie souffre ma mère ?"),
    ("th", "ฉันชอบปลูกต้นไม้บนระเบียงทุกเช้า", "de", "Was mache ich morgens auf dem Balkon?"),
    ("th", "ฉันกลัวว่าจะสอบเข้ามหาวิทยาลัยไม่ผ่าน", "es", "¿Qué examen me preocupa?"),
    ("th", "หมาของฉันชื่อข้าวเหนียว ชอบวิ่งเล่นที่ชายหาด", "pt", "Como se chama o meu cão?"),
    ("th", "ฉันทะเลาะกับแฟนเรื่องเงินบ่อยมาก", "it", "Di cosa discuto spesso con il mio partner?"),
]


def build():
    languages = []
    for language, data in LANGUAGES.items():
        assert data["facts"].keys() == data["questions"].keys(), language
        # Facts and distractors interleaved, as a conversation over several sessions would mix them.
        messages = []
        distractors = list(data["distractors"])
        for index, (key, text) in enumerate(data["facts"].items()):
            messages.append({"key": key, "role": "user", "content": text, "session": f"s{index // 3 + 1}"})
            role, other = distractors[index]
            messages.append({"key": f"other{index + 1}", "role": role, "content": other, "session": f"s{index // 3 + 1}"})
        questions = [{"query": q, "evidence": [key]} for key, q in data["questions"].items()]
        languages.append({"language": language, "messages": messages, "questions": questions})
    cross = []
    for index, (memory_language, memory, query_language, query) in enumerate(CROSS_LINGUAL):
        assert memory_language != query_language and {memory_language, query_language} <= LANGUAGES.keys()
        cross.append(
            {
                "key": f"xl{index + 1}",
                "memoryLanguage": memory_language,
                "memory": memory,
                "queryLanguage": query_language,
                "query": query,
            }
        )
    return {
        "about": "Retrieval-quality set of MAIA's memory layer; see docs/storage.md and "
        "scripts/reference/make_recall_fixture.py.",
        "languages": languages,
        "crossLingual": cross,
    }


if __name__ == "__main__":
    path = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "recall-set.json"
    path.write_text(json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")
