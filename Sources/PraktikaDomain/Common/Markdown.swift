import Foundation

/// The small part of Markdown that reports use, turned into HTML with every character of the
/// text escaped: `#`–`###` headings, paragraphs, `-`/`•`/`*` lists, `**bold**` and `*italic*`.
/// Anything else stays text, so edited reports can never inject markup.
///
/// Kept here rather than taken from Ink: Ink passes raw HTML in the source through to its output
/// and keeps any link's scheme, and a published report is text that organisers edit by hand and
/// the public reads; escaping everything and offering no links is the rule this type exists for.
public enum Markdown {
    public static func html(_ source: String) -> String {
        var out = ""
        var paragraph: [String] = []
        var list: [String] = []
        func flush() {
            if !paragraph.isEmpty {
                out += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>\n"
                paragraph = []
            }
            if !list.isEmpty {
                out += "<ul>" + list.map { "<li>" + inline($0) + "</li>" }.joined() + "</ul>\n"
                list = []
            }
        }
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if let level = heading(line) {
                flush()
                let text = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                out += "<h\(level + 1)>" + inline(text) + "</h\(level + 1)>\n"
            } else if let item = listItem(line) {
                if !paragraph.isEmpty { flush() }
                list.append(item)
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return out
    }

    static func heading(_ line: String) -> Int? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...3).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func listItem(_ line: String) -> String? {
        for marker in ["- ", "• ", "* "] where line.hasPrefix(marker) {
            return String(line.dropFirst(marker.count)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Escapes the text, then turns `**…**` into strong and `*…*` into emphasis.
    static func inline(_ text: String) -> String {
        var escaped = text.markupEscaped
        for (marker, tag) in [("**", "strong"), ("*", "em")] {
            var result = ""
            var rest = Substring(escaped)
            while let open = rest.range(of: marker), let close = rest[open.upperBound...].range(of: marker),
                !rest[open.upperBound..<close.lowerBound].isEmpty
            {
                result += rest[..<open.lowerBound] + "<\(tag)>" + rest[open.upperBound..<close.lowerBound] + "</\(tag)>"
                rest = rest[close.upperBound...]
            }
            escaped = result + rest
        }
        return escaped
    }

    /// Text that Markdown would otherwise read as markup, made literal.
    public static func escape(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "*", with: "∗")
        if let first = out.first, "#-•".contains(first) { out = "\u{200B}" + out }
        return out.replacingOccurrences(of: "\n", with: " ")
    }
}
