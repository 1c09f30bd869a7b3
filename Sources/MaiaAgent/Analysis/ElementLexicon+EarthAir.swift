extension ElementLexicon {
    /// Earth: body, work, money, home, routines, plans, health, manifestation.
    static let earth: [DetectedLanguage: String] = [
        .en: """
        body, bodies, work, working, job, career, money, bills, rent, salary, budget, home, house, routine*,
        habit*, plan, plans, planning, schedule*, sleep*, tired, exhaust*, health*, food, eat, eating, exercise*,
        gym, garden*, grounded, grounding, stable, stability, practical, build*, project*, deadline*, boss,
        office, debt*, manifest*, nature, earth, organiz*, organis*, task*, concrete, steps
        """,
        .fr: """
        corps, travail, boulot, job, emploi, carriere, argent, factures, loyer, salaire, budget, maison, chez moi,
        routine*, habitude*, plan, plans, planning, sommeil, dormir, dormi, fatigue*, epuis*, sante, nourriture,
        manger, sport, jardin*, ancre*, stable, stabilite, concret*, construir*, projet*, echeance*, patron,
        bureau, dette*, manifest*, nature, terre, organis*, tache*, etapes
        """,
        .de: """
        korper*, arbeit*, job, beruf*, karriere, geld, rechnung*, miete, gehalt, budget, zuhause, haus, wohnung,
        routine*, gewohnheit*, plan, plane, planung, schlaf*, mude, erschopf*, gesundheit, essen, sport, garten,
        geerdet, stabil*, konkret*, bauen, projekt*, frist*, chef, buro, schulden, natur, erde, organis*,
        aufgabe*, schritte
        """,
        .es: """
        cuerpo, trabajo, empleo, carrera, dinero, facturas, alquiler, sueldo, salario, presupuesto, casa, hogar,
        rutina*, habito*, plan, planes, dormir, cansad*, agotad*, salud, comida, comer, ejercicio, jardin,
        arraigad*, estable, estabilidad, concret*, construir, proyecto*, plazo*, jefe, oficina, deuda*,
        manifest*, naturaleza, tierra, organiz*, tarea*, pasos
        """,
        .pt: """
        corpo, trabalho, emprego, carreira, dinheiro, contas, aluguel, salario, orcamento, casa, lar, rotina*,
        habito*, plano, planos, dormir, cansad*, exaust*, saude, comida, comer, exercicio*, academia, jardim,
        enraizad*, estavel, estabilidade, concret*, construir, projeto*, prazo*, chefe, escritorio, divida*,
        manifest*, natureza, terra, organiz*, tarefa*, passos
        """,
        .it: """
        corpo, lavoro, impiego, carriera, soldi, denaro, bollette, affitto, stipendio, budget, casa, routine,
        abitudin*, piano, piani, dormire, stanco, stanca, esaust*, salute, cibo, mangiare, palestra, giardino,
        radicat*, stabil*, concret*, costruire, progett*, scadenz*, capo, ufficio, debit*, manifest*, natura,
        terra, organizz*, compit*, passi
        """,
        .hi: """
        शरीर, काम, नौकरी, पैसा, पैसे, पैसों, बिल, किराया, वेतन, तनख्वाह, घर, दिनचर्या, आदत, योजना, नींद, थका, थकी,
        थकान, सेहत, स्वास्थ्य, खाना, व्यायाम, बगीचा, स्थिर, प्रोजेक्ट, बॉस, दफ़्तर, दफ्तर, ऑफिस, कर्ज़, कर्ज, धरती,
        प्रकृति
        """,
        .th: """
        ร่างกาย, งาน, เงิน, บ้าน, ค่าเช่า, เงินเดือน, กิจวัตร, นิสัย, แผน, นอนไม่หลับ, การนอน, เหนื่อย, สุขภาพ,
        อาหาร, ออกกำลังกาย, มั่นคง, โปรเจกต์, เจ้านาย, ออฟฟิศ, หนี้, ธรรมชาติ, ที่ทำงาน
        """,
    ]

    /// Air: connection, relationships, ideas, communication, learning.
    static let air: [DetectedLanguage: String] = [
        .en: """
        friend*, relationship*, partner*, boyfriend, girlfriend, husband, wife, family, mother, mom, father, dad,
        sister, brother, people, community, connect*, communicat*, talk*, conversation*, idea*, mind,
        understand*, learn*, curious, question*, team, colleague*, social, share, sharing, listen*, words,
        write*, writing, perspective*, together
        """,
        .fr: """
        ami, amie, amis, amies, relation*, couple, partenaire, copain, copine, mari, femme, famille, mere, pere,
        soeur, frere, gens, communaute, connex*, connect*, communi*, parler, parle, conversation*, discuss*,
        idee*, pensee*, esprit, comprendre, apprend*, curieu*, question*, equipe, collegue*, social*, partag*,
        ecout*, mots, ecrire, perspective*, ensemble
        """,
        .de: """
        freund*, beziehung*, partner*, mann, frau, familie, mutter, vater, schwester, bruder, leute, menschen,
        gemeinschaft, verbind*, kommunik*, reden, rede, gesprach*, sprechen, idee*, gedanke*, verstehen, lern*,
        neugierig, frage*, team, kolleg*, sozial*, teilen, zuhor*, worte, schreib*, perspektive*, zusammen
        """,
        .es: """
        amig*, relacion*, pareja, novio, novia, esposo, esposa, marido, familia, madre, mama, padre, herman*,
        gente, comunidad, conex*, conect*, comunica*, hablar, hable, conversacion*, idea*, pensamiento*, mente,
        entender, aprend*, curios*, pregunta*, equipo, companer*, social*, compart*, escuch*, palabras, escribir,
        perspectiva*, juntos
        """,
        .pt: """
        amig*, relacion*, parceir*, namorad*, marido, esposa, familia, mae, pai, irma, irmao, pessoas, comunidade,
        conex*, conect*, comunica*, falar, conversa*, ideia*, pensamento*, mente, entender, aprend*, curios*,
        pergunta*, equipe, colega*, social*, compartilh*, ouvir, escut*, palavras, escrever, perspectiva*, juntos
        """,
        .it: """
        amico, amica, amici, amiche, relazion*, partner, fidanzat*, marito, moglie, famiglia, madre, mamma,
        padre, papa, fratell*, sorell*, gente, persone, comunita, conness*, comunica*, parlare, parlato,
        conversazion*, idea, idee, pensier*, mente, capire, impar*, curios*, domand*, squadra, collegh*,
        social*, condivid*, ascolt*, parole, scriv*, prospettiv*, insieme
        """,
        .hi: """
        दोस्त, मित्र, रिश्ता, रिश्ते, रिश्तों, साथी, पति, पत्नी, परिवार, माँ, मां, पिता, पापा, बहन, भाई, लोग, लोगों,
        समुदाय, जुड़ाव, बात, बातचीत, विचार, सोच, समझ, सीख, सवाल, टीम, सहकर्मी, सुनना, शब्द, साथ
        """,
        .th: """
        เพื่อน, ความสัมพันธ์, แฟน, ครอบครัว, แม่, พ่อ, พี่, น้อง, ผู้คน, สื่อสาร, คุย, พูด, ความคิด, ไอเดีย, เข้าใจ,
        เรียนรู้, คำถาม, ทีม
        """,
    ]
}
