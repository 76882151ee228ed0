import Foundation
import PraktikaDomain
import Vapor

/// A JSON file to save (personal data exports): readable, ISO dates, offered as an attachment.
enum JSONDownload {
    static func response(_ value: some Encodable, filename: String) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}

/// A text file to save: CSV, Markdown, iCalendar.
enum TextDownload {
    /// A Word document to download, named for what it holds.
    static func word(_ document: WordDocument, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: WordDocument.contentType)
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(data: Data(document.data())))
    }

    static func response(_ text: String, contentType: String, filename: String, inline: Bool = false) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.contentDisposition = .init(inline ? .inline : .attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension Request {
    /// The site's own address for links that leave it: the configured public URL, else this request's host.
    var siteAddress: String {
        if let configured = application.storage[ConfigurationKey.self]?.publicURL { return configured }
        // Never the request's Host header: anyone can send one, and these links go out in pages,
        // calendar files and registration links. Without a configured address, the one served on.
        let server = application.http.server.configuration
        return "http://\(server.hostname):\(server.port)"
    }

    /// Every value of a form body (`application/x-www-form-urlencoded`), repeated names kept.
    var formValues: [String: [String]] {
        guard let body = body.string else { return [:] }
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first.map(decode), !name.isEmpty, name != "_csrf" else { continue }
            values[name, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return values
    }
}
