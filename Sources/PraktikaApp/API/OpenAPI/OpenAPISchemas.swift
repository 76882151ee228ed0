import PraktikaDomain

/// The JSON schemas of the records, written field by field; the OpenAPI test checks that
/// their property names are exactly the keys the records encode.
enum Schemas {
    static func string(max: Int? = nil, nullable: Bool = false, format: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", nullable ? .array([.string("string"), .string("null")]) : .string("string"))]
        if let max { members.append(("maxLength", .number(max))) }
        if let format { members.append(("format", .string(format))) }
        return .object(members)
    }

    static func id(nullable: Bool = true) -> JSONValue {
        .object([("type", nullable ? .array([.string("integer"), .string("null")]) : .string("integer")), ("format", .string("int64"))])
    }

    static func choice<E: LabelledChoice>(_ type: E.Type) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(E.allCases.map { .string($0.rawValue) }))])
    }

    /// A closed list of words that is not a labelled choice.
    static func choiceRaw(_ values: [String]) -> JSONValue {
        .object([("type", .string("string")), ("enum", .array(values.map { .string($0) }))])
    }

    static let districtCode = JSONValue.object([
        ("type", .array([.string("string"), .string("null")])), ("enum", .array(District.all.map { .string($0.code) } + [.null])),
    ])
    static let districtCodeValue = JSONValue.object([("type", .string("string")), ("enum", .array(District.all.map { .string($0.code) }))])

    /// A calendar date `YYYY-MM-DD` from 0001 to 9999 that exists (`LocalDate`), leap days included.
    static let datePattern =
        "^(([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
        + "|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26]|0[48])00)-02-29)$"
    static let day = JSONValue.object([("type", .string("string")), ("format", .string("date")), ("pattern", .string(datePattern))])
    static let date = JSONValue.object([
        ("type", .array([.string("string"), .string("null")])), ("format", .string("date")), ("pattern", .string(datePattern)),
    ])

    /// An optional e-mail address as `Validator.email` takes it; empty or null means none.
    static let email = optionalText(.object([("type", .string("string")), ("format", .string("email")), ("maxLength", .number(254))]))
    /// `Validator.url`: http or https, a host with a dot, no white space.
    static let website = optionalText(
        .object([
            ("type", .string("string")), ("maxLength", .number(500)),
            (
                "pattern",
                .string(
                    "^[Hh][Tt][Tt][Pp][Ss]?://[^/\\s\\u0000-\\u001F\\u007F-\\u009F]*\\.[^/\\s\\u0000-\\u001F\\u007F-\\u009F]*(/[^\\s\\u0000-\\u001F\\u007F-\\u009F]*)?$"
                )
            ),
        ]))
    /// `Validator.phone`: 6 to 15 digits, with spaces, `+ - ( ) /` between them.
    static let phone = optionalText(
        .object([("type", .string("string")), ("pattern", .string("^[ +()/-]*([0-9][ +()/-]*){6,15}$"))]))

    /// A text that may also be empty or null, meaning none.
    static func optionalText(_ schema: JSONValue) -> JSONValue {
        .object([
            (
                "anyOf",
                .array([schema, .object([("type", .string("string")), ("maxLength", .number(0))]), .object([("type", .string("null"))])])
            )
        ])
    }

    static func record(_ area: RegistryArea) -> JSONValue {
        switch area {
        case .municipalities:
            return OpenAPIDocument.object(
                [
                    ("id", id()), ("name", string(max: 200)),
                    ("district_code", districtCodeValue),
                ],
                required: ["name", "district_code"])
        case .settlements:
            return OpenAPIDocument.object(
                [
                    ("id", id()), ("name", string(max: 200)), ("kind", choice(SettlementKind.self)),
                    ("municipality_id", id(nullable: false)),
                    (
                        "population",
                        .object([
                            ("type", .array([.string("integer"), .string("null")])), ("format", .string("int64")), ("minimum", .number(0)),
                        ])
                    ),
                ],
                required: ["name", "kind", "municipality_id"])
        case .libraries:
            return OpenAPIDocument.object(
                [
                    ("id", id()), ("name", string(max: 200)), ("kind", choice(LibraryKind.self)),
                    ("chitalishte_name", string(max: 200, nullable: true)),
                    ("settlement_id", id()), ("district_code", districtCode), ("network_member_since", date),
                ] + contacts,
                required: ["name", "kind"])
        case .partners:
            return OpenAPIDocument.object(
                [
                    ("id", id()), ("name", string(max: 200)), ("kind", choice(PartnerKind.self)), ("settlement_id", id()),
                    ("district_code", districtCode), ("contact_person", string(max: 200, nullable: true)),
                ] + contacts,
                required: ["name", "kind"])
        case .people:
            return OpenAPIDocument.object(
                [
                    ("id", id()), ("full_name", string(max: 200)), ("network_role", choice(NetworkRole.self)),
                    ("position", string(max: 300, nullable: true)),
                    ("organisation", string(max: 300, nullable: true)), ("library_id", id()), ("partner_id", id()),
                    ("district_code", districtCode),
                    ("email", email), ("phone", phone),
                    ("consent_recorded_on", date), ("notes", string(max: 4000, nullable: true)),
                ],
                required: ["full_name", "network_role"])
        case .districts:
            return OpenAPIDocument.object(
                [("code", string()), ("nameBG", string()), ("nameEN", string())], required: ["code", "nameBG", "nameEN"])
        }
    }

    static let contacts: [(String, JSONValue)] = [
        ("address", string(max: 300, nullable: true)), ("email", email), ("phone", phone), ("website", website),
        ("notes", string(max: 4000, nullable: true)),
    ]

    static let common: [(String, JSONValue)] = [
        ("District", record(.districts)),
        (
            "Error",
            OpenAPIDocument.object(
                [
                    (
                        "error",
                        OpenAPIDocument.object(
                            [
                                ("status", OpenAPIDocument.integer), ("message", string()), ("code", string(nullable: true)),
                                (
                                    "fields",
                                    .object([("type", .array([.string("object"), .string("null")])), ("additionalProperties", string())])
                                ),
                            ], required: ["status", "message"])
                    )
                ], required: ["error"])
        ),
        (
            "TokenRequest",
            OpenAPIDocument.object(
                [("email", string(format: "email")), ("password", string()), ("label", string(nullable: true))],
                required: ["email", "password"])
        ),
        (
            "TokenInfo",
            OpenAPIDocument.object(
                [
                    ("id", id(nullable: false)),
                    ("kind", .object([("type", .string("string")), ("enum", .array([.string("session"), .string("api")]))])),
                    ("label", string(nullable: true)), ("created_at", string(format: "date-time")),
                    ("expires_at", string(nullable: true, format: "date-time")),
                    ("current", .object([("type", .string("boolean"))])),
                ], required: ["id", "kind", "created_at", "current"])
        ),
        (
            "TokenResponse",
            OpenAPIDocument.object(
                [("token", string()), ("token_type", string()), ("role", choice(Role.self))], required: ["token", "token_type", "role"])
        ),
        (
            "AuditPage",
            OpenAPIDocument.object(
                [
                    (
                        "items",
                        .object([
                            ("type", .string("array")),
                            (
                                "items",
                                OpenAPIDocument.object(
                                    [
                                        ("id", id(nullable: false)), ("at", string(format: "date-time")), ("user_id", id()),
                                        ("user_name", string(nullable: true)),
                                        ("action", choice(AuditAction.self)), ("entity", string()), ("entity_id", string(nullable: true)),
                                        ("entity_name", string(nullable: true)), ("changes", string(nullable: true)),
                                    ], required: ["id", "at", "action", "entity"])
                            ),
                        ])
                    ), ("total", OpenAPIDocument.integer),
                ], required: ["items", "total"])
        ),
    ]
}
