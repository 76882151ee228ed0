import Foundation

/// Moves a design's blocks to and from form fields. Lists are numbered rows
/// (`budget-0-item`, `budget-0-quantity`, …); a row left empty or marked `-remove` is dropped,
/// and the remaining rows are renumbered before anything is checked, so that messages point at
/// the rows a person sees when the form comes back.
public enum DesignForm {
    public static let budgetColumns = ["item", "quantity", "unit_cost", "currency", "source"]
    public static let partnerColumns = ["id", "name", "kind", "role", "register"]
    public static let activityColumns = ["title", "start", "end", "responsible", "partner"]
    public static let indicatorColumns = ["name", "unit", "baseline", "target", "period", "actual"]
    public static let libraryColumns = ["id"]

    /// The list prefixes and their columns; the column that must be filled for a row to count
    /// is the first, except for columns with defaults (currency, source, unit).
    static let lists: [(prefix: String, columns: [String], meaningful: [String])] = [
        ("library", libraryColumns, ["id"]),
        ("budget", budgetColumns, ["item", "quantity", "unit_cost"]),
        ("partner", partnerColumns, ["id", "name", "role"]),
        ("activity", activityColumns, ["title", "start", "end", "responsible", "partner"]),
        ("indicator", indicatorColumns, ["name", "baseline", "target", "period", "actual"]),
        // The designs a partnership is tied to (its form lists them as rows, like a design's libraries).
        ("design", ["id"], ["id"]),
    ]

    /// The first column of a list ("budget" → "item"), to open an empty row with.
    public static func firstColumn(_ prefix: String) -> String {
        lists.first { $0.prefix == prefix }?.columns.first ?? "id"
    }

    /// Whether a row has nothing typed in the columns that make a row count.
    public static func isEmptyRow(_ input: FormInput, _ prefix: String, _ row: Int) -> Bool {
        guard let list = lists.first(where: { $0.prefix == prefix }) else { return true }
        return list.meaningful.allSatisfy {
            (input["\(prefix)-\(row)-\($0)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// Whether a name is one of the lists a form may add rows to.
    public static func isList(_ prefix: String) -> Bool { lists.contains { $0.prefix == prefix } }

    // MARK: Design → form

    public static func input(_ d: ServiceDesign, _ block: DesignBlock, _ language: Language) -> FormInput {
        let f = Formatting(language)
        func number(_ n: FixedDecimal?) -> String { n.map(f.plainNumber) ?? "" }
        var v: FormInput = [:]
        switch block {
        case .basics:
            v["title"] = d.title
            v["summary"] = d.summary ?? ""
            for (i, id) in d.libraryIDs.enumerated() { v["library-\(i)-id"] = String(id) }
            v["status"] = d.status.rawValue
            v["visibility"] = d.visibility.rawValue
            for i in d.innovations { v["innovation-\(i.rawValue)"] = "on" }
        case .target:
            v["target_category"] = d.targetGroup.category.rawValue
            v["target_description"] = d.targetGroup.description ?? ""
            v["expected_reach"] = d.targetGroup.expectedReach.map(String.init) ?? ""
        case .service:
            v["needs"] = d.needs ?? ""
            v["service"] = d.service ?? ""
            v["goal"] = d.goal ?? ""
        case .resources:
            for r in d.resources.existing { v["resource-\(r.rawValue)"] = "on" }
            v["existing_notes"] = d.resources.existingNotes ?? ""
            v["needed"] = d.resources.needed ?? ""
        case .budget:
            for (i, line) in d.budget.enumerated() {
                v["budget-\(i)-item"] = line.item
                v["budget-\(i)-quantity"] = number(line.quantity)
                v["budget-\(i)-unit_cost"] = f.plainMoney(line.unitCost)
                v["budget-\(i)-currency"] = line.currency.rawValue
                v["budget-\(i)-source"] = line.source.rawValue
            }
        case .partners:
            for (i, p) in d.partners.enumerated() {
                v["partner-\(i)-id"] = p.partnerID.map(String.init) ?? ""
                v["partner-\(i)-name"] = p.partnerID == nil ? p.name : ""
                v["partner-\(i)-kind"] = p.partnerID == nil ? p.kind?.rawValue ?? "" : ""
                v["partner-\(i)-role"] = p.role ?? ""
            }
        case .channels:
            for c in d.channels { v["channel-\(c.rawValue)"] = "on" }
            v["channel_notes"] = d.channelNotes ?? ""
        case .activities:
            for (i, a) in d.activities.enumerated() {
                v["activity-\(i)-title"] = a.title
                v["activity-\(i)-start"] = a.start.map { String(format: "%02d.%02d.%04d", $0.day, $0.month, $0.year) } ?? ""
                v["activity-\(i)-end"] = a.end.map { String(format: "%02d.%02d.%04d", $0.day, $0.month, $0.year) } ?? ""
                v["activity-\(i)-responsible"] = a.responsible ?? ""
                v["activity-\(i)-partner"] = a.partner ?? ""
            }
        case .effect:
            v["expected_results"] = d.expectedResults ?? ""
            v["social_effect"] = d.socialEffect ?? ""
            v["economic_effect"] = d.economicEffect ?? ""
            for (i, ind) in d.indicators.enumerated() {
                v["indicator-\(i)-name"] = ind.name
                v["indicator-\(i)-unit"] = ind.unit.rawValue
                v["indicator-\(i)-baseline"] = number(ind.baseline)
                v["indicator-\(i)-target"] = number(ind.target)
                v["indicator-\(i)-period"] = ind.period ?? ""
                v["indicator-\(i)-actual"] = number(ind.actual)
            }
        }
        return v
    }

    /// How many rows a list has in the input (the highest index + 1).
    public static func rowCount(_ input: FormInput, _ prefix: String) -> Int {
        let indices = input.keys.compactMap { key -> Int? in
            let parts = key.split(separator: "-")
            guard parts.count >= 2, parts[0] == prefix else { return nil }
            return Int(parts[1])
        }
        return (indices.max() ?? -1) + 1
    }

    /// A request to move one row of a list up or down, as a form's button names it
    /// (`activity-2-up`, `budget-0-down`).
    public struct RowMove: Equatable, Sendable {
        public let prefix: String
        public let row: Int
        /// -1 for up, +1 for down.
        public let offset: Int

        public init?(_ value: String) {
            let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, DesignForm.isList(parts[0]), let row = Int(parts[1]), row >= 0 else { return nil }
            switch parts[2] {
            case "up": offset = -1
            case "down": offset = 1
            default: return nil
            }
            (prefix, self.row) = (parts[0], row)
        }

        public static func value(_ prefix: String, _ row: Int, up: Bool) -> String { "\(prefix)-\(row)-\(up ? "up" : "down")" }
    }

    /// The input with a row and its neighbour swapped, every column and the remove mark with
    /// them; unchanged when the neighbour does not exist.
    public static func moved(_ input: FormInput, _ move: RowMove) -> FormInput {
        guard let list = lists.first(where: { $0.prefix == move.prefix }) else { return input }
        let other = move.row + move.offset
        guard other >= 0, other < rowCount(input, move.prefix), move.row < rowCount(input, move.prefix) else { return input }
        var result = input
        for column in list.columns + ["remove"] {
            let (a, b) = ("\(move.prefix)-\(move.row)-\(column)", "\(move.prefix)-\(other)-\(column)")
            (result[a], result[b]) = (input[b], input[a])
        }
        return result
    }

    /// "Add a line", "move up/down", "find a partner" and "add this suggested partner" work
    /// without JavaScript: such a submit saves nothing and gets the form back (normalized) with
    /// one more empty row, two rows swapped, the same rows for the partners found, or a row
    /// holding the suggested partner. Nil for a real save; a button whose value
    /// names no list or no move still saves nothing.
    public static func rowAction(_ typed: FormInput) -> FormInput? {
        var input = typed
        let find = input.removeValue(forKey: "find_partner")
        let add = input.removeValue(forKey: "add_row")
        let move = input.removeValue(forKey: "move_row")
        let suggested = input.removeValue(forKey: "suggest_partner")
        guard find != nil || add != nil || move != nil || suggested != nil else { return nil }
        if let move = move.flatMap(RowMove.init) { return normalized(moved(input, move)) }
        var values = normalized(input)
        // A suggested registry partner goes into a new row (once), with its role to be written.
        if let id = suggested.flatMap(Int64.init), id > 0 {
            let rows = rowCount(values, "partner")
            if !(0..<rows).contains(where: { values["partner-\($0)-id"] == String(id) }) { values["partner-\(rows)-id"] = String(id) }
            return values
        }
        if find == nil, let list = add, isList(list) { values["\(list)-\(rowCount(values, list))-\(firstColumn(list))"] = "" }
        return values
    }

    /// Drops empty and removed rows and numbers the rest 0, 1, 2, … in their order.
    public static func normalized(_ input: FormInput) -> FormInput {
        var result = input.filter { key, _ in !lists.contains { key.hasPrefix($0.prefix + "-") } }
        for list in lists {
            let count = rowCount(input, list.prefix)
            var next = 0
            for row in 0..<count {
                func value(_ column: String) -> String {
                    (input["\(list.prefix)-\(row)-\(column)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let removed = FormReader(input).flag("\(list.prefix)-\(row)-remove")
                let empty = list.meaningful.allSatisfy { value($0).isEmpty }
                guard !removed, !empty else { continue }
                for column in list.columns {
                    result["\(list.prefix)-\(next)-\(column)"] = input["\(list.prefix)-\(row)-\(column)"] ?? ""
                }
                next += 1
            }
        }
        return result
    }

    // MARK: Form → design

    /// Reads one block from a normalized form into the design, noting what could not be read.
    public static func apply(_ input: FormInput, _ block: DesignBlock, to design: ServiceDesign) -> (ServiceDesign, FieldErrors) {
        var r = FormReader(input)
        var d = design
        func rows(_ prefix: String) -> Range<Int> { 0..<rowCount(input, prefix) }
        func flags<E: LabelledChoice>(_ prefix: String, _ type: E.Type) -> [E] {
            E.allCases.filter { r.flag("\(prefix)-\($0.rawValue)") }
        }
        switch block {
        case .basics:
            d.title = r.text("title") ?? ""
            d.summary = r.text("summary")
            var ids: [Int64] = []
            for i in rows("library") {
                if let id = r.identifier("library-\(i)-id"), !ids.contains(id) { ids.append(id) }
            }
            d.libraryIDs = ids
            d.status = r.choice("status", default: design.status)
            d.visibility = r.choice("visibility", default: design.visibility)
            d.innovations = flags("innovation", Innovation.self)
        case .target:
            d.targetGroup = TargetGroup(
                category: r.choice("target_category", default: design.targetGroup.category),
                description: r.text("target_description"),
                expectedReach: r.integer("expected_reach"))
        case .service:
            d.needs = r.text("needs")
            d.service = r.text("service")
            d.goal = r.text("goal")
        case .resources:
            d.resources = Resources(
                existing: flags("resource", ExistingResource.self), existingNotes: r.text("existing_notes"),
                needed: r.text("needed"))
        case .budget:
            d.budget = rows("budget").map { i in
                let p = "budget-\(i)-"
                let quantity = r.fixed(p + "quantity") ?? .one
                let currency: Currency = r.choice(p + "currency", default: .EUR)
                let cost = r.money(p + "unit_cost", currency) ?? .zero(currency)
                return BudgetLine(
                    item: r.text(p + "item") ?? "", quantity: quantity, unitCost: cost,
                    source: r.choice(p + "source", default: .ownBudget))
            }
        case .partners:
            d.partners = rows("partner").map { i in
                let p = "partner-\(i)-"
                let kind: PartnerKind? = r.text(p + "kind") == nil ? nil : r.choice(p + "kind", default: .other)
                return DesignPartner(
                    partnerID: r.identifier(p + "id"), name: r.text(p + "name") ?? "", kind: kind, role: r.text(p + "role"),
                    addToRegistry: r.flag(p + "register"))
            }
        case .channels:
            d.channels = flags("channel", InformationChannel.self)
            d.channelNotes = r.text("channel_notes")
        case .activities:
            d.activities = rows("activity").map { i in
                let p = "activity-\(i)-"
                return Activity(
                    title: r.text(p + "title") ?? "", start: r.date(p + "start"), end: r.date(p + "end"),
                    responsible: r.text(p + "responsible"), partner: r.text(p + "partner"))
            }
        case .effect:
            d.expectedResults = r.text("expected_results")
            d.socialEffect = r.text("social_effect")
            d.economicEffect = r.text("economic_effect")
            d.indicators = rows("indicator").map { i in
                let p = "indicator-\(i)-"
                return Indicator(
                    name: r.text(p + "name") ?? "", unit: r.choice(p + "unit", default: .people),
                    baseline: r.fixed(p + "baseline"), target: r.fixed(p + "target"), period: r.text(p + "period"),
                    actual: r.fixed(p + "actual"))
            }
        }
        return (d, r.errors)
    }
}

extension FormReader {
    /// A number with up to three decimals ("2,5"); empty is nil.
    public mutating func fixed(_ name: String) -> FixedDecimal? {
        guard let raw = text(name) else { return nil }
        guard let value = FixedDecimal(parsing: raw) else {
            addError(name, .validationNumber)
            return nil
        }
        return value
    }

    /// An amount of money in the given currency ("2 950,00"); empty is nil.
    public mutating func money(_ name: String, _ currency: Currency) -> Money? {
        guard let raw = text(name) else { return nil }
        guard let minor = Money.parseMinorUnits(raw) else {
            addError(name, .validationMoney)
            return nil
        }
        return Money(minorUnits: minor, currency: currency)
    }
}
