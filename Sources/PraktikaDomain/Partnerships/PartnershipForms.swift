import Foundation

/// The partnership pages' forms, read into records; what cannot be read is noted at its field.
public enum PartnershipForms {
    public static func partnership(_ input: FormInput) -> (Partnership, FieldErrors) {
        let input = DesignForm.normalized(input)
        var r = FormReader(input)
        let partner = r.identifier("partner")
        // Libraries and designs are rows (`library-0-id`, `design-1-id`), each kept once.
        func ids(_ prefix: String) -> [Int64] {
            var seen = Set<Int64>()
            return (0..<DesignForm.rowCount(input, prefix)).compactMap { r.identifier("\(prefix)-\($0)-id") }.filter {
                seen.insert($0).inserted
            }
        }
        let libraries = ids("library")
        let designs = ids("design")
        let status: PartnershipStatus = r.choice("status", default: .proposed)
        let p = Partnership(
            partnerID: partner ?? 0, libraryIDs: libraries, designIDs: designs,
            roles: PartnershipRole.allCases.filter { r.flag("role-\($0.rawValue)") }, status: status, startsOn: r.date("starts_on"),
            endsOn: r.date("ends_on"), libraryContact: r.text("library_contact"), partnerContact: r.text("partner_contact"),
            notes: r.text("notes"))
        var errors = r.errors
        if partner == nil && errors["partner"] == nil { errors.add("partner", .validationRequired) }
        return (p, errors)
    }

    /// The record's problems at the form's fields: libraries and designs at their first row.
    public static func field(_ name: String) -> String {
        switch name {
        case "library": "library-0-id"
        case "design": "design-0-id"
        default: name
        }
    }

    public static func input(_ p: Partnership) -> FormInput {
        var out: FormInput = ["partner": String(p.partnerID), "status": p.status.rawValue]
        for (i, library) in p.libraryIDs.enumerated() { out["library-\(i)-id"] = String(library) }
        for (i, design) in p.designIDs.enumerated() { out["design-\(i)-id"] = String(design) }
        for role in p.roles { out["role-\(role.rawValue)"] = "on" }
        for (key, value) in [
            ("starts_on", p.startsOn?.iso), ("ends_on", p.endsOn?.iso), ("library_contact", p.libraryContact),
            ("partner_contact", p.partnerContact), ("notes", p.notes),
        ] {
            if let value { out[key] = value }
        }
        return out
    }

    /// Money if an amount is given, otherwise a gift in kind with its estimated value and, for
    /// volunteers' work, its hours.
    public static func contribution(_ input: FormInput) -> (Contribution, FieldErrors) {
        var r = FormReader(input)
        let currency: Currency = r.choice("currency", default: .BGN)
        let received = r.date("received_on")
        let c = Contribution(
            receivedOn: received ?? LocalDate(year: 2000, month: 1, day: 1)!, amount: r.money("amount", currency),
            inKind: r.text("in_kind"),
            estimatedValue: r.money("estimated_value", currency), volunteerHours: r.fixed("volunteer_hours"),
            designID: r.identifier("design"))
        var errors = r.errors
        if received == nil && errors["received_on"] == nil { errors.add("received_on", .validationRequired) }
        return (c, errors)
    }

    /// A recorded contribution as its form shows it to be changed.
    public static func input(_ c: Contribution, _ language: Language) -> FormInput {
        let f = Formatting(language)
        var out: FormInput = [
            "received_on": c.receivedOn.iso, "currency": ((c.amount ?? c.estimatedValue)?.currency ?? .BGN).rawValue,
        ]
        for (key, value) in [
            ("amount", c.amount.map(f.plainMoney)), ("in_kind", c.inKind), ("estimated_value", c.estimatedValue.map(f.plainMoney)),
            ("volunteer_hours", c.volunteerHours.map(f.plainNumber)), ("design", c.designID.map { String($0) }),
        ] {
            if let value { out[key] = value }
        }
        return out
    }

    /// A recorded agreement as its form shows it to be changed.
    public static func input(_ a: Agreement) -> FormInput {
        var out: FormInput = ["kind": a.kind.rawValue, "title": a.title, "signed_on": a.signedOn.iso]
        for (key, value) in [("valid_until", a.validUntil?.iso), ("renew_on", a.renewOn?.iso), ("notes", a.notes)] {
            if let value { out[key] = value }
        }
        return out
    }

    public static func agreement(_ input: FormInput) -> (Agreement, FieldErrors) {
        var r = FormReader(input)
        let signed = r.date("signed_on")
        let kind: AgreementKind = r.choice("kind", default: .memorandum)
        let a = Agreement(
            kind: kind, title: r.text("title") ?? "", signedOn: signed ?? LocalDate(year: 2000, month: 1, day: 1)!,
            validUntil: r.date("valid_until"), renewOn: r.date("renew_on"), notes: r.text("notes"))
        var errors = r.errors
        if signed == nil && errors["signed_on"] == nil { errors.add("signed_on", .validationRequired) }
        // The record's own rules too, so that every problem of the form is told at once.
        // (Without the day it was signed, the other dates have nothing to be compared with.)
        let own = a.validate()
        for field in own.order where signed != nil || !["valid_until", "renew_on"].contains(field) {
            errors.add(field, own[field]!.key, own[field]!.values)
        }
        return (a, errors)
    }

    public static func interaction(_ input: FormInput) -> (Interaction, FieldErrors) {
        var r = FormReader(input)
        let on = r.date("on")
        let kind: InteractionKind = r.choice("kind", default: .meeting)
        let i = Interaction(
            on: on ?? LocalDate(year: 2000, month: 1, day: 1)!, kind: kind, note: r.text("note") ?? "", followUpOn: r.date("follow_up_on"))
        var errors = r.errors
        if on == nil && errors["on"] == nil { errors.add("on", .validationRequired) }
        return (i, errors)
    }

    /// A recorded contact as its form shows it to be changed.
    public static func input(_ i: Interaction) -> FormInput {
        var out: FormInput = ["on": i.on.iso, "kind": i.kind.rawValue, "note": i.note]
        if let next = i.followUpOn { out["follow_up_on"] = next.iso }
        return out
    }
}
