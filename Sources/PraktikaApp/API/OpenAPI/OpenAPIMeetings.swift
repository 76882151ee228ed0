import PraktikaDomain

/// The OpenAPI description of `/api/v1/meetings` and the anonymous feedback answer.
enum OpenAPIMeetings {
    typealias D = OpenAPIDocument
    typealias S = Schemas

    static func array(_ items: JSONValue) -> JSONValue { OpenAPIServices.array(items) }
    static let int64 = JSONValue.object([("type", .string("integer")), ("format", .string("int64"))])
    static let idParameter = D.parameter("id", schema: int64)
    static let subParameter = D.parameter("sub", schema: int64)
    /// `ClockTime(parsing:)`: hours and minutes, `9:30` or `09:30`.
    static let time = JSONValue.object([
        ("type", .array([.string("string"), .string("null")])), ("pattern", .string("^([01]?[0-9]|2[0-3]):[0-5][0-9]$")),
    ])
    static func count(_ minimum: Int, _ maximum: Int, nullable: Bool = true) -> JSONValue {
        .object([
            ("type", nullable ? .array([.string("integer"), .string("null")]) : .string("integer")), ("format", .string("int64")),
            ("minimum", .number(minimum)),
            ("maximum", .number(maximum)),
        ])
    }
    static let nullableInt = JSONValue.object([("type", .array([.string("integer"), .string("null")])), ("format", .string("int64"))])

    static func op(
        _ id: String, _ summary: String, security: Bool = true, query: [(String, JSONValue)] = [], body: JSONValue? = nil,
        _ responses: [(String, String, JSONValue?)]
    ) -> JSONValue {
        D.operation(id, summary, tag: "meetings", security: security, query: query, body: body, responses: responses)
    }

    static let notOrganiser: [(String, String, JSONValue?)] = [
        ("401", "Not signed in", D.ref("Error")), ("403", "Not an organiser of this meeting", D.ref("Error")),
        ("404", "No such meeting", D.ref("Error")),
    ]
    static let invalid: (String, String, JSONValue?) = ("422", "Validation failed; `fields` says why, per field", D.ref("Error"))
    static let badBody: (String, String, JSONValue?) = ("400", "The body is not the expected JSON", D.ref("Error"))

    static var paths: [(String, JSONValue)] {
        [
            (
                "/api/v1/meetings",
                .object([
                    (
                        "get",
                        op(
                            "listMeetings", "Meetings, newest first, with their counts", security: false,
                            query: [("district", D.Query.district), ("series", D.Query.text)],
                            [("200", "The meetings", D.ref("MeetingPage"))])
                    ),
                    (
                        "post",
                        op(
                            "createMeeting", "Create a meeting the caller then organises", body: D.ref("Meeting"),
                            [("201", "Created", D.ref("MeetingEnvelope")), badBody, ("401", "Not signed in", D.ref("Error")), invalid])
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "getMeeting", "One meeting; organisers also get the registration link", security: false,
                            [("200", "The meeting", D.ref("MeetingEnvelope")), ("404", "No such meeting", D.ref("Error"))])
                    ),
                    (
                        "put",
                        op(
                            "replaceMeeting",
                            "Replace a meeting's details. With `version` (from the last read), a meeting someone changed since is "
                                + "refused with 409 instead of overwritten.",
                            body: .object([
                                (
                                    "allOf",
                                    .array([
                                        D.ref("Meeting"),
                                        .object([
                                            ("type", .string("object")),
                                            ("properties", .object([("version", OpenAPIMeetings.nullableInt)])),
                                        ]),
                                    ])
                                )
                            ]),
                            [
                                ("200", "Saved", D.ref("MeetingEnvelope")), badBody, invalid,
                                ("409", "Changed by someone else since `version`", D.ref("Error")),
                            ] + notOrganiser)
                    ),
                    (
                        "delete",
                        op(
                            "deleteMeeting", "Delete a meeting with its programme, participants, tables and feedback",
                            [("204", "Deleted", nil)] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/agenda",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "getAgenda", "The programme: sessions in time order with their items", security: false,
                            [("200", "The sessions", array(D.ref("AgendaSession"))), ("404", "No such meeting", D.ref("Error"))])
                    ),
                    (
                        "post",
                        op(
                            "addSession", "Add a session, with its items", body: D.ref("AgendaSession"),
                            [("201", "Added", D.ref("Created")), badBody, invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/agenda/{sub}",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "put",
                        op(
                            "replaceSession",
                            "Change a session's day, times, title and chair (its items are changed one by one; `items` in the body is not read)",
                            body: D.ref("AgendaSession"),
                            [("200", "The session as saved, with its items", D.ref("AgendaSession")), badBody, invalid] + notOrganiser)
                    ),
                    (
                        "delete",
                        op("removeSession", "Remove a session with its items and their files", [("204", "Removed", nil)] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/agenda/{sub}/items",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "post",
                        op(
                            "addItem", "Add an item at the end of a session", body: D.ref("AgendaItem"),
                            [("201", "Added", D.ref("Created")), badBody, invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/agenda/items/{sub}",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "put",
                        op(
                            "replaceItem", "Change an item; its session, place, files and recorded practice stay",
                            body: D.ref("AgendaItem"), [("200", "The item as saved", D.ref("AgendaItem")), badBody, invalid] + notOrganiser)
                    ),
                    ("delete", op("removeItem", "Remove an item and its files", [("204", "Removed", nil)] + notOrganiser)),
                ])
            ),
            (
                "/api/v1/meetings/{id}/participants",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "listParticipants", "Everyone registered (personal data: organisers only)",
                            [("200", "The participants", array(D.ref("MeetingParticipantRecord")))] + notOrganiser)
                    ),
                    (
                        "post",
                        op(
                            "addParticipants",
                            "Add one participant or a list; nothing is added unless all are valid (problems name `[i].field`)",
                            body: .object([("oneOf", .array([D.ref("MeetingParticipant"), array(D.ref("MeetingParticipant"))]))]),
                            [("201", "Everyone now registered", array(D.ref("MeetingParticipantRecord"))), badBody, invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/participants/{sub}",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "put",
                        op(
                            "replaceParticipant",
                            "Change a participant, including the registry library (`libraryID`) or partner (`partnerID`) they come from; how they registered stays",
                            body: D.ref("MeetingParticipant"),
                            [("200", "The participant as saved", D.ref("MeetingParticipantRecord")), badBody, invalid] + notOrganiser)
                    ),
                    (
                        "delete",
                        op(
                            "removeParticipant", "Remove a participant and every datum about them at this meeting",
                            [("204", "Removed", nil)] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/tables",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "listTables", "The work tables; organisers also see who sits at each", security: false,
                            [("200", "The tables", array(D.ref("TableEntry"))), ("404", "No such meeting", D.ref("Error"))])
                    ),
                    (
                        "post",
                        op(
                            "addTable", "Add a work table", body: D.ref("WorkTable"),
                            [("201", "Added", D.ref("Created")), badBody, invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/tables/{sub}/result",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "post",
                        op(
                            "recordTableResult", "Start (or find) the table's result: a draft service design of the organising libraries",
                            [("201", "The design's id", D.ref("Created")), invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/seating",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "getSeating", "Who sits where, the penalty of the seating and what is off at each table",
                            [("200", "The seating", D.ref("MeetingSeating"))] + notOrganiser)
                    ),
                    (
                        "post",
                        op(
                            "seatMeeting",
                            "Seat everyone with the solver (pinned people stay); an optional body `{\"weights\": {...}}` overrides the weights",
                            [
                                ("200", "The new seating", D.ref("MeetingSeating")),
                                (
                                    "400",
                                    "A body that is not `{\"weights\": {...}}` with whole numbers from 0 to 1000; `fields` says which",
                                    D.ref("Error")
                                ),
                                ("422", "Cannot be seated; the message says why", D.ref("Error")),
                            ] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/feedback",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "listFeedbackForms", "The meeting's feedback forms with their answer links",
                            [("200", "The forms", array(D.ref("FeedbackFormEntry")))] + notOrganiser)
                    ),
                    (
                        "post",
                        op(
                            "createFeedbackForm", "Create a feedback form", body: D.ref("FeedbackFormRequest"),
                            [("201", "Created", D.ref("Created")), badBody, invalid] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/feedback/{sub}/results",
                .object([
                    ("parameters", .array([idParameter, subParameter])),
                    (
                        "get",
                        op(
                            "getFeedbackResults", "Counts per option, average ratings, free-text answers",
                            [("200", "The results", D.ref("FeedbackResults"))] + notOrganiser)
                    ),
                ])
            ),
            (
                "/api/v1/feedback/{token}",
                .object([
                    ("parameters", .array([D.parameter("token", schema: S.string())])),
                    (
                        "post",
                        op(
                            "answerFeedback", "Answer a feedback form anonymously (the token comes from the form's link)", security: false,
                            body: D.ref("FeedbackResponse"),
                            [("201", "Recorded", nil), badBody, ("404", "No such open form", D.ref("Error")), invalid])
                    ),
                ])
            ),
            (
                "/api/v1/meetings/{id}/report",
                .object([
                    ("parameters", .array([idParameter])),
                    (
                        "get",
                        op(
                            "getReport",
                            "The meeting report as Markdown (`format=md`, default) or HTML (`format=html`); public once published",
                            security: false, query: [("format", D.Query.oneOf(["md", "html"], empty: false))],
                            [
                                ("200", "The report (text/markdown or text/html)", nil), ("400", "Unknown format", D.ref("Error")),
                                ("404", "No such meeting, or not published", D.ref("Error")),
                            ])
                    ),
                ])
            ),
        ]
    }

    static let meetingProperties: [(String, JSONValue)] = [
        ("title", S.string(max: 200)), ("theme", S.string(max: 300, nullable: true)), ("starts_on", S.day),
        ("ends_on", S.date),
        ("venue", S.string(max: 200)), ("place", S.string(max: 100, nullable: true)),
        ("organiser_library_ids", array(S.id(nullable: false))),
        ("host_library_id", S.id()),
        ("district_codes", .object([("type", .string("array")), ("items", S.districtCodeValue), ("minItems", .number(1))])),
        ("status", S.choice(MeetingStatus.self)),
        ("series", S.string(max: 200, nullable: true)), ("capacity", count(1, 100_000)), ("starts_at", time), ("ends_at", time),
        ("reminder_days", count(0, 60, nullable: false)),
    ]

    static let itemProperties: [(String, JSONValue)] = [
        ("id", S.id()), ("kind", S.choice(AgendaItemKind.self)), ("starts", time), ("ends", time), ("title", S.string(max: 300)),
        ("speaker", S.string(max: 200, nullable: true)), ("affiliation", S.string(max: 300, nullable: true)),
        ("summary", S.string(max: 4000, nullable: true)),
        ("practice_design_id", D.readOnly(S.id(), "Set when the presentation is recorded as a design")),
    ]

    static let sessionProperties: [(String, JSONValue)] = [
        ("id", S.id()), ("day", S.day), ("starts", time), ("ends", time), ("title", S.string(max: 300)),
        ("chair", S.string(max: 200, nullable: true)),
        ("items", array(D.ref("AgendaItem"))), ("capacity", count(1, 100_000)),
    ]

    /// A participant as a client sends one: a district is required.
    static let participantProperties: [(String, JSONValue)] = participantRecordProperties.map {
        $0.0 == "district_code" ? ($0.0, S.districtCodeValue) : $0
    }

    static let participantRecordProperties: [(String, JSONValue)] = [
        ("id", S.id()), ("full_name", S.string(max: 200)), ("role", S.choice(NetworkRole.self)), ("organisation", S.string(max: 300)),
        ("library_id", S.id()), ("partner_id", S.id()), ("district_code", S.districtCode),
        ("email", S.email),
        ("consent_listed", D.boolean), ("consent_photo", D.boolean), ("needs", S.string(max: 1000, nullable: true)),
        ("wants", array(S.id(nullable: false))),
        ("table_id", S.id()), ("pinned", D.boolean), ("placeholder", D.boolean),
        ("source", .object([("type", .string("string")), ("enum", .array(RegistrationSource.allCases.map { .string($0.rawValue) }))])),
        // Decided by the server: a place, the waiting list or withdrawn; the language of the messages.
        ("status", S.choice(RegistrationStatus.self)), ("language", S.choiceRaw(Language.allCases.map(\.rawValue))),
    ]

    static let tableProperties: [(String, JSONValue)] = [
        ("id", S.id(nullable: false)), ("number", count(1, 100_000, nullable: false)), ("target_group", S.string(max: 200)),
        ("category", S.choice(TargetGroupCategory.self)),
        ("capacity", count(1, 100_000)), ("design_id", S.id()),
    ]

    static let questionProperties: [(String, JSONValue)] = [
        ("id", S.string(max: FeedbackQuestion.maxIDLength)), ("kind", S.choice(FeedbackQuestionKind.self)), ("prompt", S.string(max: 500)),
        ("options", array(S.string())),
        ("required", D.boolean),
    ]

    static let formProperties: [(String, JSONValue)] = [
        ("title", S.string(max: 200)), ("intro", S.string(max: 2000, nullable: true)),
        ("questions", .object([("type", .string("array")), ("items", D.ref("FeedbackQuestion")), ("minItems", .number(1))])),
    ]

    static let penalty = D.object(
        [("district", D.integer), ("role", D.integer), ("organization", D.integer), ("preference", D.integer), ("total", D.integer)],
        required: ["district", "role", "organization", "preference", "total"])

    static var schemas: [(String, JSONValue)] {
        [
            ("Meeting", D.object(meetingProperties, required: ["title", "starts_on", "venue", "district_codes"])),
            (
                "MeetingEnvelope",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("meeting", D.ref("Meeting")), ("registration_url", S.string(nullable: true)),
                        ("report_published_at", S.string(nullable: true, format: "date-time")),
                        ("version", D.readOnly(D.integer, "Raised by every change; send it back with `PUT` to be told of others' changes")),
                    ],
                    required: ["id", "meeting", "version"])
            ),
            (
                "MeetingPage",
                D.object(
                    [
                        (
                            "items",
                            array(
                                D.object(
                                    [
                                        ("id", S.id(nullable: false)), ("title", S.string()), ("status", S.choice(MeetingStatus.self)),
                                        ("starts_on", S.string(format: "date")), ("ends_on", S.string(format: "date")),
                                        ("series", S.string(nullable: true)),
                                        ("districts", array(S.string())), ("participants", D.integer), ("tables", D.integer),
                                        ("designs", D.integer),
                                        ("responses", D.integer),
                                    ], required: ["id", "title", "status", "starts_on", "ends_on", "districts"]))
                        ), ("total", D.integer), ("page", D.integer), ("per_page", D.integer),
                    ], required: ["items", "total", "page", "per_page"])
            ),
            ("AgendaItem", D.object(itemProperties, required: ["kind", "title"])),
            ("AgendaSession", D.object(sessionProperties, required: ["day", "title"])),
            ("MeetingParticipant", D.object(participantProperties, required: ["full_name", "organisation", "district_code"])),
            // A participant as stored: people who registered before a district was asked for, and
            // guests from outside the districts, have none.
            ("MeetingParticipantRecord", D.object(participantRecordProperties, required: ["full_name", "organisation"])),
            ("WorkTable", D.object(tableProperties, required: ["number", "target_group"])),
            (
                "TableEntry",
                D.object(
                    [
                        ("table", D.ref("WorkTable")),
                        (
                            "participants",
                            .object([("type", .array([.string("array"), .string("null")])), ("items", S.id(nullable: false))])
                        ),
                    ], required: ["table"])
            ),
            (
                "MeetingSeating",
                D.object(
                    [
                        ("seating", .object([("type", .string("object")), ("additionalProperties", S.id(nullable: false))])),
                        ("penalty", .object([("oneOf", .array([penalty, .object([("type", .string("null"))])]))])),
                        (
                            "tables",
                            array(
                                D.object(
                                    [("table_id", S.id(nullable: false)), ("size", D.integer), ("flags", array(S.string()))],
                                    required: ["table_id", "size", "flags"]))
                        ),
                    ], required: ["seating", "tables"])
            ),
            ("Created", D.object([("id", S.id(nullable: false))], required: ["id"])),
            ("FeedbackQuestion", D.object(questionProperties, required: ["id", "kind", "prompt"])),
            ("FeedbackForm", D.object(formProperties, required: ["title", "questions"])),
            (
                "FeedbackFormRequest",
                D.object(
                    [
                        ("form", D.ref("FeedbackForm")),
                        (
                            "open",
                            .object([
                                ("type", .array([.string("boolean"), .string("null")])), ("description", .string("Null or left out: open")),
                            ])
                        ),
                    ], required: ["form"])
            ),
            (
                "FeedbackFormEntry",
                D.object(
                    [
                        ("id", S.id(nullable: false)), ("form", D.ref("FeedbackForm")), ("open", D.boolean), ("answer_url", S.string()),
                        ("responses", D.integer),
                    ],
                    required: ["id", "form", "open", "answer_url", "responses"])
            ),
            (
                "FeedbackResponse",
                D.object(
                    [("answers", .object([("type", .string("object")), ("additionalProperties", array(S.string()))]))],
                    required: ["answers"])
            ),
            (
                "FeedbackResults",
                D.object(
                    [
                        ("responses", D.integer),
                        (
                            "questions",
                            array(
                                D.object(
                                    [
                                        ("id", S.string()), ("prompt", S.string()), ("kind", S.choice(FeedbackQuestionKind.self)),
                                        ("answered", D.integer),
                                        (
                                            "counts",
                                            .object([
                                                ("type", .array([.string("object"), .string("null")])), ("additionalProperties", D.integer),
                                            ])
                                        ),
                                        ("average", .object([("type", .array([.string("number"), .string("null")]))])),
                                        (
                                            "texts",
                                            .object([("type", .array([.string("array"), .string("null")])), ("items", S.string())])
                                        ),
                                    ], required: ["id", "prompt", "kind", "answered"]))
                        ),
                    ], required: ["responses", "questions"])
            ),
        ]
    }
}
