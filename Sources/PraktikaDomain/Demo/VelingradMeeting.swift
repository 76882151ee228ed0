import Foundation

/// The Velingrad meeting itself: the programme as the report tells it, the nine work tables,
/// 95 participants and the feedback. The report names fifteen people; the other eighty are
/// generated placeholders, marked as such, so that the counts match the report's 95.
/// It does not say which session fell on which day: the opening and the first session are
/// put on the first day, the second session on the second.
extension VelingradDemo {
    public static let meetingTitle = "Партньорствата – инструмент за иновативни услуги в библиотеките"
    public static let series = "Регионални тематични срещи по Програма „Глоб@лни библиотеки – България“"

    /// Organising libraries and the host by name; the loader looks up their identifiers.
    public static let meetingHost = "Регионална библиотека „Никола Фурнаджиев“"
    public static var meetingOrganisers: [String] { organisers }

    public static let meeting = Meeting(
        title: meetingTitle,
        theme: "Споделяне на добри практики между библиотеките в областите Смолян и Пазарджик",
        startsOn: LocalDate(year: 2012, month: 5, day: 17)!, endsOn: LocalDate(year: 2012, month: 5, day: 18)!,
        venue: "Балнеологичен център „Камена“ ЕАД", place: "Велинград", districtCodes: [smolyan, pazardzhik],
        status: .reported, series: series)

    static let day1 = LocalDate(year: 2012, month: 5, day: 17)!
    static let day2 = LocalDate(year: 2012, month: 5, day: 18)!

    public static let agenda: [AgendaSession] = [
        AgendaSession(
            day: day1, title: "Откриване на срещата",
            items: [
                AgendaItem(
                    kind: .welcome, title: "Приветствие от името на домакините", speaker: "Николина Коцева",
                    affiliation: "регионален координатор по Програма „Глоб@лни библиотеки – България“ за област Пазарджик"),
                AgendaItem(
                    kind: .presentation, title: "Целите и програмата на срещата и приоритетите на Програмата през 2012 г.",
                    speaker: "Красимир Христов",
                    affiliation: "регионален мениджър, Звено за управление на Програма „Глоб@лни библиотеки – България“"),
            ]),
        AgendaSession(
            day: day1, title: "Съвременната обществена библиотека – среща на традиционни и иновативни услуги",
            items: [
                AgendaItem(
                    kind: .presentation, title: "Партньорствата – инструмент за иновативни услуги в библиотеките",
                    speaker: "Наталия Георгиева",
                    affiliation: "ръководител „Връзки с обществеността и застъпничество“, Звено за управление на Програмата",
                    summary: "Представи пред участниците „умната диаграма“ – важен инструмент при разработването на иновативни услуги."),
                AgendaItem(
                    kind: .presentation,
                    title: "Програма за библиотечно-информационно обслужване на лицата със специфични нужди",
                    speaker: "Лъчезар Риков", affiliation: "директор на РБ „Никола Фурнаджиев“, гр. Пазарджик",
                    summary:
                        "Програмата е разработена през 1995 г.; представени бяха конкретните дейности, обхванатите групи лица и ефектът от работата на библиотеката."
                ),
                AgendaItem(
                    kind: .presentation, title: "Центърът – място, където всички поколения се срещат",
                    speaker: "Дарина Славова", affiliation: "библиотекар, РБ „Никола Вранчев“, гр. Смолян",
                    summary:
                        "Дейността на центъра от откриването му до днес, с примери от реализирани проекти с ОДК, ПУ и др."),
                AgendaItem(
                    kind: .presentation, title: "Добра практика за обучение на деца", speaker: "Силвия Лободова",
                    affiliation: "библиотекар в библиотека при НЧ „Пробуда“",
                    summary:
                        "Цялостно проведено обучение и какво Програмата дава на най-малките населени места."),
                AgendaItem(
                    kind: .presentation, title: "Библиотеката след получаване на техниката от Програмата",
                    speaker: "Васка Мавродиева", affiliation: "библиотекар в библиотека при НЧ „Светлина“, с. Момчиловци",
                    summary:
                        "Две посоки – работата с децата и издирването и представянето на местната история – и новите услуги, които оборудването позволява."
                ),
                AgendaItem(
                    kind: .presentation, title: "Променената библиотека в с. Гьоврен",
                    speaker: "Виктор Шанов и Уитни Годби",
                    affiliation: "секретар на НЧ „Светлина“, с. Гьоврен; доброволец от „Корпус на мира“",
                    summary: "Услугите за всички възрасти и създаденият електронен каталог – доказателство, че партньорството е важно."),
                AgendaItem(kind: .groupWork, title: "Работа по групи"),
            ]),
        AgendaSession(
            day: day2, title: "С партньорствата сме по-силни",
            items: [
                AgendaItem(
                    kind: .presentation,
                    title: "Съвместната работа на Общинска администрация – Пазарджик с РБ „Н. Фурнаджиев“ и читалищните библиотеки",
                    speaker: "Матакиева", affiliation: "Общинска администрация – Пазарджик",
                    summary: "Организиране на събития, дарения на книги, подкрепа за работата по Програмата."),
                AgendaItem(
                    kind: .presentation, title: "Библиотеката като обучителен център",
                    summary:
                        "Историческите факти в развитието на библиотеката като обучителен център и съвременният ѝ облик; стремежът да се търсят нови партньори. Докладът не посочва името на презентиращия."
                ),
                AgendaItem(
                    kind: .presentation, title: "Местната власт като партньор на библиотеката", speaker: "Мирова",
                    summary: "Пътят за привличане на местната власт и конкретните крачки за реализиране на Програмата в община Ракитово."),
                AgendaItem(
                    kind: .presentation, title: "Съвместни инициативи с подрастващите и тийнейджърите", speaker: "Ина Церовска",
                    affiliation: "директор на Младежки дом – Пазарджик",
                    summary: "Инициативите на Младежкия дом с РБ „Н. Фурнаджиев“ и читалищните библиотеки в района."),
                AgendaItem(
                    kind: .presentation, title: "Културен фестивал на културните институти в Пазарджик", speaker: "Борис Хаджийски",
                    affiliation: "директор на Регионален исторически музей – гр. Пазарджик",
                    summary:
                        "Партньорството между музея, РБ „Н. Фурнаджиев“ и читалищните библиотеки; фестивалът ще продължи 10 дни през септември."
                ),
                AgendaItem(kind: .groupWork, title: "Работа по групи – представяне на разработените услуги"),
            ]),
    ]

    /// The nine tables, numbered as the report's groups, each for the target group it names.
    public static let tables: [(number: Int, targetGroup: String, category: TargetGroupCategory)] = [
        (1, "Представители на туристическия бизнес", .business),
        (2, "Ученици от 1–4 клас", .pupils),
        (3, "Жени, жертви на домашно насилие", .womenAtRisk),
        (4, "Деца с двигателни увреждания", .peopleWithDisabilities),
        (5, "Трайно безработни", .unemployed),
        (6, "Младежи от ромски произход", .minorities),
        (7, "Детска танцова група „Хоп-троп“", .children),
        (8, "Фермери – картофопроизводители", .farmers),
        (9, "Пенсионери 60+", .pensioners),
    ]

    public static let participantCount = 95

    /// The fifteen named people (from `people`) and eighty placeholders spread over both
    /// districts and the roles the report lists.
    public static func participants() -> [MeetingParticipant] {
        var result: [MeetingParticipant] = people.map { entry in
            MeetingParticipant(
                fullName: entry.person.fullName, role: entry.person.networkRole,
                organisation: entry.library ?? entry.partner ?? entry.person.organisation ?? "—",
                districtCode: entry.person.districtCode, consentListed: true, source: .demo)
        }
        // The report's mix: librarians of public libraries, chitalishte secretaries, municipal
        // officials, cultural institutes, the non-governmental sector, business.
        let roles: [NetworkRole] = [
            .librarian, .librarian, .librarian, .librarian, .chitalishteSecretary, .chitalishteSecretary, .municipalOfficial,
            .culturalInstitute, .ngo, .business,
        ]
        var n = 0
        while result.count < participantCount {
            n += 1
            let district = n % 2 == 0 ? pazardzhik : smolyan
            let role = roles[n % roles.count]
            let place = district == pazardzhik ? "област Пазарджик" : "област Смолян"
            let organisation: String
            switch role {
            case .librarian: organisation = "Библиотека № \((n + 1) / 2) (примерна), \(place)"
            case .chitalishteSecretary: organisation = "Читалище № \((n + 1) / 2) (примерно), \(place)"
            case .municipalOfficial: organisation = "Община № \((n + 1) / 2) (примерна), \(place)"
            case .culturalInstitute: organisation = "Културен институт № \((n + 1) / 2) (примерен), \(place)"
            case .ngo: organisation = "Сдружение № \((n + 1) / 2) (примерно), \(place)"
            default: organisation = "Фирма № \((n + 1) / 2) (примерна), \(place)"
            }
            result.append(
                MeetingParticipant(
                    fullName: "Участник \(result.count + 1) (генериран)", role: role, organisation: organisation,
                    districtCode: district, placeholder: true, source: .demo))
        }
        return result
    }

    /// The feedback form with the report's eleven answers to "what will you use".
    public static let feedbackForm = FeedbackForm(
        title: "Обратна връзка за срещата",
        intro: "Анонимно. Благодарим ви!",
        questions: [
            FeedbackQuestion(
                id: "q1", kind: .multiple, prompt: "Какво от срещата ще използвате занапред в практиката си?",
                options: [
                    "Съвместна работа с местната власт", "Привличане на партньори",
                    "Интересни практики (обмяна на опит) между колегите от двете области", "Иновативни услуги в библиотеките",
                    "Е-включване и е-услуги", "Работа с деца със СОП", "Работа с всички социални групи", "Познанства с колеги",
                    "Обучение на деца на PowerPoint", "Умения за изготвяне и изнасяне на презентации", "Умната диаграма",
                ]),
            FeedbackQuestion(id: "q2", kind: .text, prompt: "Други коментари, мнения и препоръки"),
        ])

    /// The report lists the answers without counting them: one response per listed answer,
    /// the first six also carrying the six comments.
    public static let feedbackResponses: [FeedbackResponse] = {
        let comments = [
            "Споделянето на добри практики между двете области беше много полезна инициатива по Програма „Глоб@лни библиотеки – България“. Смятам, че ще бъдат използвани добре от работещите по Програмата библиотеки.",
            "Да бъдат организирани в бъдеще подобни срещи и с други колеги от страната.",
            "Тези срещи трябва да бъдат поне два пъти годишно.",
            "Необходимо е озвучаване.",
            "Създаване на ЦПО към Програма „Глоб@лни библиотеки – България“.",
            "Поздравления за организаторите и ръководството на Програма „Глоб@лни библиотеки – България“.",
        ]
        return (0..<11).map { i in
            var answers = ["q1": [String(i)]]
            if i < comments.count { answers["q2"] = [comments[i]] }
            return FeedbackResponse(answers: answers)
        }
    }()
}
