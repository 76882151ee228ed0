import Foundation

/// The demo dataset: the network as the report of the regional meeting in Velingrad,
/// 17–18 May 2012, names it (`shared/seed/velingrad-2012-meeting.bg.txt`).
/// Records refer to each other by name; where the report is silent, fields stay empty.
public enum VelingradDemo {
    public static let smolyan = "BG-21"
    public static let pazardzhik = "BG-13"

    public static let municipalities: [Municipality] = [
        Municipality(name: "Пазарджик", districtCode: pazardzhik),
        Municipality(name: "Велинград", districtCode: pazardzhik),
        Municipality(name: "Ракитово", districtCode: pazardzhik),
        Municipality(name: "Смолян", districtCode: smolyan),
        // Gyovren lies in the municipality of Devin; the report names only the village.
        Municipality(name: "Девин", districtCode: smolyan),
    ]

    /// Settlements with the municipality they belong to. Populations are not in the report.
    public static let settlements: [(settlement: Settlement, municipality: String)] = [
        (Settlement(name: "Пазарджик", kind: .town, municipalityID: 0), "Пазарджик"),
        (Settlement(name: "Велинград", kind: .town, municipalityID: 0), "Велинград"),
        (Settlement(name: "Ракитово", kind: .town, municipalityID: 0), "Ракитово"),
        (Settlement(name: "Смолян", kind: .town, municipalityID: 0), "Смолян"),
        (Settlement(name: "Момчиловци", kind: .village, municipalityID: 0), "Смолян"),
        (Settlement(name: "Гьоврен", kind: .village, municipalityID: 0), "Девин"),
    ]

    public static let libraries: [(library: Library, settlement: String?)] = [
        (
            Library(
                name: "Регионална библиотека „Никола Фурнаджиев“", kind: .regional, districtCode: pazardzhik,
                notes: "Домакин на регионалната среща във Велинград (17–18.05.2012)."),
            "Пазарджик"
        ),
        (
            Library(name: "Регионална библиотека „Никола Вранчев“", kind: .regional, districtCode: smolyan),
            "Смолян"
        ),
        (
            Library(name: "Библиотека при НЧ „Пробуда“", kind: .chitalishte, chitalishteName: "НЧ „Пробуда“"),
            nil
        ),
        (
            Library(
                name: "Библиотека при НЧ „Светлина“ – Момчиловци", kind: .chitalishte,
                chitalishteName: "НЧ „Светлина“", districtCode: smolyan),
            "Момчиловци"
        ),
        (
            Library(
                name: "Библиотека при НЧ „Светлина“ – Гьоврен", kind: .chitalishte,
                chitalishteName: "НЧ „Светлина“", districtCode: smolyan,
                notes: "Електронен каталог, създаден с доброволец от „Корпус на мира“."),
            "Гьоврен"
        ),
    ]

    public static let partners: [(partner: Partner, settlement: String?)] = [
        (Partner(name: "Общинска администрация – Пазарджик", kind: .localAuthority, districtCode: pazardzhik), "Пазарджик"),
        (Partner(name: "Община Ракитово", kind: .localAuthority, districtCode: pazardzhik), "Ракитово"),
        (Partner(name: "Младежки дом – Пазарджик", kind: .youthCentre, districtCode: pazardzhik), "Пазарджик"),
        (
            Partner(name: "Регионален исторически музей – Пазарджик", kind: .museum, districtCode: pazardzhik),
            "Пазарджик"
        ),
        (Partner(name: "Корпус на мира", kind: .volunteerOrganisation), nil),
        (Partner(name: "ОДК", kind: .youthCentre, notes: "Обединен детски комплекс; партньор на центъра в РБ „Никола Вранчев“."), nil),
        (Partner(name: "ПРООН (Програма на ООН за развитие)", kind: .other), nil),
        (Partner(name: "Балнеологичен център „Камена“ ЕАД", kind: .business, districtCode: pazardzhik), "Велинград"),
    ]

    /// Partnerships the report names, with what it says of them. No dates, amounts or
    /// contributions: the report gives none, and none are invented.
    public static let partnerships: [(partner: String, library: String, roles: [PartnershipRole], notes: String)] = [
        (
            "Общинска администрация – Пазарджик", "Регионална библиотека „Никола Фурнаджиев“", [.implementing, .inKind],
            "Съвместна работа с РБ и читалищните библиотеки в общината: събития, дарения на книги, подкрепа за условията и работата по Програма „Глоб@лни библиотеки – България“. Представено на срещата във Велинград, 17–18.05.2012 г."
        ),
        (
            "Младежки дом – Пазарджик", "Регионална библиотека „Никола Фурнаджиев“", [.implementing],
            "Съвместни инициативи и партньорство в работата с подрастващите и тийнейджърите на града и региона. Представено на срещата във Велинград, 17–18.05.2012 г."
        ),
        (
            "Регионален исторически музей – Пазарджик", "Регионална библиотека „Никола Фурнаджиев“", [.implementing, .accountable],
            "Спечелен от културните институти в Пазарджик проект за Културен фестивал (10 дни през септември), в който музеят и РБ имат ключова роля. Представено на срещата във Велинград, 17–18.05.2012 г."
        ),
        (
            "Корпус на мира", "Библиотека при НЧ „Светлина“ – Гьоврен", [.volunteers],
            "Електронният каталог на библиотеката е създаден с доброволец от „Корпус на мира“."
        ),
        ("ОДК", "Регионална библиотека „Никола Вранчев“", [.implementing], "Партньор на центъра в РБ „Никола Вранчев“."),
    ]

    /// People named in the report with their role and organisation. No contact details:
    /// none were given, and none would be kept without consent.
    public static let people: [(person: Person, library: String?, partner: String?)] = [
        (
            Person(
                fullName: "Емилияна Живкова", networkRole: .programmeStaff, position: "програмен директор",
                organisation: "ПРООН"), nil, "ПРООН (Програма на ООН за развитие)"
        ),
        (
            Person(
                fullName: "Наталия Георгиева", networkRole: .programmeStaff,
                position: "ръководител „Връзки с обществеността и застъпничество“",
                organisation: "Звено за управление на Програма „Глоб@лни библиотеки – България“"), nil, nil
        ),
        (
            Person(
                fullName: "Красимира Кънева", networkRole: .programmeStaff, position: "регионален мениджър",
                organisation: "Звено за управление на Програма „Глоб@лни библиотеки – България“"), nil, nil
        ),
        (
            Person(
                fullName: "Красимир Христов", networkRole: .programmeStaff, position: "регионален мениджър",
                organisation: "Звено за управление на Програма „Глоб@лни библиотеки – България“"), nil, nil
        ),
        (
            Person(
                fullName: "Николина Коцева", networkRole: .librarian,
                position: "регионален координатор по Програма „Глоб@лни библиотеки – България“ за област Пазарджик",
                districtCode: pazardzhik), "Регионална библиотека „Никола Фурнаджиев“", nil
        ),
        (
            Person(fullName: "Лъчезар Риков", networkRole: .librarian, position: "директор", districtCode: pazardzhik),
            "Регионална библиотека „Никола Фурнаджиев“", nil
        ),
        (
            Person(fullName: "Дарина Славова", networkRole: .librarian, position: "библиотекар", districtCode: smolyan),
            "Регионална библиотека „Никола Вранчев“", nil
        ),
        (
            Person(fullName: "Силвия Лободова", networkRole: .librarian, position: "библиотекар"),
            "Библиотека при НЧ „Пробуда“", nil
        ),
        (
            Person(fullName: "Васка Мавродиева", networkRole: .librarian, position: "библиотекар", districtCode: smolyan),
            "Библиотека при НЧ „Светлина“ – Момчиловци", nil
        ),
        (
            Person(
                fullName: "Виктор Шанов", networkRole: .chitalishteSecretary, position: "секретар на НЧ „Светлина“",
                districtCode: smolyan), "Библиотека при НЧ „Светлина“ – Гьоврен", nil
        ),
        (
            Person(
                fullName: "Уитни Годби", networkRole: .volunteer, position: "доброволец",
                districtCode: smolyan), nil, "Корпус на мира"
        ),
        (
            Person(
                fullName: "Матакиева", networkRole: .municipalOfficial, districtCode: pazardzhik,
                notes: "Първото име не е посочено в доклада."),
            nil, "Общинска администрация – Пазарджик"
        ),
        (
            Person(
                fullName: "Мирова", networkRole: .other, districtCode: pazardzhik,
                notes:
                    "Представи привличането на местната власт за партньор в община Ракитово. Първото име и организацията не са посочени в доклада."
            ),
            nil, nil
        ),
        (
            Person(fullName: "Ина Церовска", networkRole: .culturalInstitute, position: "директор", districtCode: pazardzhik),
            nil, "Младежки дом – Пазарджик"
        ),
        (
            Person(fullName: "Борис Хаджийски", networkRole: .culturalInstitute, position: "директор", districtCode: pazardzhik),
            nil, "Регионален исторически музей – Пазарджик"
        ),
    ]

    /// Accounts to try the roles with. The password is for the demo only and is printed by `praktika demo`.
    public struct DemoAccount: Sendable {
        public let email: String
        public let name: String
        public let role: Role
        public let districtCode: String?
        public let library: String?
        /// For a partner account: the registry partner it speaks for.
        public var partner: String? = nil
    }

    public static let demoPassword = "praktika-demo"
    /// The indicator the demo reports by period, with example figures.
    public static let exampleIndicator = "Посещения в центъра"
    public static let exampleNote = "Примерни данни за демонстрацията: документът от срещата няма такива цифри."

    public static let accounts: [DemoAccount] = [
        DemoAccount(email: "admin@praktika.local", name: "Администратор", role: .admin, districtCode: nil, library: nil),
        DemoAccount(
            email: "pazardzhik@praktika.local", name: "Координатор Пазарджик", role: .coordinator,
            districtCode: pazardzhik, library: nil),
        DemoAccount(
            email: "smolyan@praktika.local", name: "Библиотекар Смолян", role: .librarian, districtCode: smolyan,
            library: "Регионална библиотека „Никола Вранчев“"),
        DemoAccount(
            email: "partner@praktika.local", name: "Партньор (ОДК)", role: .partner, districtCode: nil, library: nil, partner: "ОДК"),
    ]
}
