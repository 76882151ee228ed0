import Foundation

/// Comma-separated values as spreadsheets write them (RFC 4180): quoted fields may hold the
/// separator, quotes (doubled) and line breaks. Bulgarian spreadsheets often use `;`.
///
/// Kept here rather than taken from SwiftCSV or CSV.swift: the import needs the separator guessed
/// from the first line and every problem reported by row and column, which those packages leave to
/// their callers, and writing is one function; the domain target stays free of dependencies.
public enum CSV {
    /// The separator a file uses: whichever of `;`, tab and `,` its first line has most of, outside quotes.
    public static func separator(of text: String) -> Character {
        var counts: [Character: Int] = [";": 0, "\t": 0, ",": 0]
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if !quoted && (c == "\n" || c == "\r") { break }
            if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        return [";", "\t", ","].max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 == ",") }!
    }

    /// The rows of a file, a leading byte-order mark dropped; blank lines are kept as `[""]` so
    /// that row numbers match what a spreadsheet shows.
    public static func parse(_ text: String, separator: Character? = nil) -> [[String]] {
        var source = Substring(text)
        if source.first == "\u{FEFF}" { source = source.dropFirst() }
        let sep = separator ?? Self.separator(of: String(source))
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = source.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return chars.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == sep {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// One line of output, quoted where needed. A cell that a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`) gets a leading apostrophe: exports must not execute.
    public static func line(_ fields: [String], separator: Character = ",") -> String {
        fields.map { field -> String in
            var value = field
            if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            if value.contains(separator) || value.contains("\"") || value.contains("\n") || value.contains("\r") {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }.joined(separator: String(separator)) + "\r\n"
    }
}
