import PraktikaDomain

/// The OpenAPI description of `/api/v1/services`: paths and the schemas of a service design.
enum OpenAPIServices {
    typealias D = OpenAPIDocument
    typealias S = Schemas

    static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }
    /// `FixedDecimal(parsing:)`: up to twelve digits, a point and up to three more.
    static let decimal = JSONValue.object([
        ("type", .array([.string("string"), .string("null")])), ("pattern", .string(decimalPattern)),
    ])
    static func nonEmptyArray(_ items: JSONValue) -> JSONValue {
        .object([("type", .string("array")), ("items", items), ("minItems", .number(1))])
    }

    /// Text the seating solver takes as it is: labels it only compares, never stores.
    static let anyText = JSONValue.object([("type", .string("string")), ("pattern", .string("^[\\s\\S]*$"))])
    static let decimalValue = JSONValue.object([("type", .string("string")), ("pattern", .string(decimalPattern))])
    static let decimalPattern = "^-?[0-9]{1,12}(\\.[0-9]{1,3})?$"
    static let idParameter = D.parameter("id", schema: .object([("type", .string("integer")), ("format", .string("int64"))]))

    static var paths: [(String, JSONValue)] { servicePaths + [searchPath, seatingPath] + practicePaths }

    static let practicePaths: [(String, JSONValue)] = [
        (
            "/api/v1/practices",
            .object([
                (
                    "get",
                    D.operation(
                        "listPractices",
                        "Published good practices the caller may read; ranked when `q` is given (25 a page). Without `q`, "
                            + "`cursor=start` walks the whole catalogue newest first: each answer's `next_cursor` gives the next step.",
                        tag: "practices",
                        security: false,
                        query: [("q", D.Query.text)] + D.Query.facets + [("page", D.Query.page), ("cursor", D.Query.cursor)],
                        responses: [("200", "A page of practices", D.ref("SearchPage"))])
                )
            ])
        ),
        (
            "/api/v1/practices/{id}",
            .object([
                ("parameters", .array([idParameter])),
                (
                    "get",
                    D.operation(
                        "getPractice", "A practice: its story, results, files, adoptions and the adopters' results", tag: "practices",
                        security: false,
                        responses: [("200", "The practice", D.ref("Practice")), ("404", "No such published practice", D.ref("Error"))])
                ),
            ])
        ),
        (
            "/api/v1/practices/{id}/adopt",
            .object([
                ("parameters", .array([idParameter])),
                (
                    "post",
                    D.operation(
                        "adoptPractice", "Copy the practice into a draft of one of the caller's libraries, linked to the original",
                        tag: "practices",
                        body: D.object([("library_id", S.id(nullable: false))], required: ["library_id"]),
                        responses: [
                            ("201", "The draft's id", D.ref("Created")), ("401", "Not signed in", D.ref("Error")),
                            ("403", "Not allowed for this library", D.ref("Error")), ("404", "No such practice", D.ref("Error")),
                            ("422", "No library chosen", D.ref("Error")),
                        ])
                ),
            ])
        ),
    ]

    static let seatingPath: (String, JSONValue) = (
        "/api/v1/seating",
        .object([
            (
                "post",
                D.operation(
                    "seat", "Seat participants at work tables (the meetings' solver); at most 5,000 participants and 500 tables",
                    tag: "meetings", body: D.ref("SeatingProblem"),
                    responses: [
                        ("200", "The seating and its penalty", D.ref("SeatingAnswer")), ("400", "Not a seating instance", D.ref("Error")),
                        ("401", "Not signed in", D.ref("Error")), ("413", "Too large", D.ref("Error")),
                        ("422", "Cannot be seated (e.g. more people than seats); the message says why", D.ref("Error")),
                    ])
            )
        ])
    )

    static let servicePaths: [(String, JSONValue)] = [
        (
            "/api/v1/services",
            .object([
                (
                    "get",
                    D.operation(
                        "listServices",
                        "Service designs this caller may read, newest change first (25 a page). Without `q`, `cursor=start` "
                            + "walks the whole list newest first: each answer's `next_cursor` gives the next step.",
                        tag: "services",
                        security: false,
                        query: [("q", D.Query.text)] + D.Query.facets + [
                            ("sort", D.Query.oneOf(DesignListQuery.sortKeys.sorted())), ("dir", D.Query.oneOf(["asc", "desc"])),
                            ("page", D.Query.page), ("cursor", D.Query.cursor),
                        ],
                        responses: [("200", "A page of designs", D.ref("DesignPage"))])
                ),
                (
                    "post",
                    D.operation(
                        "createService", "Create a design", tag: "services", body: D.ref("ServiceDesign"),
                        responses: D.writeResponses("ServiceEnvelope", created: true))
                ),
            ])
        ),
        (
            "/api/v1/services/{id}",
            .object([
                ("parameters", .array([idParameter])),
                (
                    "get",
                    D.operation(
                        "getService", "One design with its version and budget totals", tag: "services", security: false,
                        responses: [
                            ("200", "The design", D.ref("ServiceEnvelope")),
                            ("404", "No such design, or one the caller may not read", D.ref("Error")),
                        ])
                ),
                (
                    "put",
                    D.operation(
                        "replaceService", "Replace a design; `version` is the one the change was made on", tag: "services",
                        body: D.ref("ServiceReplacement"),
                        responses: D.writeResponses("ServiceEnvelope", created: false) + [
                            ("409", "Changed by someone else since `version`; `fields` lists their changes", D.ref("Error"))
                        ])
                ),
                (
                    "delete",
                    D.operation(
                        "deleteService", "Delete a design with its history", tag: "services",
                        responses: [
                            ("204", "Deleted", nil), ("401", "Not signed in", D.ref("Error")), ("403", "Not allowed", D.ref("Error")),
                            ("404", "No such design", D.ref("Error")),
                        ])
                ),
            ])
        ),
        (
            "/api/v1/services/{id}/revisions",
            .object([
                ("parameters", .array([idParameter])),
                (
                    "get",
                    D.operation(
                        "listServiceRevisions", "Every saved version, newest first", tag: "services", security: false,
                        responses: [("200", "The versions", array(D.ref("ServiceRevision"))), ("404", "No such design", D.ref("Error"))])
                ),
            ])
        ),
    ]

    static let searchPath: (String, JSONValue) = (
        "/api/v1/search",
        .object([
            (
                "get",
                D.operation(
                    "search",
                    "Full-text search over the designs this caller may read (Bulgarian analysis; Latin letters are transliterated; "
                        + "a word ending in * is a prefix), best first",
                    tag: "services", security: false,
                    query: [("q", D.Query.search)] + D.Query.facets + [("page", D.Query.page)],
                    responses: [("200", "Ranked results", D.ref("SearchPage")), ("400", "No query", D.ref("Error"))])
            )
        ])
    )

    static let seatID = JSONValue.object([("type", .array([.string("string"), .string("integer")])), ("format", .string("int64"))])

    static let schemas: [(String, JSONValue)] = [
        (
            "PracticeStory",
            D.object(
                [("what_worked", S.string()), ("what_did_not", S.string(nullable: true)), ("published_on", S.string(format: "date"))],
                required: ["what_worked", "published_on"])
        ),
        (
            "Practice",
            D.object(
                [
                    ("id", S.id(nullable: false)), ("title", S.string()), ("libraries", array(S.string())),
                    ("districts", array(S.string())),
                    ("story", D.ref("PracticeStory")), ("results", .object([("type", .string("array"))])),
                    (
                        "files",
                        array(
                            D.object(
                                [
                                    ("id", S.id(nullable: false)), ("filename", S.string()), ("kind", S.string()), ("size", D.integer),
                                    ("url", S.string()),
                                ],
                                required: ["id", "filename", "kind", "size", "url"]))
                    ),
                    ("adoptions", D.integer),
                    ("adoptions_by_district", .object([("type", .string("object")), ("additionalProperties", D.integer)])),
                    (
                        "adopters",
                        array(
                            D.object(
                                [
                                    ("id", S.id(nullable: false)), ("libraries", array(S.string())),
                                    ("status", S.choice(DesignStatus.self)), ("indicators", .object([("type", .string("array"))])),
                                ],
                                required: ["id", "libraries", "status", "indicators"]))
                    ),
                    ("design", D.ref("ServiceDesign")),
                ],
                required: ["id", "title", "story", "results", "files", "adoptions", "adopters", "design"])
        ),
        (
            "SeatingProblem",
            D.object(
                [
                    (
                        "tables",
                        nonEmptyArray(
                            D.object(
                                [
                                    ("id", seatID), ("targetGroup", anyText),
                                    (
                                        "capacity",
                                        .object([("type", .array([.string("integer"), .string("null")])), ("format", .string("int64"))])
                                    ),
                                ], required: ["id", "targetGroup"]))
                    ),
                    (
                        "participants",
                        array(
                            D.object(
                                [
                                    ("id", seatID), ("district", anyText), ("role", anyText), ("organization", anyText),
                                    ("wants", .object([("type", .array([.string("array"), .string("null")])), ("items", S.string())])),
                                    ("table", seatID),
                                ], required: ["id", "district", "role", "organization"]))
                    ),
                    (
                        "weights",
                        OpenAPIOutcomes.orNull(
                            D.object(
                                ["district", "role", "organization", "preference"].map {
                                    (
                                        $0,
                                        JSONValue.object([
                                            ("type", .array([.string("integer"), .string("null")])), ("format", .string("int64")),
                                            ("minimum", .number(SeatingWeights.range.lowerBound)),
                                            ("maximum", .number(SeatingWeights.range.upperBound)),
                                        ])
                                    )
                                },
                                required: []))
                    ),
                ], required: ["tables", "participants"])
        ),
        (
            "SeatingAnswer",
            D.object(
                [
                    ("seating", .object([("type", .string("object")), ("additionalProperties", seatID)])),
                    (
                        "penalty",
                        D.object(
                            [
                                ("district", D.integer), ("role", D.integer), ("organization", D.integer), ("preference", D.integer),
                                ("total", D.integer),
                            ], required: ["district", "role", "organization", "preference", "total"])
                    ),
                ], required: ["seating", "penalty"])
        ),
        (
            "SearchPage",
            D.object(
                [
                    (
                        "items",
                        array(
                            D.object(
                                [
                                    ("id", S.id(nullable: false)), ("title", S.string()), ("status", S.choice(DesignStatus.self)),
                                    ("target_category", S.choice(TargetGroupCategory.self)), ("snippet", S.string(nullable: true)),
                                    ("matched", array(S.string())), ("is_practice", D.boolean),
                                ], required: ["id", "title", "status", "target_category", "matched", "is_practice"]))
                    ), ("total", D.integer), ("capped", D.boolean), ("page", D.integer), ("per_page", D.integer),
                    ("suggestion", S.string(nullable: true)), ("next_cursor", S.string(nullable: true)),
                ], required: ["items", "total", "capped", "page", "per_page"])
        ),
        (
            "Money",
            D.object(
                [
                    ("minor_units", D.integer),
                    ("currency", .object([("type", .string("string")), ("enum", .array(Currency.allCases.map { .string($0.rawValue) }))])),
                ], required: ["minor_units", "currency"])
        ),
        (
            "ServiceDesign",
            D.object(
                [
                    ("title", S.string(max: DesignValidation.maxTitle)), ("summary", S.string(nullable: true)),
                    ("library_ids", array(S.id(nullable: false))),
                    ("status", S.choice(DesignStatus.self)), ("visibility", S.choice(DesignVisibility.self)),
                    ("innovations", array(S.choice(Innovation.self))),
                    (
                        "target_group",
                        D.object(
                            [
                                ("category", S.choice(TargetGroupCategory.self)), ("description", S.string(nullable: true)),
                                ("expected_reach", OpenAPIMeetings.nullableInt),
                            ],
                            required: ["category"])
                    ),
                    ("needs", S.string(nullable: true)), ("service", S.string(nullable: true)), ("goal", S.string(nullable: true)),
                    (
                        "resources",
                        D.object(
                            [
                                ("existing", array(S.choice(ExistingResource.self))), ("existing_notes", S.string(nullable: true)),
                                ("needed", S.string(nullable: true)),
                            ],
                            required: ["existing"])
                    ),
                    (
                        "budget",
                        array(
                            D.object(
                                [
                                    ("item", S.string(max: DesignValidation.maxTitle)), ("quantity", decimalValue),
                                    ("unit_cost", D.ref("Money")), ("source", S.choice(FundingSource.self)),
                                ],
                                required: ["item", "quantity", "unit_cost", "source"]))
                    ),
                    (
                        "partners",
                        array(
                            D.object(
                                [
                                    ("partner_id", S.id()), ("name", S.string()),
                                    (
                                        "kind",
                                        .object([
                                            ("type", .array([.string("string"), .string("null")])),
                                            ("enum", .array(PartnerKind.allCases.map { .string($0.rawValue) } + [.null])),
                                        ])
                                    ), ("role", S.string(nullable: true)),
                                ],
                                required: ["name"]))
                    ),
                    ("channels", array(S.choice(InformationChannel.self))), ("channel_notes", S.string(nullable: true)),
                    (
                        "activities",
                        array(
                            D.object(
                                [
                                    ("title", S.string()), ("start", S.date), ("end", S.date), ("responsible", S.string(nullable: true)),
                                    ("partner", S.string(nullable: true)),
                                ],
                                required: ["title"]))
                    ),
                    ("expected_results", S.string(nullable: true)), ("social_effect", S.string(nullable: true)),
                    ("economic_effect", S.string(nullable: true)),
                    (
                        "indicators",
                        array(
                            D.object(
                                [
                                    ("name", S.string()), ("unit", S.choice(IndicatorUnit.self)), ("baseline", decimal),
                                    ("target", decimal), ("period", S.string(nullable: true)), ("actual", decimal),
                                ],
                                required: ["name", "unit"]))
                    ),
                    ("practice", D.ref("PracticeStory")),
                    ("adopted_from", S.id()),
                    (
                        "presented_at",
                        D.readOnly(
                            D.object(
                                [("meeting_title", S.string()), ("day", S.date), ("speaker", S.string(nullable: true))],
                                required: ["meeting_title"]),
                            "Set by the server when a meeting's organiser records a presentation of good practice from the "
                                + "programme; such a design may be running or completed without needs, activities or indicators.")
                    ),
                ],
                required: [
                    "title", "library_ids", "status", "visibility", "innovations", "target_group", "resources", "budget", "partners",
                    "channels", "activities", "indicators",
                ])
        ),
        (
            "ServiceEnvelope",
            D.object(
                [
                    ("id", S.id(nullable: false)), ("version", D.integer), ("updated_at", S.string(format: "date-time")),
                    ("design", D.ref("ServiceDesign")),
                    (
                        "totals",
                        D.object(
                            [
                                ("by_currency", .object([("type", .string("object")), ("additionalProperties", D.ref("Money"))])),
                                ("total_eur", D.ref("Money")), ("total_bgn", D.ref("Money")),
                            ],
                            required: ["by_currency", "total_eur", "total_bgn"])
                    ),
                ], required: ["id", "version", "updated_at", "design", "totals"])
        ),
        ("ServiceReplacement", D.object([("version", D.integer), ("design", D.ref("ServiceDesign"))], required: ["version", "design"])),
        (
            "DesignPage",
            D.object(
                [
                    (
                        "items",
                        array(
                            D.object(
                                [
                                    ("id", S.id(nullable: false)), ("title", S.string()), ("status", S.choice(DesignStatus.self)),
                                    ("visibility", S.choice(DesignVisibility.self)),
                                    ("target_category", S.choice(TargetGroupCategory.self)), ("budget_total_eur", D.ref("Money")),
                                    ("libraries", array(S.string())),
                                    ("updated_at", S.string(format: "date-time")), ("is_practice", D.boolean),
                                ],
                                required: [
                                    "id", "title", "status", "visibility", "target_category", "budget_total_eur", "libraries", "updated_at",
                                    "is_practice",
                                ]))
                    ), ("total", D.integer), ("capped", D.boolean), ("page", D.integer), ("per_page", D.integer),
                    ("next_cursor", S.string(nullable: true)),
                ], required: ["items", "total", "capped", "page", "per_page"])
        ),
        (
            "ServiceRevision",
            D.object(
                [
                    ("version", D.integer), ("at", S.string(format: "date-time")), ("user_name", S.string(nullable: true)),
                    ("block", S.string(nullable: true)),
                    ("restored_from", .object([("type", .array([.string("integer"), .string("null")]))])),
                ],
                required: ["version", "at"])
        ),
    ]
}
