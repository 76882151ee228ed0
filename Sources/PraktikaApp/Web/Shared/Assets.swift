import Foundation
import Vapor

/// The hand-written stylesheet and script, read once from the package's resources and served
/// with a validator so that browsers revalidate instead of downloading them again.
enum Assets {
    static let files: [String: (data: Data, type: HTTPMediaType)] = {
        var files: [String: (Data, HTTPMediaType)] = [:]
        for (name, ext, type) in [
            ("app", "css", HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])),
            ("app", "js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
        ] {
            if let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Public"),
                let data = try? Data(contentsOf: url)
            {
                files["\(name).\(ext)"] = (data, type)
            }
        }
        return files
    }()

    static func register(_ app: Application) {
        app.get(.asset(SiteURL.anyText)) { req async throws -> Response in
            guard let name = req.parameters.get("name"), let file = files[name] else { throw Abort(.notFound) }
            let etag = "\"\(SHA256.hash(data: file.data).prefix(8).map { String(format: "%02x", $0) }.joined())\""
            if req.headers.first(name: .ifNoneMatch) == etag { return Response(status: .notModified) }
            var headers = HTTPHeaders()
            headers.contentType = file.type
            headers.replaceOrAdd(name: .eTag, value: etag)
            headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return Response(status: .ok, headers: headers, body: .init(data: file.data))
        }
    }
}
