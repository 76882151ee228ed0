import PraktikaDomain

/// The OpenAPI description of a service's outcomes, surveys, indicator periods and the
/// anonymous answer by a survey's token.
enum OpenAPIOutcomes {
    typealias D = OpenAPIDocument
    typealias S = Schemas

    static func array(_ items: JSONValue) -> JSONValue { OpenAPIServices.array(items) }
    static let int64 = JSONValue.object([("type", .string("integer")), ("format", .string("int64"))])
    static let number = JSONValue.object([("type", .string("number"))])
    static let nullableNumber = JSONValue.object([("type", .array([.string("number"), .string("null")]))])
    static let idParameter = D.parameter("id", schema: int64)

    static func op(
        _ id: String, _ summary: String, security: Bool = true, body: JSONValue? = nil, _ responses: [(String, String, JSONValue?)]
    ) -> JSONValue {
        D.operation(id, summary, tag: "outcomes", security: security, body: body, responses: responses)
    }

    static let hidden: (String, String, JSONValue?) = ("404", "No such service, or not one the caller may read", D.ref("Error"))
    static let refused: [(String, String, JSONValue?)] = [
        ("401", "Not signed in", D.ref("Error")), ("403", "Not one who manages this service", D.ref("Error")), hidden,
    ]
    static let invalid: (String, String, JSONValue?) = ("422", "Validation failed; `fields` says why, per field", D.ref("Error"))
    static let badBody: (String, String, JSONValue?) = ("400", "The body is not the expected JSON", D.ref("Error"))

    static var paths: [(String, JSONValue)] {
        [
            (
                "/api/v1/services/{id}/outcomes",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "getServiceOutcomes",
                            "The service's surveys with each standard item's share who agree, beside its district's and the network's (where at least five libraries contributed), and its indicator periods",
                            security: false, [("200", "The outcomes", D.ref("ServiceOutcomes")), hidden])
                    ),
                ])
            ),
            (
                "/api/v1/services/{id}/surveys",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "post",
                        op(
                            "createServiceSurveys", "Give the service its two standard surveys, open for answers (again: no change)",
                            [("201", "The outcomes", D.ref("ServiceOutcomes"))] + refused + [invalid])
                    ),
                ])
            ),
            (
                "/api/v1/services/{id}/surveys/{kind}",
                .object([
                    ("parameters", .array([idParameter, D.parameter("kind", schema: S.choiceRaw(SurveyKind.allCases.map(\.rawValue)))])),
                    (
                        "put",
                        op(
                            "updateServiceSurvey", "Open or close a survey, set its last day and own questions; what the body omits stays",
                            body: D.ref("SurveySettings"),
                            [("200", "The outcomes", D.ref("ServiceOutcomes")), badBody] + refused + [invalid])
                    ),
                ])
            ),
            (
                "/api/v1/surveys/{token}/answers",
                .object([
                    ("parameters", .array([D.parameter("token", schema: S.string())])),
                    (
                        "post",
                        op(
                            "answerSurvey", "Answer a survey anonymously (the token comes from its link)", security: false,
                            body: D.ref("SurveyAnswer"),
                            [
                                ("201", "Recorded", nil), ("200", "This submission was recorded before", nil), badBody,
                                ("404", "No such survey", D.ref("Error")), ("410", "The survey is closed", D.ref("Error")), invalid,
                                ("429", "Too many answers from this address; try later", D.ref("Error")),
                            ])
                    ),
                ])
            ),
            (
                "/api/v1/services/{id}/indicator-periods",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "listIndicatorPeriods", "The reporting periods with their results", security: false,
                            [("200", "The periods", array(D.ref("IndicatorPeriod"))), hidden])
                    ),
                    (
                        "post",
                        op(
                            "createIndicatorPeriod", "Add a reporting period to one of the service's indicators",
                            body: D.ref("IndicatorPeriodInput"),
                            [("201", "The period", D.ref("IndicatorPeriod")), badBody] + refused + [invalid])
                    ),
                ])
            ),
            (
                "/api/v1/services/{id}/indicator-periods/{sub}/result",
                .object([
                    ("parameters", .array([idParameter, D.parameter("sub", schema: int64)])),
                    (
                        "put",
                        op(
                            "submitIndicatorResult",
                            "Enter or correct a period's result; it then waits for review (an approved one does not change)",
                            body: D.ref("IndicatorValue"), [("200", "The period", D.ref("IndicatorPeriod")), badBody] + refused + [invalid])
                    ),
                ])
            ),
            (
                "/api/v1/services/{id}/indicator-periods/{sub}/review",
                .object([
                    ("parameters", .array([idParameter, D.parameter("sub", schema: int64)])),
                    (
                        "post",
                        op(
                            "reviewIndicatorResult",
                            "Approve a submitted result, or return it with a comment (the district's coordinator or an administrator)",
                            body: D.ref("IndicatorReview"),
                            [
                                ("200", "The period", D.ref("IndicatorPeriod")), badBody, ("401", "Not signed in", D.ref("Error")),
                                ("403", "Not the district's coordinator", D.ref("Error")), hidden, invalid,
                            ])
                    ),
                ])
            ),
        ]
    }

    static func orNull(_ schema: JSONValue) -> JSONValue { .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))]) }

    /// The standard areas' codes, or `custom-N` for one an administrator added.
    static let areaCodes = array(
        .object([
            ("type", .string("string")),
            ("description", .string("one of " + OutcomeArea.allCases.map(\.rawValue).joined(separator: ", ") + ", or custom-N")),
        ]))

    static let pooled = D.object(
        [("answered", D.integer), ("agreed", D.integer), ("share", nullableNumber)], required: ["answered", "agreed"])
    static let nullablePooled = JSONValue.object([("oneOf", .array([pooled, .object([("type", .string("null"))])]))])

    static var schemas: [(String, JSONValue)] {
        [
            (
                "ServiceOutcomes",
                D.object(
                    [
                        ("service_id", S.id(nullable: false)), ("areas", areaCodes),
                        ("follow_up_weeks", .object([("type", .array([.string("integer"), .string("null")]))])),
                        ("surveys", array(D.ref("OutcomeSurvey"))), ("periods", array(D.ref("IndicatorPeriod"))),
                    ], required: ["service_id", "areas", "surveys", "periods"])
            ),
            (
                "OutcomeSurvey",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("kind", S.choiceRaw(SurveyKind.allCases.map(\.rawValue))), ("open", D.boolean),
                        ("closes_on", S.date), ("takes_answers", D.boolean),
                        ("answer_url", S.string(nullable: true)), ("api_answer_url", S.string(nullable: true)),
                        ("answers", D.integer), ("paper", D.integer), ("examples", D.integer),
                        ("questions", array(D.ref("FeedbackQuestion"))),
                        (
                            "items",
                            array(
                                D.object(
                                    [
                                        ("item", S.choiceRaw(OutcomeItem.allCases.map(\.rawValue))), ("service", pooled),
                                        ("district", nullablePooled),
                                        ("network", nullablePooled),
                                    ], required: ["item", "service"]))
                        ),
                    ], required: ["id", "kind", "open", "takes_answers", "answers", "items"])
            ),
            (
                "SurveySettings",
                D.object(
                    [
                        // Each left out or null stays as it is.
                        ("open", .object([("type", .array([.string("boolean"), .string("null")]))])), ("closes_on", S.optionalText(S.day)),
                        ("questions", orNull(array(D.ref("FeedbackQuestion")))), ("areas", orNull(areaCodes)),
                        ("follow_up_weeks", OpenAPIMeetings.count(1, 26)),
                    ], required: [])
            ),
            (
                "SurveyAnswer",
                D.object(
                    [
                        ("scores", .object([("type", .string("object")), ("additionalProperties", D.integer)])),
                        ("texts", .object([("type", .string("object")), ("additionalProperties", S.string())])),
                        ("own", .object([("type", .string("object")), ("additionalProperties", array(S.string()))])),
                        (
                            "profile",
                            D.object(
                                [("age_band", S.choice(AgeBand.self)), ("gender", S.choice(Gender.self)), ("first_visit", D.boolean)],
                                required: [])
                        ),
                        ("follow_up_email", S.email), ("follow_up_consent", D.boolean),
                        ("submission", S.string(nullable: true)),
                    ], required: [])
            ),
            (
                "IndicatorPeriod",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("indicator", S.string()), ("starts_on", S.string(format: "date")),
                        ("ends_on", S.string(format: "date")), ("target", S.string(nullable: true)),
                        ("direction", S.choice(IndicatorDirection.self)),
                        ("state", S.choiceRaw(PeriodState.allCases.map(\.rawValue))),
                        (
                            "result",
                            .object([
                                (
                                    "oneOf",
                                    .array([
                                        D.object(
                                            [
                                                ("value", S.string()), ("note", S.string(nullable: true)),
                                                ("status", S.choiceRaw(ResultStatus.allCases.map(\.rawValue))),
                                                ("entered_by", S.string(nullable: true)),
                                                ("review_comment", S.string(nullable: true)), ("reviewed_by", S.string(nullable: true)),
                                            ], required: ["value", "status"]),
                                        .object([("type", .string("null"))]),
                                    ])
                                )
                            ])
                        ),
                    ], required: ["id", "indicator", "starts_on", "ends_on", "direction", "state"])
            ),
            (
                "IndicatorPeriodInput",
                D.object(
                    [
                        ("indicator", S.string()), ("starts_on", S.string(format: "date")), ("ends_on", S.string(format: "date")),
                        ("target", S.string(nullable: true)), ("direction", S.choice(IndicatorDirection.self)),
                    ], required: ["indicator", "starts_on", "ends_on"])
            ),
            ("IndicatorValue", D.object([("value", S.string()), ("note", S.string(nullable: true))], required: ["value"])),
            (
                "IndicatorReview",
                D.object(
                    [("decision", S.choiceRaw(["approve", "return"])), ("comment", S.string(nullable: true))], required: ["decision"])
            ),
        ]
    }
}
