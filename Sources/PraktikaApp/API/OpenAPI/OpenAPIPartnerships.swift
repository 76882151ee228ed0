import PraktikaDomain

/// The OpenAPI description of the partnerships a caller may read, one with its agreements,
/// contributions and contacts, and the changes made to them.
enum OpenAPIPartnerships {
    typealias D = OpenAPIDocument
    typealias S = Schemas

    static func array(_ items: JSONValue) -> JSONValue { OpenAPIServices.array(items) }

    static func op(
        _ id: String, _ summary: String, headers: [(String, JSONValue)] = [], body: JSONValue? = nil,
        _ responses: [(String, String, JSONValue?)]
    ) -> JSONValue {
        D.operation(id, summary, tag: "partnerships", headers: headers, body: body, responses: responses)
    }

    /// What a change may be refused with besides its own answers.
    static let refusals: [(String, String, JSONValue?)] = [
        ("403", "Not one of the caller's libraries (or a role that changes no partnerships)", D.ref("Error")),
        ("404", "No such partnership, or not one the caller may read", D.ref("Error")),
        (
            "422",
            "The partnership's rules, or a partner, library or design that does not exist or is not the caller's; `fields` says which",
            D.ref("Error")
        ),
    ]

    /// `/api/v1/partnerships/{id}/<part>/{sub}`: one agreement, contribution or contact, deleted;
    /// and, given `replace` (its operation, summary and schema), replaced.
    static func removal(
        _ part: String, _ operationID: String, _ summary: String, replace: (id: String, summary: String, schema: String)? = nil
    ) -> (String, JSONValue) {
        var operations: [(String, JSONValue)] = [
            (
                "parameters",
                .array([D.parameter("id", schema: OpenAPIOutcomes.int64), D.parameter("sub", schema: OpenAPIOutcomes.int64)])
            ),
            ("delete", op(operationID, summary, [("204", "Deleted", nil)] + refusals.filter { $0.0 != "422" })),
        ]
        if let replace {
            operations.append(
                (
                    "put",
                    op(
                        replace.id, replace.summary, headers: [("If-Match", D.ifMatch)], body: D.ref(replace.schema + "Write"),
                        [
                            ("200", "As changed, its new version as the `ETag`", D.ref(replace.schema)),
                            ("412", "Changed by someone else since the `If-Match` version", D.ref("Error")),
                        ] + refusals)
                ))
        }
        return ("/api/v1/partnerships/{id}/\(part)/{sub}", .object(operations))
    }

    static var paths: [(String, JSONValue)] {
        [
            (
                "/api/v1/partnerships",
                .object([
                    (
                        "post",
                        op(
                            "createPartnership",
                            "Record a partnership of the caller's libraries with a registry partner, optionally tied to designs the caller reads",
                            body: D.ref("PartnershipWrite"),
                            [("201", "The partnership as recorded, its version as the `ETag`", D.ref("Partnership"))]
                                + refusals.filter { $0.0 != "404" })
                    ),
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
                    ),
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
                    (
                        "put",
                        op(
                            "replacePartnership",
                            "Replace the partnership (its libraries must be the caller's to change, before and after); with `If-Match`, only if it is still the version read",
                            headers: [("If-Match", D.ifMatch)], body: D.ref("PartnershipWrite"),
                            [
                                ("200", "The partnership as changed, its new version as the `ETag`", D.ref("Partnership")),
                                ("412", "Changed by someone else since the `If-Match` version", D.ref("Error")),
                            ] + refusals)
                    ),
                ])
            ),
            (
                "/api/v1/partnerships/{id}/contributions",
                .object([
                    ("parameters", .array([D.parameter("id", schema: OpenAPIOutcomes.int64)])),
                    (
                        "post",
                        op(
                            "addPartnershipContribution",
                            "Record what the partner gave: money, or a gift in kind with its estimated value; to a design of the partnership or to it in general",
                            body: D.ref("PartnershipContributionWrite"),
                            [("201", "The contribution as recorded", D.ref("PartnershipContribution"))] + refusals)
                    ),
                ])
            ),
            (
                "/api/v1/partnerships/{id}/interactions",
                .object([
                    ("parameters", .array([D.parameter("id", schema: OpenAPIOutcomes.int64)])),
                    (
                        "post",
                        op(
                            "addPartnershipInteraction", "Record a meeting, call, letter, e-mail or visit, with the day of the next step",
                            body: D.ref("PartnershipInteractionWrite"),
                            [("201", "The contact as recorded", D.ref("PartnershipInteraction"))] + refusals)
                    ),
                ])
            ),
            (
                "/api/v1/partnerships/{id}/agreements",
                .object([
                    ("parameters", .array([D.parameter("id", schema: OpenAPIOutcomes.int64)])),
                    (
                        "post",
                        op(
                            "addPartnershipAgreement",
                            "Record a memorandum, contract or letter of support; its signed file is attached on the partnership's page",
                            body: D.ref("PartnershipAgreementWrite"),
                            [("201", "The agreement as recorded", D.ref("PartnershipAgreement"))] + refusals)
                    ),
                ])
            ),
            removal(
                "agreements", "deletePartnershipAgreement", "Delete an agreement of the partnership, with its signed files",
                replace: (
                    "replacePartnershipAgreement",
                    "Replace an agreement of the partnership, its signed files kept (a new day to renew it is reminded of again); with `If-Match`, only if it is still the version read",
                    "PartnershipAgreement"
                )),
            removal(
                "contributions", "deletePartnershipContribution",
                "Delete a contribution recorded by mistake (the audit log keeps what it was)",
                replace: (
                    "replacePartnershipContribution",
                    "Replace a contribution of the partnership (the audit log keeps what it was); with `If-Match`, only if it is still the version read",
                    "PartnershipContribution"
                )),
            removal(
                "interactions", "deletePartnershipInteraction", "Delete a contact recorded by mistake (the audit log keeps what it was)",
                replace: (
                    "replacePartnershipInteraction",
                    "Replace a contact of the partnership (a new day for the next step is reminded of again); with `If-Match`, only if it is still the version read",
                    "PartnershipInteraction"
                )),
        ]
    }

    static let ids = JSONValue.object([
        ("type", .string("array")), ("items", OpenAPIOutcomes.int64),
        ("maxItems", .number(PartnershipAPIController.PartnershipBody.maxLinks)),
    ])

    static func minorUnits(min: Int) -> JSONValue {
        .object([
            ("type", .array([.string("integer"), .string("null")])), ("format", .string("int64")), ("minimum", .number(min)),
            ("maximum", .number(Int(Contribution.maxMinorUnits))),
        ])
    }

    /// What a client sends to record or change.
    static var writeSchemas: [(String, JSONValue)] {
        [
            (
                "PartnershipWrite",
                D.object(
                    [
                        ("partner_id", S.id(nullable: false)),
                        (
                            "library_ids",
                            .object([
                                ("type", .string("array")), ("items", OpenAPIOutcomes.int64), ("minItems", .number(1)),
                                ("maxItems", .number(PartnershipAPIController.PartnershipBody.maxLinks)),
                            ])
                        ),
                        ("design_ids", ids), ("roles", roles), ("status", S.choice(PartnershipStatus.self)), ("starts_on", S.date),
                        ("ends_on", S.date), ("library_contact", S.string(max: 200, nullable: true)),
                        ("partner_contact", S.string(max: 200, nullable: true)), ("notes", S.string(max: 2000, nullable: true)),
                    ], required: ["partner_id", "library_ids", "status"])
            ),
            (
                "PartnershipContributionWrite",
                D.object(
                    [
                        ("received_on", S.day), ("amount_minor_units", minorUnits(min: 1)), ("in_kind", S.string(max: 500, nullable: true)),
                        ("estimated_value_minor_units", minorUnits(min: 0)), ("currency", S.choiceRaw(Currency.allCases.map(\.rawValue))),
                        (
                            "volunteer_hours",
                            .object([
                                ("type", .array([.string("string"), .string("null")])), ("pattern", .string(DecimalText.pattern)),
                                (
                                    "description",
                                    .string(
                                        "For volunteers' work given in kind: the hours of all of them together, more than 0 and at most 200000 (\"40\", \"2.5\")"
                                    )
                                ),
                            ])
                        ),
                        ("design_id", S.id()),
                    ], required: ["received_on", "currency"])
            ),
            (
                "PartnershipInteractionWrite",
                D.object(
                    [
                        ("on", S.day), ("kind", S.choice(InteractionKind.self)), ("note", S.string(max: 2000)), ("follow_up_on", S.date),
                    ], required: ["on", "kind", "note"])
            ),
            (
                "PartnershipAgreementWrite",
                D.object(
                    [
                        ("kind", S.choice(AgreementKind.self)), ("title", S.string(max: 200)), ("signed_on", S.day),
                        ("valid_until", S.date), ("renew_on", S.date), ("notes", S.string(max: 2000, nullable: true)),
                    ], required: ["kind", "title", "signed_on"])
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
        writeSchemas + [
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
                        ("version", D.readOnly(D.integer, "Raised by every change of the agreement")),
                    ], required: ["id", "kind", "title", "signed_on", "files", "version"])
            ),
            (
                "PartnershipContribution",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("received_on", S.day),
                        ("amount_minor_units", D.readOnly(S.id(), "Money given, in minor units of `currency`; absent for a gift in kind")),
                        ("in_kind", S.string(max: 500, nullable: true)),
                        ("estimated_value_minor_units", D.readOnly(S.id(), "What a gift in kind is estimated to be worth")),
                        (
                            "currency",
                            D.readOnly(
                                S.choiceRaw(Currency.allCases.map(\.rawValue)),
                                "The currency of the amount or the estimate; absent for a gift in kind with no estimate")
                        ),
                        (
                            "volunteer_hours",
                            D.readOnly(
                                .object([("type", .string("string")), ("pattern", .string(DecimalText.pattern))]),
                                "Volunteers' hours in all; absent for anything but volunteers' work")
                        ),
                        ("design_id", S.id()),
                        ("version", D.readOnly(D.integer, "Raised by every change of the contribution")),
                    ], required: ["id", "received_on", "version"])
            ),
            (
                "PartnershipInteraction",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("on", S.day), ("kind", S.choice(InteractionKind.self)),
                        ("note", S.string(max: 2000)),
                        ("follow_up_on", S.date),
                        ("version", D.readOnly(D.integer, "Raised by every change of the contact")),
                    ], required: ["id", "on", "kind", "note", "version"])
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
