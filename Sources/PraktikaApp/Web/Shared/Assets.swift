import Foundation
import Vapor

/// The hand-written stylesheet, script and icon, read once from the package's resources. Pages
/// link them with their content's digest (`?v=…`): a request with the current digest may be kept
/// for a year, as a change to the file changes the link; any other revalidates after five minutes.
enum Assets {
    struct File: Sendable {
        let data: Data
        let type: HTTPMediaType
        /// The first eight bytes of the content's SHA-256, in hex.
        let version: String
    }

    static let files: [String: File] = {
        var files: [String: File] = [:]
        for (name, ext, type) in [
            ("app", "css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
            ("app", "js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
            ("icon", "svg", HTTPMediaType.svg),
        ] {
            if let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Public"),
                let data = try? Data(contentsOf: url)
            {
                let version = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
                files["\(name).\(ext)"] = File(data: data, type: type, version: version)
            }
        }
        return files
    }()

    /// The link pages print for an asset: its path with the content's version.
    static func href(_ name: String) -> String {
        SiteURL.asset(name).with([("v", files[name]?.version ?? "")])
    }

    static func register(_ app: Application) {
        app.get(.asset(SiteURL.anyText)) { req async throws -> Response in
            guard let name = req.parameters.get("name"), let file = files[name] else { throw Abort(.notFound) }
            return serve(req, file)
        }
        // Browsers ask for /favicon.ico whatever the page says; they are given the icon.
        app.get(.favicon) { req async throws -> Response in
            guard let file = files["icon.svg"] else { throw Abort(.notFound) }
            return serve(req, file)
        }
    }

    static func serve(_ req: Request, _ file: File) -> Response {
        let etag = "\"\(file.version)\""
        var headers = HTTPHeaders()
        let current = req.query[String.self, at: "v"] == file.version
        headers.replaceOrAdd(name: .cacheControl, value: current ? "public, max-age=31536000, immutable" : "public, max-age=300")
        headers.replaceOrAdd(name: .eTag, value: etag)
        if req.headers.first(name: .ifNoneMatch) == etag { return Response(status: .notModified, headers: headers) }
        headers.contentType = file.type
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}
