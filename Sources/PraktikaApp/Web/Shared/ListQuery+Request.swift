import Vapor

extension ListQuery {
    /// Reads the query string leniently: anything unknown is ignored rather than refused.
    init(_ request: Request) {
        self.init(fields: Self.fields(request.url.query))
    }
}
