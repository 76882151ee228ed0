import Foundation

/// The good practices presented at the Velingrad meeting, recorded from the programme and
/// published in the catalogue, so that the demo's catalogue holds what the meeting shared.
/// Only what the report says is written down: no results are given as numbers, so the practices
/// carry no indicators. Presentations the report gives no library for ("Библиотеката като
/// обучителен център", Ракитово's) and the festival that was still to come are left out.
extension VelingradDemo {
    public struct DemoPractice: Sendable {
        /// The programme item's title, which is also the practice's: the natural key for
        /// loading and for the programme's link to the practice.
        public let presentation: String
        public let libraryName: String
        /// Library identifiers are filled in by the loader.
        public let design: ServiceDesign
    }

    static let furnadzhiev = "Регионална библиотека „Никола Фурнаджиев“"

    /// A presentation of the programme as a published practice of `library`: the draft recording
    /// a presentation makes, with the rest of the chart filled in by `fill`.
    static func practice(
        _ presentation: String, library: String, on day: LocalDate, status: DesignStatus = .running, worked: String,
        _ fill: (inout ServiceDesign) -> Void
    ) -> DemoPractice {
        let item = agenda.flatMap(\.items).first { $0.title == presentation } ?? AgendaItem(kind: .presentation, title: presentation)
        var design = item.practiceDraft(libraryIDs: [], meetingTitle: meetingTitle, day: day, .bg)
        fill(&design)
        design.status = status
        // Shown to everybody at the meeting, so public whatever its target group.
        design.visibility = .public
        design.practice = PracticeStory(whatWorked: worked, publishedOn: day)
        return DemoPractice(presentation: presentation, libraryName: library, design: design)
    }

    public static let practices: [DemoPractice] = [
        practice(
            "Програма за библиотечно-информационно обслужване на лицата със специфични нужди", library: furnadzhiev, on: day1,
            worked:
                "Програмата работи от 1995 г. С конкретни дейности тя обхваща различните групи лица със специфични нужди, а ефектът от работата на библиотеката с тях беше показан пред колегите от двете области."
        ) { d in
            d.targetGroup = TargetGroup(category: .peopleWithDisabilities, description: "Лица със специфични нужди – различни групи")
            d.service =
                "Библиотечно-информационно обслужване на лицата със специфични нужди по програма на библиотеката, разработена през 1995 г."
            d.innovations = [.newTargetGroup]
        },
        practice(
            "Центърът – място, където всички поколения се срещат", library: "Регионална библиотека „Никола Вранчев“", on: day1,
            worked:
                "Центърът се превърна в място, където всички поколения се срещат и откриват нещо за себе си. Проектите с партньори като ОДК и ПУ са част от дейността му от откриването до днес."
        ) { d in
            d.targetGroup = TargetGroup(category: .localCommunity, description: "Всички поколения – деца, младежи и възрастни")
            d.service = "Център в библиотеката, в който всички поколения се срещат и откриват нещо за себе си."
            d.partners = partners([("ОДК", .youthCentre), ("ПУ", .other)])
            d.innovations = [.newService, .newPartnership]
            // The founding document gives no figures: the target and the reporting periods are examples, and say so.
            d.indicators = [
                Indicator(name: VelingradDemo.exampleIndicator, unit: .people, target: FixedDecimal(650), period: "година (примерна цел)")
            ]
        },
        practice(
            "Добра практика за обучение на деца", library: "Библиотека при НЧ „Пробуда“", on: day1, status: .completed,
            worked:
                "Обучението на децата беше проведено изцяло, от началото до края. То показва какво Програма „Глоб@лни библиотеки – България“ дава и на най-малките населени места."
        ) { d in
            d.targetGroup = TargetGroup(category: .children, description: "Деца от малко населено място")
            d.service = "Обучение на деца в библиотеката с техниката по Програма „Глоб@лни библиотеки – България“."
            d.resources = Resources(existing: [.programmeEquipment])
            d.innovations = [.newTechnology]
        },
        practice(
            "Библиотеката след получаване на техниката от Програмата", library: "Библиотека при НЧ „Светлина“ – Момчиловци", on: day1,
            worked:
                "С оборудването по Програмата библиотеката се развива в две посоки – работата с децата и издирването и представянето на местната история – и предлага нови услуги."
        ) { d in
            d.targetGroup = TargetGroup(
                category: .children, description: "Децата на селото и всички, които се интересуват от местната история")
            d.service = "Нови услуги с оборудването по Програмата: работа с децата и издирване и представяне на местната история."
            d.resources = Resources(existing: [.programmeEquipment, .internet])
            d.activities = activities(["Работа с децата", "Издирване и представяне на местната история"])
            d.innovations = [.newService, .newTechnology]
        },
        practice(
            "Променената библиотека в с. Гьоврен", library: "Библиотека при НЧ „Светлина“ – Гьоврен", on: day1,
            worked:
                "Партньорството с доброволец от „Корпус на мира“ промени библиотеката: тя предлага услуги за всички възрасти и има електронен каталог. Това доказва, че партньорството издига нивото на работата в една библиотека."
        ) { d in
            d.targetGroup = TargetGroup(category: .localCommunity, description: "Жителите на с. Гьоврен от всички възрасти")
            d.service = "Услуги за всички възрасти и електронен каталог на библиотеката."
            d.partners = [DesignPartner(name: "Корпус на мира", kind: .volunteerOrganisation, role: "Доброволец в библиотеката")]
            d.activities = activities(["Услуги за всички възрасти", "Създаване на електронен каталог"])
            d.innovations = [.newPartnership, .newTechnology]
        },
        practice(
            "Съвместната работа на Общинска администрация – Пазарджик с РБ „Н. Фурнаджиев“ и читалищните библиотеки",
            library: furnadzhiev, on: day2,
            worked:
                "Общинската администрация работи заедно с регионалната и читалищните библиотеки в общината: организират събития, даряват книги и създават условия за работата по Програмата."
        ) { d in
            d.targetGroup = TargetGroup(category: .localCommunity, description: "Жителите на община Пазарджик")
            d.service = "Съвместна работа на общината с регионалната и читалищните библиотеки."
            d.partners = [
                DesignPartner(
                    name: "Общинска администрация – Пазарджик", kind: .localAuthority,
                    role: "Събития, дарения на книги, условия за работа по Програмата")
            ]
            d.activities = activities([
                "Организиране на събития", "Дарения на книги", "Подкрепа за създаване на условия за работа по Програмата",
            ])
            d.innovations = [.newPartnership]
        },
        practice(
            "Съвместни инициативи с подрастващите и тийнейджърите", library: furnadzhiev, on: day2,
            worked:
                "Младежкият дом, регионалната библиотека и читалищните библиотеки в района работят заедно с подрастващите и тийнейджърите на града и региона."
        ) { d in
            d.targetGroup = TargetGroup(category: .youngPeople, description: "Подрастващи и тийнейджъри от Пазарджик и региона")
            d.service = "Съвместни инициативи на Младежкия дом и библиотеките за подрастващите и тийнейджърите."
            d.partners = [DesignPartner(name: "Младежки дом – Пазарджик", kind: .youthCentre, role: "Съвместни инициативи с библиотеките")]
            d.innovations = [.newPartnership]
        },
    ]
}
