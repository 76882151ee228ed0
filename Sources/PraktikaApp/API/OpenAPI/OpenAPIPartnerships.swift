import PraktikaDomain

/// The OpenAPI description of the partnerships a caller may read, and of one with its
/// agreements, contributions and contacts.
enum OpenAPIPartnerships {
    typealias D = OpenAPIDocument
    typealias S = Schemas

    static func array(_ items: JSONValue) -> JSONValue { OpenAPIServices.array(items) }

    static func op(_ id: String, _ summary: String, _ responses: [(String, String, JSONValue?)]) -> JSONValue {
        D.operation(id, summary, tag: "partnerships", responses: responses)
    }

    static var paths: [(String, JSONValue)] {
        [
            (
                "/api/v1/partnerships",
                .object([
                    (
                        "get",
                        op(
                            "listPartnerships",
                            "The partnerships the caller may read: everyone's for administrators, their district's for coordinators and librarians, its own for a partner's account; newest first",
                            [
                                ("200", "The partnerships", D.ref("PartnershipList")),
                                (
                                    "403", "A role that reads no partnerships (a partner's account that speaks for no partner)",
                                    D.ref("Error")
                                ),
                            ])
                    )
                ])
            ),
            (
                "/api/v1/partnerships/{id}",
                .object([
                    ("parameters", .array([D.parameter("id", schema: OpenAPIOutcomes.int64)])),
                    (
                        "get",
                        op(
                            "getPartnership",
                            "One partnership with its agreements (their signed files as links), contributions and contacts",
                            [
                                ("200", "The partnership", D.ref("Partnership")),
                                ("403", "A role that reads no partnerships", D.ref("Error")),
                                ("404", "No such partnership, or not one the caller may read", D.ref("Error")),
                            ])
                    ),
                ])
            ),
        ]
    }

    static let named = D.object([("id", S.id(nullable: false)), ("name", S.string())], required: ["id", "name"])
    static let library = D.object(
        [("id", S.id(nullable: false)), ("name", S.string()), ("district_code", S.string(nullable: true))], required: ["id", "name"])
    static let roles = array(S.choice(PartnershipRole.self))

    static var summaryProperties: [(String, JSONValue)] {
        [
            ("id", S.id(nullable: false)), ("partner", named), ("libraries", array(library)), ("roles", roles),
            ("status", S.choice(PartnershipStatus.self)), ("starts_on", S.date), ("ends_on", S.date),
        ]
    }

    static var schemas: [(String, JSONValue)] {
        [
            ("PartnershipSummary", D.object(summaryProperties, required: ["id", "partner", "libraries", "roles", "status"])),
            ("PartnershipList", D.object([("items", array(D.ref("PartnershipSummary")))], required: ["items"])),
            (
                "PartnershipAgreement",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("kind", S.choice(AgreementKind.self)), ("title", S.string(max: 200)),
                        ("signed_on", S.day), ("valid_until", S.date), ("renew_on", S.date), ("notes", S.string(max: 2000, nullable: true)),
                        (
                            "files",
                            array(
                                D.object(
                                    [
                                        ("id", S.id(nullable: false)), ("filename", S.string()),
                                        ("kind", S.choiceRaw(AttachmentKind.allCases.map(\.rawValue))), ("size", D.integer),
                                        ("url", S.string(format: "uri")),
                                    ], required: ["id", "filename", "kind", "size", "url"]))
                        ),
                    ], required: ["id", "kind", "title", "signed_on", "files"])
            ),
            (
                "PartnershipContribution",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("received_on", S.day),
                        ("amount_minor_units", D.readOnly(S.id(), "Money given, in minor units of `currency`; absent for a gift in kind")),
                        ("in_kind", S.string(max: 500, nullable: true)),
                        ("estimated_value_minor_units", D.readOnly(S.id(), "What a gift in kind is estimated to be worth")),
                        ("currency", S.choiceRaw(Currency.allCases.map(\.rawValue))), ("design_id", S.id()),
                    ], required: ["id", "received_on", "currency"])
            ),
            (
                "PartnershipInteraction",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("on", S.day), ("kind", S.choice(InteractionKind.self)),
                        ("note", S.string(max: 2000)),
                        ("follow_up_on", S.date),
                    ], required: ["id", "on", "kind", "note"])
            ),
            (
                "Partnership",
                D.object(
                    summaryProperties + [
                        ("version", D.readOnly(D.integer, "Raised by every change of the partnership")),
                        ("designs", array(named)), ("library_contact", S.string(max: 200, nullable: true)),
                        ("partner_contact", S.string(max: 200, nullable: true)), ("notes", S.string(max: 2000, nullable: true)),
                        ("agreements", array(D.ref("PartnershipAgreement"))),
                        ("contributions", array(D.ref("PartnershipContribution"))),
                        ("interactions", array(D.ref("PartnershipInteraction"))),
                    ],
                    required: [
                        "id", "version", "partner", "libraries", "designs", "roles", "status", "agreements", "contributions",
                        "interactions",
                    ])
            ),
        ]
    }
}
