import Foundation

/// The checks of the meeting forms, applied to values that arrive whole (API bodies): each value
/// goes through its form's reader, so a rule lives in one place whichever way the data came.
public enum MeetingValidation {
    public static func meeting(_ m: Meeting) -> FieldErrors {
        Meeting.read(m.input, districts: m.districtCodes, organisers: m.organiserLibraryIDs).1
    }

    public static func participant(_ p: MeetingParticipant, tables: [WorkTable]) -> FieldErrors {
        var errors = MeetingParticipant.read(p.input, wants: p.wants.map(String.init), tables: tables).1
        if let table = p.tableID, !tables.contains(where: { $0.id == table }) { errors.add("tableID", .validationOption) }
        return errors
    }

    /// A session and its items; an item's problems are reported as `items[2].speaker`.
    public static func session(_ s: AgendaSession, days: [LocalDate]) -> FieldErrors {
        var errors = AgendaSession.read(s.input, days: days).1
        for (i, item) in s.items.enumerated() {
            let itemErrors = Self.item(item)
            for field in itemErrors.order { errors.add("items[\(i)].\(field)", itemErrors[field]!.key, itemErrors[field]!.values) }
        }
        return errors
    }

    public static func item(_ i: AgendaItem) -> FieldErrors {
        AgendaItem.read(i.input).1
    }

    public static func table(_ t: WorkTable, taken: Set<Int>) -> FieldErrors {
        WorkTable.read(t.input, taken: taken).1
    }

    public static func feedbackForm(_ f: FeedbackForm) -> FieldErrors {
        var errors = FeedbackForm.read(f.input).1
        if f.questions.isEmpty { errors.add("questions", .validationRequired) }
        errors.merge(FeedbackQuestion.checkSent(f.questions))
        return errors
    }
}

extension WorkTable {
    public var input: FormInput {
        ["number": String(number), "target_group": targetGroup, "category": category.rawValue, "capacity": capacity.map(String.init) ?? ""]
    }
}
