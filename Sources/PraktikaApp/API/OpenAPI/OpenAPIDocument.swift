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
                            query: [("entity", "string"), ("entity_id", "string"), ("page", "integer")],
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
                                query: [("q", "string"), ("district", "string"), ("kind", "string"), ("page", "integer")],
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
                                "replace\(schema)", "Replace a record", tag: "registry", body: ref(schema),
                                responses: writeResponses(schema, created: false))
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

        paths += OpenAPIServices.paths + OpenAPIMeetings.paths + OpenAPIOutcomes.paths
        var schemas: [(String, JSONValue)] = Schemas.common + OpenAPIServices.schemas + OpenAPIMeetings.schemas + OpenAPIOutcomes.schemas
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
        _ id: String, _ summary: String, tag: String, security: Bool = true, query: [(String, String)] = [], body: JSONValue? = nil,
        responses: [(String, String, JSONValue?)]
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(id)), ("summary", .string(summary)), ("tags", .array([.string(tag)])),
        ]
        if !query.isEmpty {
            members.append(
                (
                    "parameters",
                    .array(
                        query.map { name, type in
                            .object([
                                ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
                                ("schema", .object([("type", .string(type))])),
                            ])
                        })
                ))
        }
        if let body {
            members.append(
                (
                    "requestBody",
                    .object([("required", .bool(true)), ("content", .object([("application/json", .object([("schema", body)]))]))])
                ))
        }
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

    static func parameter(_ name: String, schema: JSONValue) -> JSONValue {
        .object([("name", .string(name)), ("in", .string("path")), ("required", .bool(true)), ("schema", schema)])
    }

    static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    static let integer = JSONValue.object([("type", .string("integer"))])
    static let boolean = JSONValue.object([("type", .string("boolean"))])

    /// A property the server sets and a client's value for it is ignored.
    static func readOnly(_ schema: JSONValue, _ description: String) -> JSONValue {
        guard case .object(let fields) = schema else { return schema }
        return .object(fields + [("readOnly", .bool(true)), ("description", .string(description))])
    }

    static func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        .object([
            ("type", .string("object")), ("properties", .object(properties)), ("required", .array(required.map { .string($0) })),
        ])
    }
}
