import Foundation
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
