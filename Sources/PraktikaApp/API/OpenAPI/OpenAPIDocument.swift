import PraktikaDomain

/// The OpenAPI 3.1 description of `/api/v1`. A test compares its paths and methods with the
/// routes the application really registers, and its schemas with what the records encode.
enum OpenAPIDocument {
    /// The registry areas served by the generic record API.
    static let recordAreas: [RegistryArea] = [.municipalities, .settlements, .libraries, .partners, .people]

    static func make() -> JSONValue {
        var paths: [(String, JSONValue)] = [
            (
                "/api/v1/tokens",
                .object([
                    (
                        "get",
                        operation(
                            "listTokens", "The caller's own sessions and API keys (without their secrets)", tag: "accounts",
                            responses: [
                                ("200", "Sessions and keys", .object([("type", .string("array")), ("items", ref("TokenInfo"))])),
                                ("401", "No valid token", ref("Error")),
                            ])
                    ),
                    (
                        "post",
                        operation(
                            "createToken", "Exchange an e-mail and password for a bearer token", tag: "accounts", security: false,
                            body: ref("TokenRequest"),
                            responses: [
                                ("201", "The token", ref("TokenResponse")), ("401", "Wrong e-mail or password", ref("Error")),
                                ("429", "Too many failed attempts", ref("Error")),
                            ])
                    ),
                ])
            ),
            (
                "/api/v1/tokens/{id}",
                .object([
                    (
                        "parameters",
                        .array([parameter("id", schema: .object([("type", .string("integer")), ("format", .string("int64"))]))])
                    ),
                    (
                        "delete",
                        operation(
                            "revokeTokenByID", "Revoke one of the caller's own sessions or keys", tag: "accounts",
                            responses: [
                                ("204", "Revoked", nil), ("401", "No valid token", ref("Error")),
                                ("404", "Not one of the caller's", ref("Error")),
                            ])
                    ),
                ])
            ),
            (
                "/api/v1/tokens/current",
                .object([
                    (
                        "delete",
                        operation(
                            "revokeToken", "Revoke the token used for this request", tag: "accounts",
                            responses: [("204", "Revoked", nil), ("401", "No valid token", ref("Error"))])
                    )
                ])
            ),
            (
                "/api/v1/districts",
                .object([
                    (
                        "get",
                        operation(
                            "listDistricts", "The 28 districts (ISO 3166-2:BG)", tag: "registry", security: false,
                            responses: [("200", "All districts", .object([("type", .string("array")), ("items", ref("District"))]))])
                    )
                ])
            ),
            (
                "/api/v1/districts/{code}",
                .object([
                    (
                        "parameters",
                        .array([parameter("code", schema: .object([("type", .string("string")), ("pattern", .string("^BG-[0-9]{2}$"))]))])
                    ),
                    (
                        "get",
                        operation(
                            "getDistrict", "One district", tag: "registry", security: false,
                            responses: [("200", "The district", ref("District")), ("404", "No such district", ref("Error"))])
                    ),
                ])
            ),
            (
                "/api/v1/audit",
                .object([
                    (
                        "get",
                        operation(
                            "listAudit", "The audit log, newest first (administrators)", tag: "accounts",
                            query: [("entity", Query.text), ("entity_id", Query.text), ("page", Query.page)],
                            responses: [
                                ("200", "Audit entries", ref("AuditPage")), ("401", "Not signed in", ref("Error")),
                                ("403", "Not an administrator", ref("Error")),
                            ])
                    )
                ])
            ),
        ]
        for area in recordAreas {
            let schema = schemaName(area)
            let anonymous = Policy.isPublic(RegistryArea.kind(area))
            paths.append(
                (
                    "/api/v1/\(area.rawValue)",
                    .object([
                        (
                            "get",
                            operation(
                                "list\(schema)", "List \(area.rawValue) (100 a page)", tag: "registry", security: !anonymous,
                                query: [("q", Query.text), ("district", Query.district)] + Query.kind(area) + [("page", Query.page)],
                                responses: [("200", "A page of records", ref("\(schema)Page")), ("401", "Not signed in", ref("Error"))])
                        ),
                        (
                            "post",
                            operation(
                                "create\(schema)", "Create a record", tag: "registry", body: ref(schema),
                                responses: writeResponses(schema, created: true))
                        ),
                    ])
                ))
            paths.append(
                (
                    "/api/v1/\(area.rawValue)/{id}",
                    .object([
                        (
                            "parameters",
                            .array([parameter("id", schema: .object([("type", .string("integer")), ("format", .string("int64"))]))])
                        ),
                        (
                            "get",
                            operation(
                                "get\(schema)", "One record", tag: "registry", security: !anonymous,
                                responses: [("200", "The record", ref(schema)), ("404", "No such record", ref("Error"))])
                        ),
                        (
                            "put",
                            operation(
                                "replace\(schema)",
                                "Replace a record; with `If-Match` set to the `ETag` it was read with, only if nobody changed it since",
                                tag: "registry", headers: [("If-Match", ifMatch)], body: ref(schema),
                                responses: writeResponses(schema, created: false) + [
                                    ("412", "Changed by someone else since the version in `If-Match`", ref("Error"))
                                ])
                        ),
                        (
                            "delete",
                            operation(
                                "delete\(schema)", "Delete a record that nothing refers to", tag: "registry",
                                responses: [
                                    ("204", "Deleted", nil), ("401", "Not signed in", ref("Error")), ("403", "Not allowed", ref("Error")),
                                    ("404", "No such record", ref("Error")), ("409", "Other records refer to it", ref("Error")),
                                ])
                        ),
                    ])
                ))
        }

        paths += OpenAPIServices.paths + OpenAPIMeetings.paths + OpenAPIOutcomes.paths + OpenAPIPartnerships.paths
        var schemas: [(String, JSONValue)] =
            Schemas.common + OpenAPIServices.schemas + OpenAPIMeetings.schemas + OpenAPIOutcomes.schemas + OpenAPIPartnerships.schemas
        for area in recordAreas {
            let name = schemaName(area)
            schemas.append((name, Schemas.record(area)))
            schemas.append(
                (
                    "\(name)Page",
                    object(
                        [
                            ("items", .object([("type", .string("array")), ("items", ref(name))])), ("total", integer), ("page", integer),
                            ("per_page", integer),
                        ],
                        required: ["items", "total", "page", "per_page"])
                ))
        }

        return .object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                .object([
                    ("title", .string("Praktika API")), ("version", .string("1.0.0")),
                    (
                        "description",
                        .string(
                            "The network registry of public libraries, their service designs, and regional meetings. Errors are {\"error\": {status, message, code, fields}} with messages in the language of the praktika-lang cookie (Bulgarian by default)."
                        )
                    ),
                ])
            ),
            ("servers", .array([.object([("url", .string("/"))])])),
            ("paths", .object(paths)),
            (
                "components",
                .object([
                    ("schemas", .object(schemas)),
                    ("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])),
                ])
            ),
        ])
    }

    static func schemaName(_ area: RegistryArea) -> String {
        switch area {
        case .municipalities: "Municipality"
        case .settlements: "Settlement"
        case .libraries: "Library"
        case .partners: "Partner"
        case .people: "Person"
        case .districts: "District"
        }
    }

    static func writeResponses(_ schema: String, created: Bool) -> [(String, String, JSONValue?)] {
        [
            (created ? "201" : "200", created ? "Created" : "Saved", ref(schema)),
            ("400", "The body is not the record's JSON", ref("Error")),
            ("401", "Not signed in", ref("Error")),
            ("403", "Not allowed for this role or district", ref("Error")),
            ("422", "Validation failed; `fields` says why, per field", ref("Error")),
        ] + (created ? [] : [("404", "No such record", ref("Error"))])
    }

    static func operation(
        _ id: String, _ summary: String, tag: String, security: Bool = true, query: [(String, JSONValue)] = [],
        headers: [(String, JSONValue)] = [], body: JSONValue? = nil, responses: [(String, String, JSONValue?)]
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(id)), ("summary", .string(summary)), ("tags", .array([.string(tag)])),
        ]
        let parameters: [JSONValue] =
            query.map { name, schema in
                .object([
                    ("name", .string(name)), ("in", .string("query")), ("required", .bool(name == "q" && schema == Query.search)),
                    ("schema", schema),
                ])
            }
            + headers.map { name, schema in
                .object([("name", .string(name)), ("in", .string("header")), ("required", .bool(false)), ("schema", schema)])
            }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body {
            members.append(
                (
                    "requestBody",
                    .object([("required", .bool(true)), ("content", .object([("application/json", .object([("schema", body)]))]))])
                ))
        }
        // What any operation may answer besides its own list: a query or body that breaks this
        // document (`APIContract`, the decoders), a bearer token that is not valid, a busy database.
        var responses = responses
        func add(_ code: String, _ description: String) {
            if !responses.contains(where: { $0.0 == code }) { responses.append((code, description, ref("Error"))) }
        }
        if !query.isEmpty || body != nil {
            add("400", "A query parameter or the body is not what this document describes; `fields` says which")
        }
        add("401", security ? "Not signed in, or the bearer token is not valid" : "The bearer token given is not valid")
        add("503", "The database (or, for seating, the solver) is busy; try again after `Retry-After` seconds")
        members.append(
            (
                "responses",
                .object(
                    responses.map { code, description, schema in
                        var r: [(String, JSONValue)] = [("description", .string(description))]
                        if let schema { r.append(("content", .object([("application/json", .object([("schema", schema)]))]))) }
                        return (code, .object(r))
                    })
            ))
        members.append(("security", security ? .array([.object([("bearer", .array([]))])]) : .array([])))
        return .object(members)
    }

    /// A record's version as the `ETag` gave it (`"3"`, or weak `W/"3"`), or `*` for any. As HTTP
    /// prescribes, any value that is not the record's current tag, well-formed or not, is 412.
    static let ifMatch = JSONValue.object([
        ("type", .string("string")),
        ("description", .string("The ETag the record was read with; a change is made only if it is still the record's own (else 412)")),
    ])

    static func parameter(_ name: String, schema: JSONValue) -> JSONValue {
        .object([("name", .string(name)), ("in", .string("path")), ("required", .bool(true)), ("schema", schema)])
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static let integer = JSONValue.object([("type", .string("integer")), ("format", .string("int64"))])
    static let boolean = JSONValue.object([("type", .string("boolean"))])

    /// A property the server sets and a client's value for it is ignored.
    static func readOnly(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard case .object(let fields) = schema else { return schema }
        return .object(fields + [("readOnly", .bool(true)), ("description", .string(description))])
    }

    static func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        .object([
            ("type", .string("object")), ("properties", .object(properties.map { ($0, textRule($1, required: required.contains($0))) })),
            ("required", .array(required.map { .string($0) })),
        ])
    }

    /// Characters a text may hold: no control characters but tab and line breaks (`Validator.printable`).
    static let printable = "[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]"
    /// A required text needs something besides white space (`Validator.required`).
    static let visible = "[^\\s\\u0000-\\u001F\\u007F-\\u009F]"

    /// The server's rules for free text, written into a text property that has no format, list
    /// or pattern of its own: printable characters, and for a required one, not blank.
    static func textRule(_ schema: JSONValue, required: Bool) -> JSONValue {
        guard case .object(let members) = schema, schema["enum"] == nil, schema["format"] == nil, schema["pattern"] == nil,
            schema["readOnly"] == nil,
            schema["type"] == .string("string") || schema["type"] == .array([.string("string"), .string("null")])
        else { return schema }
        let pattern = required ? "^\(printable)*\(visible)\(printable)*$" : "^\(printable)*$"
        return .object(members + (required ? [("minLength", .number(1))] : []) + [("pattern", .string(pattern))])
    }

    /// The schemas of query parameters. `APIContract` enforces them, so each says exactly what the
    /// server accepts; an empty value of a filter means "no filter", as the pages' forms send it.
    enum Query {
        static let text = JSONValue.object([("type", .string("string"))])
        /// The search text of `/search`: required and not empty.
        static let search = JSONValue.object([("type", .string("string")), ("minLength", .number(1))])
        static let page = JSONValue.object([
            ("type", .string("integer")), ("minimum", .number(1)), ("maximum", .number(100_000)), ("default", .number(1)),
        ])
        /// `start`, or the id after which a walk continues.
        static let cursor = JSONValue.object([("type", .string("string")), ("pattern", .string("^(start|[1-9][0-9]{0,17})$"))])
        static let year = JSONValue.object([("type", .string("string")), ("pattern", .string("^([0-9]{4})?$"))])

        static func oneOf(_ values: [String], empty: Bool = true) -> JSONValue {
            .object([("type", .string("string")), ("enum", .array(((empty ? [""] : []) + values).map { .string($0) }))])
        }

        static func choice<E: LabelledChoice>(_ type: E.Type) -> JSONValue { oneOf(E.allCases.map(\.rawValue)) }

        static let district = oneOf(District.all.map(\.code))
        static let budget = oneOf(DesignFacet.budgetRanges.map(\.value))

        /// The kind filter of a registry list, where the records have a kind.
        static func kind(_ area: RegistryArea) -> [(String, JSONValue)] {
            switch area {
            case .settlements: [("kind", choice(SettlementKind.self))]
            case .libraries: [("kind", choice(LibraryKind.self))]
            case .partners: [("kind", choice(PartnerKind.self))]
            case .people: [("kind", choice(NetworkRole.self))]
            case .municipalities, .districts: []
            }
        }

        /// The catalogue's facets, shared by the design list, the practices and search.
        static let facets: [(String, JSONValue)] = [
            ("status", choice(DesignStatus.self)), ("kind", choice(TargetGroupCategory.self)), ("district", district),
            ("innovation", choice(Innovation.self)), ("partner_kind", choice(PartnerKind.self)), ("budget", budget), ("year", year),
        ]
    }
}
