import Foundation

/// One of Bulgaria's 28 districts (области), identified by its ISO 3166-2:BG code.
/// The codes are numbered in Bulgarian alphabetical order, as in `shared/data/districts.csv`.
public struct District: Sendable, Hashable, Codable, Identifiable {
    public let code: String
    public let nameBG: String
    public let nameEN: String

    public var id: String { code }

    public func name(_ language: Language) -> String { language == .bg ? nameBG : nameEN }

    public static func named(_ code: String) -> District? { byCode[code] }

    public static let all: [District] = [
        District(code: "BG-01", nameBG: "Благоевград", nameEN: "Blagoevgrad"),
        District(code: "BG-02", nameBG: "Бургас", nameEN: "Burgas"),
        District(code: "BG-03", nameBG: "Варна", nameEN: "Varna"),
        District(code: "BG-04", nameBG: "Велико Търново", nameEN: "Veliko Tarnovo"),
        District(code: "BG-05", nameBG: "Видин", nameEN: "Vidin"),
        District(code: "BG-06", nameBG: "Враца", nameEN: "Vratsa"),
        District(code: "BG-07", nameBG: "Габрово", nameEN: "Gabrovo"),
        District(code: "BG-08", nameBG: "Добрич", nameEN: "Dobrich"),
        District(code: "BG-09", nameBG: "Кърджали", nameEN: "Kardzhali"),
        District(code: "BG-10", nameBG: "Кюстендил", nameEN: "Kyustendil"),
        District(code: "BG-11", nameBG: "Ловеч", nameEN: "Lovech"),
        District(code: "BG-12", nameBG: "Монтана", nameEN: "Montana"),
        District(code: "BG-13", nameBG: "Пазарджик", nameEN: "Pazardzhik"),
        District(code: "BG-14", nameBG: "Перник", nameEN: "Pernik"),
        District(code: "BG-15", nameBG: "Плевен", nameEN: "Pleven"),
        District(code: "BG-16", nameBG: "Пловдив", nameEN: "Plovdiv"),
        District(code: "BG-17", nameBG: "Разград", nameEN: "Razgrad"),
        District(code: "BG-18", nameBG: "Русе", nameEN: "Ruse"),
        District(code: "BG-19", nameBG: "Силистра", nameEN: "Silistra"),
        District(code: "BG-20", nameBG: "Сливен", nameEN: "Sliven"),
        District(code: "BG-21", nameBG: "Смолян", nameEN: "Smolyan"),
        District(code: "BG-22", nameBG: "София (столица)", nameEN: "Sofia City"),
        District(code: "BG-23", nameBG: "Софийска област", nameEN: "Sofia Province"),
        District(code: "BG-24", nameBG: "Стара Загора", nameEN: "Stara Zagora"),
        District(code: "BG-25", nameBG: "Търговище", nameEN: "Targovishte"),
        District(code: "BG-26", nameBG: "Хасково", nameEN: "Haskovo"),
        District(code: "BG-27", nameBG: "Шумен", nameEN: "Shumen"),
        District(code: "BG-28", nameBG: "Ямбол", nameEN: "Yambol"),
    ]

    static let byCode: [String: District] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}
