import Foundation

/// Realistic made-up good practices for benchmarks and load tests: Bulgarian text from a varied
/// vocabulary (so that some words are rare and some, like "библиотека", are everywhere), target
/// groups of every category, budgets in leva, registry partners and results, spread over the
/// libraries given (and so over their districts). The same seed gives the same designs.
public struct SyntheticPractices: Sendable {
    var random: SplitMix64

    public init(seed: UInt64 = 2012) {
        random = SplitMix64(seed: seed)
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
    public mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { number(1...100) <= percent }

    mutating func some<T>(_ list: [T], _ count: ClosedRange<Int>) -> [T] {
        var pool = list
        var out: [T] = []
        for _ in 0..<min(number(count), pool.count) { out.append(pool.remove(at: Int(random.next() % UInt64(pool.count)))) }
        return out
    }

    /// A library for the synthetic network: one of `perDistrict` in each district.
    public static func library(district: District, index: Int) -> Library {
        let names = ["Пробуда", "Светлина", "Просвета", "Родина", "Искра", "Възраждане", "Христо Ботев", "Отец Паисий", "Напредък", "Зора"]
        let name = names[index % names.count]
        return Library(
            name: "Библиотека при НЧ „\(name)–\(index + 1)“ – \(district.nameBG) (генерирана)", kind: .chitalishte,
            chitalishteName: "НЧ „\(name)“", districtCode: district.code)
    }

    static let targets: [TargetGroupCategory: [String]] = [
        .children: [
            "деца от 7 до 10 години", "деца от детската градина", "деца с обучителни трудности", "деца от малките села",
            "деца и техните баби",
        ],
        .pupils: [
            "ученици от 1–4 клас", "ученици от прогимназията", "гимназисти", "ученици в риск от отпадане", "ученици от селските училища",
        ],
        .youngPeople: [
            "младежи без работа", "студенти през лятото", "млади родители", "младежи от малките населени места", "млади доброволци",
        ],
        .pensioners: [
            "пенсионери 60+", "самотни възрастни хора", "членове на пенсионерския клуб", "възрастни с увредено зрение", "баби и дядовци",
        ],
        .unemployed: [
            "трайно безработни", "безработни жени над 50 години", "младежи без квалификация", "безработни с основно образование",
        ],
        .peopleWithDisabilities: [
            "деца с двигателни увреждания", "хора с увредено зрение", "хора със слухови увреждания", "младежи с интелектуални затруднения",
        ],
        .minorities: ["младежи от ромски произход", "ромски семейства", "деца от турскоговорящи семейства", "бежанци и мигранти"],
        .farmers: ["картофопроизводители", "малки фермери", "пчелари", "животновъди", "производители на билки"],
        .business: ["представители на туристическия бизнес", "малки търговци", "занаятчии", "собственици на къщи за гости"],
        .womenAtRisk: ["жени, жертви на домашно насилие", "самотни майки", "жени в социална изолация"],
        .localCommunity: ["жителите на селото", "местната общност", "читалищните самодейци", "родителите в квартала"],
        .other: ["доброволци", "медицински специалисти", "учители", "служители на общината"],
    ]

    static let services = [
        "клуб по дигитални умения", "курс по компютърна грамотност", "информационен център", "лятно училище", "четене на глас",
        "мобилна библиотека", "кът за домашни работи", "клуб на любителите на книгата", "консултации за търсене на работа",
        "помощ за електронни услуги", "краеведски архив", "работилница по роботика", "кино вечери", "обучение по английски език",
        "подкрепа при попълване на документи", "библиотека на колела", "дигитален архив на местната история", "игротека",
        "фестивал на четенето", "трудова борса в библиотеката", "клуб за настолни игри", "школа по фотография", "уроци по програмиране",
        "разговори с лекар", "библиотерапия", "театрална работилница", "курс по финансова грамотност", "клуб за родители",
        "онлайн консултации с институции", "семеен клуб за четене", "обучение за безопасен интернет", "доставка на книги по домовете",
    ]

    static let needs = [
        "достъп до информация за работа", "умения за работа с компютър", "нови социални контакти", "подкрепа в ученето",
        "достъп до книги и периодика", "информация за европейски програми", "безопасно място след училище",
        "помощ с електронните услуги на държавата",
        "информация за правата им", "достъп до културни събития", "връзка с институциите", "умения за търсене в интернет",
        "подготовка за изпити", "информация за здравето", "съхраняване на местните традиции", "по-добра квалификация",
    ]

    static let activities = [
        "проучване на нуждите чрез анкета", "среща с партньорите", "обучение на библиотекарите", "информационна кампания в местните медии",
        "откриване на услугата", "ежеседмични занимания", "изложба в библиотеката", "кръгла маса с местната власт", "оценка на резултатите",
        "разпространение на дипляни", "посещения по домовете", "публикации в социалните мрежи", "заключителен празник",
        "обучение на доброволци",
        "подготовка на учебни материали", "среща с работодатели", "екскурзия до регионалната библиотека", "записване на спомени",
    ]

    static let socialEffects = [
        "Хората се чувстват по-малко самотни и по-уверени.", "Децата учат с удоволствие и по-рядко отпадат от училище.",
        "Библиотеката става място за срещи на цялото село.", "Участниците намират работа или започват обучение.",
        "Местната история се съхранява за следващите поколения.", "Семействата прекарват повече време заедно.",
        "Институциите стават по-достъпни за хората.", "Младите хора остават в населеното място.",
    ]

    static let economicEffects = [
        "Спестени пари за пътуване до областния град.", "Спестени такси за частни уроци.", "По-ниски разходи за социални помощи.",
        "Нови доходи от туризъм.", "Спестени разходи за консултации.", "По-голям приход на местния бизнес.",
    ]

    static let partnerPool: [(String, PartnerKind)] = [
        ("Общината", .localAuthority), ("Основното училище", .school), ("Бюрото по труда", .labourOffice),
        ("Клубът на пенсионера", .pensionersClub), ("Местното сдружение", .ngo), ("Историческият музей", .museum),
        ("Местното радио", .media), ("Земеделската служба", .agricultureOffice), ("Църковното настоятелство", .church),
        ("Здравната служба", .healthService), ("Младежкият дом", .youthCentre), ("Местна фирма", .business),
        ("Доброволци от Корпуса", .volunteerOrganisation),
    ]

    static let budgetItems = [
        "закупуване на книги", "материали за занимания", "хонорар на обучител", "печат на дипляни", "транспорт", "техника", "наем на зала",
        "почерпка за празника", "абонамент за периодика",
    ]

    static let indicators: [(String, IndicatorUnit)] = [
        ("Участници", .people), ("Проведени занимания", .events), ("Нови читатели", .people), ("Обучени хора", .people),
        ("Часове обучение", .hours),
    ]

    static let lessons = [
        "Най-добре работеше личната покана.", "Партньорите доведоха хора, които иначе не биха дошли.",
        "Заниманията в събота събраха най-много хора.",
        "Местните медии помогнаха много.", "Доброволците се оказаха незаменими.", "Децата доведоха родителите си.",
    ]

    static let problems = [
        "Вечерните часове не бяха удобни.", "Техниката не стигаше за всички.", "Трудно намерихме обучител.", "Зимата намали посещенията.",
        "",
    ]

    /// The next practice: published, of the given libraries, created in `year`.
    public mutating func next(libraryIDs: [Int64], year: Int) -> ServiceDesign {
        let category = pick(TargetGroupCategory.allCases)
        let target = pick(Self.targets[category]!)
        let service = pick(Self.services)
        var design = ServiceDesign(
            title: service.prefix(1).uppercased() + service.dropFirst() + " за " + target, libraryIDs: libraryIDs,
            targetGroup: TargetGroup(
                category: category, description: target.prefix(1).uppercased() + target.dropFirst(), expectedReach: number(8...200)))
        design.summary = "Синтетична практика за изпитване на търсенето (генерирана)."
        design.status = pick([DesignStatus.running, .completed, .completed, .evaluated])
        design.visibility = category == .womenAtRisk ? .district : .public
        design.innovations = some(Innovation.allCases, 1...2)
        let needs = some(Self.needs, 1...3)
        design.needs = "Хората имат нужда от " + needs.joined(separator: ", ") + "."
        design.service = "Библиотеката предлага " + service + " за " + target + "."
        design.goal = "Да осигурим " + pick(Self.needs) + "."
        design.resources = Resources(
            existing: some(ExistingResource.allCases, 1...3), needed: chance(50) ? "Още " + pick(Self.budgetItems) : nil)
        design.budget = some(Self.budgetItems, 1...3).map { item in
            BudgetLine(
                item: item, quantity: FixedDecimal(Int64(number(1...5))),
                unitCost: Money(major: Int64(number(2...120)) * 10, currency: .BGN), source: pick(FundingSource.allCases))
        }
        design.partners = some(Self.partnerPool, 1...3).map {
            DesignPartner(name: $0.0, kind: $0.1, role: "помага с " + pick(Self.activities))
        }
        design.channels = some(InformationChannel.allCases, 1...3)
        design.activities = some(Self.activities, 2...5).map { Activity(title: $0.prefix(1).uppercased() + $0.dropFirst()) }
        design.socialEffect = pick(Self.socialEffects)
        design.economicEffect = pick(Self.economicEffects)
        design.expectedResults = "Обхванати " + String(number(10...150)) + " души."
        design.indicators = some(Self.indicators, 1...2).map { name, unit in
            let target = number(5...200)
            return Indicator(
                name: name, unit: unit, target: FixedDecimal(Int64(target)),
                actual: FixedDecimal(Int64(max(0, target + number(-target / 2...target / 2)))))
        }
        design.practice = PracticeStory(
            whatWorked: pick(Self.lessons), whatDidNot: pick(Self.problems).isEmpty ? nil : pick(Self.problems),
            publishedOn: LocalDate(year: year, month: number(1...12), day: number(1...28))!)
        return design
    }
}
