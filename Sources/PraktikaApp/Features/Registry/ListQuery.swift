import Foundation
import PraktikaDomain
import SQLKit

/// The state of a list page, all in its URL so that it can be shared: page, sort, filters.
struct ListQuery: Sendable, Equatable {
    static let perPage = 25

    var page = 1
    var sort: String?
    var descending = false
    var district: String?
    var kind: String?
    /// A service design's stage and the catalogue's other facets; other lists ignore them.
    var status: String?
    var innovation: String?
    var partnerKind: String?
    var budget: String?
    var year: String?
    /// Only designs published as good practices (the catalogue at /practices).
    var practicesOnly = false
    var q: String?

    init() {}

    init(fields: [String: String]) {
        func text(_ name: String) -> String? { fields[name].flatMap { $0.isEmpty ? nil : $0 } }
        page = max(1, min(fields["page"].flatMap { Int($0) } ?? 1, 100_000))
        sort = text("sort")
        descending = fields["dir"] == "desc"
        district = fields["district"].flatMap { District.named($0)?.code }
        kind = text("kind").map { String($0.prefix(50)) }
        status = fields["status"].flatMap { DesignStatus(rawValue: $0)?.rawValue }
        innovation = fields["innovation"].flatMap { Innovation(rawValue: $0)?.rawValue }
        partnerKind = fields["partner_kind"].flatMap { PartnerKind(rawValue: $0)?.rawValue }
        budget = fields["budget"].flatMap { b in DesignFacet.budgetRanges.contains { $0.value == b } ? b : nil }
        year = fields["year"].flatMap { Int($0).map(String.init) }
        q = fields["q"].flatMap { Self.searchText($0) }
    }

    /// The search text, at most 100 characters, cut between words: a word cut in two would be a
    /// word no design has, and every word must match.
    static func searchText(_ typed: String) -> String? {
        let t = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard t.count > 100 else { return t.isEmpty ? nil : t }
        var cut = t.prefix(100)
        let inWord = t.dropFirst(100).first?.isWhitespace == false
        if inWord, let space = cut.lastIndex(where: \.isWhitespace) { cut = cut[..<space] }
        let kept = cut.trimmingCharacters(in: .whitespacesAndNewlines)
        return kept.isEmpty ? nil : kept
    }

    /// The fields of a percent-encoded query string, read once (Vapor's `query.get` parses the
    /// whole URL again for every field): `+` is a space, the first of a repeated name wins, and a
    /// value that does not decode is left out.
    static func fields(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        func decode(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), fields[name] == nil, let value = parts.count > 1 ? decode(parts[1]) : "" else { continue }
            fields[name] = value
        }
        return fields
    }

    var queryItems: [(String, String)] {
        [
            ("q", q ?? ""), ("district", district ?? ""), ("kind", kind ?? ""), ("status", status ?? ""), ("innovation", innovation ?? ""),
            ("partner_kind", partnerKind ?? ""), ("budget", budget ?? ""), ("year", year ?? ""), ("sort", sort ?? ""),
            ("dir", descending ? "desc" : ""), ("page", page > 1 ? String(page) : ""),
        ]
    }
}

/// The list query of any registry resource, shared by the HTML pages and the API.
enum RegistryListQuery {
    static func filtered<R: RegistryResource>(_ resource: R.Type, _ db: any SQLDatabase, _ query: ListQuery) -> SQLSelectBuilder {
        var builder = R.listBase(db)
        if let district = query.district {
            builder = builder.where(R.districtColumn, .equal, SQLBind(district))
        }
        if let kind = query.kind, let column = R.kindColumn {
            builder = builder.where(column, .equal, SQLBind(kind))
        }
        if let q = query.q {
            let pattern = "%" + escapeLike(SortKey.fold(q)) + "%"
            // The pattern is a real bind: SQLRaw would drop it.
            builder = builder.where(
                "\(ident: R.table.table).name_key LIKE \(bind: pattern) ESCAPE '\\'" as SQLQueryString)
        }
        return builder
    }

    static func rows<R: RegistryResource>(_ resource: R.Type, _ db: any SQLDatabase, _ query: ListQuery) async throws
        -> (rows: [any SQLRow], total: Int)
    {
        let total = try await count(resource, db, query)
        var builder = filtered(resource, db, query)
        let column = R.columns.first { $0.sortKey != nil && $0.sortKey == query.sort } ?? R.columns[0]
        builder = builder.orderBy(
            column.sortColumn ?? SQLColumn("name_key", table: R.table.table),
            query.descending ? SQLDirection.descending : SQLDirection.ascending)
        builder = builder.orderBy(SQLColumn("id", table: R.table.table))
        let rows = try await builder.limit(ListQuery.perPage).offset((query.page - 1) * ListQuery.perPage).all()
        return (rows, total)
    }

    static func records<R: RegistryResource>(_ resource: R.Type, _ db: any SQLDatabase, _ query: ListQuery, limit: Int) async throws
        -> (records: [R.Record], total: Int)
    {
        let total = try await count(resource, db, query)
        let builder = filtered(resource, db, query)
        builder.select.columns = [SQLColumn(SQLLiteral.all, table: SQLIdentifier(R.table.table))]
        let records = try await builder.orderBy(SQLColumn("name_key", table: R.table.table)).orderBy(SQLColumn("id", table: R.table.table))
            .limit(limit).offset((query.page - 1) * limit).all(decoding: R.Record.self)
        return (records, total)
    }

    static func count<R: RegistryResource>(_ resource: R.Type, _ db: any SQLDatabase, _ query: ListQuery) async throws -> Int {
        let builder = filtered(resource, db, query)
        builder.select.columns = [SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n"))]
        return try await builder.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
