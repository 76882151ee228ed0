import Vapor

extension SiteURL {
    /// The route a controller registers for this case.
    var route: [PathComponent] { segments.map(\.component) }
}

extension SiteURL.Segment {
    var component: PathComponent {
        switch self {
        case .fixed(let text): .constant(text)
        case .parameter(let name, _): .parameter(name)
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        get(url.route, use: closure)
    }

    @discardableResult
    func post(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        post(url.route, use: closure)
    }

    @discardableResult
    func put(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        put(url.route, use: closure)
    }

    @discardableResult
    func delete(_ url: SiteURL, use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        delete(url.route, use: closure)
    }

    @discardableResult
    func on(
        _ method: HTTPMethod, _ url: SiteURL, body: HTTPBodyStreamStrategy,
        use closure: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable
    ) -> Route {
        on(method, url.route, body: body, use: closure)
    }
}
