/// The evidence the language detector weighs for Latin-script text: frequent words and telltale letters.
///
/// Words are written folded (lower-case, no accents) because they are compared with folded tokens; words shared
/// by several languages (`que`, `de`, `no`, `la`) are listed under each of them, so they add to all and decide
/// nothing. Letters are compared with the lower-cased original text, before folding.
enum LanguageLexicon {
    /// Frequent function words and everyday companion words, per language.
    static let words: [DetectedLanguage: [String]] = [
        .en: split(
            """
            the and i you my is are was were to of it that this what with have has had feel feeling felt just but so
            not don didn doesn isn wasn haven can couldn wouldn shouldn won im ive dont cant today really about
            because think know want how why been be do would should thank thanks hello yes please sorry good morning
            night tired work we they he she her his for on at no sad happy love life day am will get got like
            myself anymore again still scared afraid miss tonight maybe something nothing everything who when there their your me
            """
        ),
        .fr: split(
            """
            je j tu il elle nous vous ils elles le la les un une des du de et est suis pas ne n que qui pour avec dans
            sur mais ou tres bien merci beaucoup bonjour salut aujourd hui c ca cette ce mon ma mes moi toi ai avoir
            etre fait plus comme aussi encore toujours rien quoi oui non au aux sais veux peux sens journee travail
            vraiment parce l d qu m s me te se suis es sont mal envie peur fatigue fatiguee triste besoin manques dur ecoute peut
            """
        ),
        .de: split(
            """
            ich du er sie wir ihr es der die das und ist bin nicht ein eine einen mit auf fur zu von den dem mich mir
            mein meine meinen dich dir aber auch noch schon sehr heute gut danke hallo ja nein wie was warum weil wenn
            dass habe hab hast hat sind war fuhle fuhl gerade immer wieder nur arbeit mude viel kann will mochte
            etwas nichts im einfach mehr vermisse schwer vielleicht geht mal keine kein wirklich bitte leben angst traurig
            """
        ),
        .es: split(
            """
            yo tu el la los las un una unos y es estoy esta estas soy no que de en con por para pero muy mi mis me te
            se lo le del al como cuando hoy bien gracias hola si tengo tiene hace hacer quiero siento nada todo todos
            mucho ahora porque trabajo cansado cansada ya eso esto puedo siempre manana tambien vida dia mejor
            he has ha extrano dificil quizas dijo hay donde estaba pues nunca creo solo sola triste miedo
            """
        ),
        .pt: split(
            """
            eu voce ele ela nos o os a as um uma e de do da dos das em no na nas com para por mas muito muita meu minha
            nao sim que estou esta sou tenho obrigado obrigada ola hoje bem quero sinto nada tudo agora porque trabalho
            cansado cansada ja isso isto sei posso sempre amanha tambem vida dia melhor pra vou foi ser estar fazer
            coisa gente ainda sobre aqui entao depois me te se triste medo falta dela dele saudade talvez esteja
            """
        ),
        .it: split(
            """
            io tu lui lei noi voi il lo la gli le un una uno e di da del della che non sono sei ho hai ha abbiamo mi ti
            si ci per con su ma molto mio mia oggi bene grazie ciao voglio sento niente nulla tutto adesso ora perche
            lavoro stanco stanca gia questo questa quello so posso sempre domani anche vita giorno meglio come quando
            cosa sto fatto essere difficile manca forse stato piu nel nella alla al mai davvero ancora tanto paura triste
            """
        ),
    ]

    /// Letters that point to some languages, with the weight each occurrence adds (compared before folding).
    static let letters: [Character: [(DetectedLanguage, Double)]] = [
        "ñ": [(.es, 2)], "¿": [(.es, 2)], "¡": [(.es, 2)],
        "ã": [(.pt, 2)], "õ": [(.pt, 2)], "ç": [(.pt, 0.75), (.fr, 0.75)],
        "ß": [(.de, 2)], "ä": [(.de, 1.5)], "ö": [(.de, 1.5)], "ü": [(.de, 1.5)],
        "è": [(.it, 0.75), (.fr, 0.5)], "ò": [(.it, 1.5)], "ù": [(.it, 1), (.fr, 0.5)], "ì": [(.it, 1.5)],
        "à": [(.fr, 0.5), (.it, 0.5), (.pt, 0.5)],
        "ê": [(.fr, 0.5), (.pt, 0.5)], "â": [(.fr, 0.5), (.pt, 0.5)], "ô": [(.fr, 0.5), (.pt, 0.5)],
        "î": [(.fr, 1.5)], "û": [(.fr, 1.5)], "œ": [(.fr, 1.5)], "ë": [(.fr, 1)], "ï": [(.fr, 1)],
        "á": [(.es, 0.5), (.pt, 0.5)], "í": [(.es, 0.5), (.pt, 0.3)], "ó": [(.es, 0.5), (.pt, 0.3)],
        "ú": [(.es, 0.5), (.pt, 0.3)], "é": [(.fr, 0.5), (.es, 0.3), (.pt, 0.3)],
    ]

    private static func split(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
