import Foundation

public struct Settlement: RegistryRecord {
    public static let kind = RegistryKind.settlement
    public var id: Int64?
    public var name: String
    public var kind: SettlementKind
    public var municipalityID: Int64
    public var population: Int?

    public init(id: Int64? = nil, name: String, kind: SettlementKind, municipalityID: Int64, population: Int? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.municipalityID = municipalityID
        self.population = population
    }

    /// "гр. Пазарджик" / "с. Момчиловци", as Bulgarians write place names.

    /// Column names, JSON keys and form field names are the same snake_case words.
    enum CodingKeys: String, CodingKey {
        case id
        case name
        case kind
        case municipalityID = "municipality_id"
        case population
    }

    /// In Bulgarian, as the registry and the audit log keep it.
    public var displayName: String { Settlement.displayName(kind: kind, name: name, .bg) }

    public func displayName(_ language: Language) -> String { Settlement.displayName(kind: kind, name: name, language) }

    /// "гр. Смолян" in Bulgarian, "Смолян (town)" in English.
    public static func displayName(kind: SettlementKind, name: String, _ language: Language = .bg) -> String {
        (kind == .town ? TextKey.townName : TextKey.villageName)(language, ["name": name])
    }

    public var sortName: String { name }

    public var formInput: FormInput {
        [
            "name": name, "kind": kind.rawValue, "municipality_id": String(municipalityID),
            "population": population.map(String.init) ?? "",
        ]
    }

    public static func parse(_ input: FormInput, previous: Settlement?, today: LocalDate) -> (Settlement, FieldErrors) {
        var reader = FormReader(input)
        let municipality = reader.identifier("municipality_id")
        let record = Settlement(
            id: previous?.id,
            name: reader.text("name") ?? "",
            kind: reader.choice("kind", default: SettlementKind.village),
            municipalityID: municipality ?? 0,
            population: reader.integer("population"))
        return finish(record, reader)
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("name", name)
        v.maxLength("name", name, Limits.name)
        if municipalityID <= 0 { v.add("municipality_id", .validationRequired) }
        v.nonNegative("population", population)
        return v.errors
    }
}
