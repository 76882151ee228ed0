import Foundation

/// One thing wrong with an imported file: the spreadsheet row (the header is row 1), the column
/// as the file names it, and what is wrong, in the catalogue so that it reads in either language.
public struct ImportProblem: Sendable, Hashable {
    public let row: Int
    public let column: String
    public let error: FieldError

    public init(row: Int, column: String, _ key: TextKey, _ values: [String: String] = [:]) {
        self.row = row
        self.column = column
        self.error = FieldError(key, values)
    }
}

/// Reads a participant list from CSV and reports every problem by row and column. Rows with a
/// problem are left out; the rest can be imported as they are.
public enum ParticipantImport {
    public enum Column: String, CaseIterable, Sendable {
        case fullName = "full_name", role, organisation, district, email
        case consentListed = "consent_listed", consentPhoto = "consent_photo", needs, wants

        /// Header spellings accepted, compared in lower case with `_` read as a space.
        var spellings: [String] {
            switch self {
            case .fullName: ["full name", "name", "име", "име и фамилия", "имена", "участник"]
            case .role: ["role", "роля"]
            case .organisation: ["organisation", "organization", "организация", "институция"]
            case .district: ["district", "област", "region"]
            case .email: ["email", "e-mail", "имейл", "ел. поща", "електронна поща"]
            case .consentListed: ["consent listed", "listed", "съгласие за списък", "в списъка", "списък"]
            case .consentPhoto: ["consent photo", "photos", "photo", "съгласие за снимки", "снимки"]
            case .needs: ["needs", "нужди", "специални нужди", "достъпност"]
            case .wants: ["wants", "tables", "маси", "желани маси", "целеви групи"]
            }
        }

        static let required: [Column] = [.fullName, .organisation, .district]
    }

    public struct Result: Sendable {
        public var participants: [(row: Int, participant: MeetingParticipant)]
        public var problems: [ImportProblem]
        public var rowsRead: Int
        public var ignoredColumns: [String]
    }

    public static let maxRows = 5000

    public static func read(
        _ text: String, tables: [WorkTable], existing: [MeetingParticipant], source: RegistrationSource = .import
    ) -> Result {
        let rows = CSV.parse(text)
        var result = Result(participants: [], problems: [], rowsRead: 0, ignoredColumns: [])
        guard let header = rows.first, header.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            result.problems.append(ImportProblem(row: 1, column: "", .importEmptyFile))
            return result
        }
        var columns: [Int: Column] = [:]
        for (i, name) in header.enumerated() {
            let key = name.lowercased().replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            if let column = Column.allCases.first(where: { $0.spellings.contains(key) }), !columns.values.contains(column) {
                columns[i] = column
            } else if !key.isEmpty {
                result.ignoredColumns.append(name)
            }
        }
        for column in Column.required where !columns.values.contains(column) {
            result.problems.append(ImportProblem(row: 1, column: column.spellings[0], .importMissingColumn))
        }
        guard result.problems.isEmpty else { return result }
        let body = rows.dropFirst()
        guard body.count <= maxRows else {
            result.problems.append(ImportProblem(row: maxRows + 2, column: "", .importTooManyRows, ["max": String(maxRows)]))
            return result
        }
        var seen = Set(existing.map(\.identityKey))
        let tableByNumber = Dictionary(tables.map { ($0.number, $0.id) }, uniquingKeysWith: { a, _ in a })
        for (offset, cells) in body.enumerated() {
            let row = offset + 2
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            result.rowsRead += 1
            var values: [Column: String] = [:]
            for (i, column) in columns where i < cells.count {
                values[column] = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            func name(_ c: Column) -> String {
                columns.first { $0.value == c }.map { header[$0.key] } ?? c.rawValue
            }
            var problems: [ImportProblem] = []
            func problem(_ c: Column, _ key: TextKey, _ v: [String: String] = [:]) {
                problems.append(ImportProblem(row: row, column: name(c), key, v))
            }
            let fullName = values[.fullName] ?? ""
            let organisation = values[.organisation] ?? ""
            if fullName.isEmpty { problem(.fullName, .validationRequired) }
            if fullName.count > 200 { problem(.fullName, .validationTooLong, ["max": "200"]) }
            if organisation.isEmpty { problem(.organisation, .validationRequired) }
            if organisation.count > 300 { problem(.organisation, .validationTooLong, ["max": "300"]) }
            var district: String? = nil
            if let raw = values[.district], !raw.isEmpty {
                district = districtCode(raw)
                if district == nil { problem(.district, .importUnknownDistrict, ["value": raw]) }
            } else {
                problem(.district, .validationRequired)
            }
            var role = NetworkRole.other
            if let raw = values[.role], !raw.isEmpty {
                if let r = networkRole(raw) { role = r } else { problem(.role, .importUnknownRole, ["value": raw]) }
            }
            var email: String? = nil
            if let raw = values[.email], !raw.isEmpty {
                var v = Validator()
                v.email("email", raw)
                if v.errors.isEmpty { email = raw } else { problem(.email, .validationEmail) }
            }
            var consents: [Bool] = []
            for c in [Column.consentListed, .consentPhoto] {
                let raw = values[c] ?? ""
                if let flag = yesNo(raw) {
                    consents.append(flag)
                } else {
                    consents.append(false)
                    problem(c, .importYesNo, ["value": raw])
                }
            }
            var wants: [Int64] = []
            if let raw = values[.wants], !raw.isEmpty {
                for part in raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " || $0 == "/" }) {
                    if let n = Int(part), let id = tableByNumber[n] {
                        if !wants.contains(id) { wants.append(id) }
                    } else {
                        problem(.wants, .importUnknownTable, ["value": String(part)])
                    }
                }
            }
            let needs = values[.needs].flatMap { $0.isEmpty ? nil : $0 }
            if let needs, needs.count > 1000 { problem(.needs, .validationTooLong, ["max": "1000"]) }
            let participant = MeetingParticipant(
                fullName: fullName, role: role, organisation: organisation, districtCode: district, email: email,
                consentListed: consents[0], consentPhoto: consents[1], needs: needs, wants: wants, source: source)
            if problems.isEmpty, !fullName.isEmpty {
                if !seen.insert(participant.identityKey).inserted { problem(.fullName, .importDuplicate) }
            }
            if problems.isEmpty {
                result.participants.append((row, participant))
            } else {
                result.problems.append(contentsOf: problems)
            }
        }
        return result
    }

    /// A district by its code, its Bulgarian or English name, with or without "област".
    public static func districtCode(_ raw: String) -> String? {
        var key = raw.lowercased().trimmingCharacters(in: .whitespaces)
        for prefix in ["област ", "обл. ", "district of "] where key.hasPrefix(prefix) { key = String(key.dropFirst(prefix.count)) }
        if let d = District.all.first(where: { $0.code.lowercased() == key }) { return d.code }
        let latin = Transliteration.latin(key).lowercased()
        return District.all.first {
            $0.nameBG.lowercased() == key || $0.nameEN.lowercased() == key || $0.nameEN.lowercased() == latin
        }?.code
    }

    /// A network role by its code or its label in either language.
    public static func networkRole(_ raw: String) -> NetworkRole? {
        let key = raw.lowercased().trimmingCharacters(in: .whitespaces)
        return NetworkRole.allCases.first {
            $0.rawValue == key || $0.label(.bg).lowercased() == key || $0.label(.en).lowercased() == key
        }
    }

    /// Yes or no in either language; empty is no.
    public static func yesNo(_ raw: String) -> Bool? {
        switch raw.lowercased().trimmingCharacters(in: .whitespaces) {
        case "", "no", "n", "не", "0", "false", "-": false
        case "yes", "y", "да", "д", "1", "true", "x", "х", "✓": true
        default: nil
        }
    }
}
