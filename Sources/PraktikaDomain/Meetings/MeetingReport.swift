import Foundation

/// Everything the meeting report is written from.
public struct MeetingReportInput: Sendable {
    public var meeting: Meeting
    public var organisers: [String]
    public var host: String?
    public var participants: [MeetingParticipant]
    public var agenda: Agenda
    public var tables: [(table: WorkTable, design: ServiceDesign?)]
    public var feedback: [QuestionSummary]
    public var responses: Int
    /// Decisions and actions, each with its owner's name.
    public var actions: [(action: MeetingAction, owner: String?)]

    public init(
        meeting: Meeting, organisers: [String], host: String?, participants: [MeetingParticipant], agenda: Agenda,
        tables: [(table: WorkTable, design: ServiceDesign?)], feedback: [QuestionSummary], responses: Int,
        actions: [(action: MeetingAction, owner: String?)] = []
    ) {
        self.meeting = meeting
        self.organisers = organisers
        self.host = host
        self.participants = participants
        self.agenda = agenda
        self.tables = tables
        self.feedback = feedback
        self.responses = responses
        self.actions = actions
    }
}

/// Writes the article about a meeting, in the shape of the Velingrad report: who met, where,
/// when, how many and from where; the programme with its speakers; each table's service in the
/// smart chart's words; what the feedback said. Markdown, so that organisers can edit it.
public enum MeetingReport {
    public static func markdown(_ input: MeetingReportInput, _ language: Language) -> String {
        let f = Formatting(language)
        let m = input.meeting
        func t(_ key: TextKey, _ values: [String: String] = [:]) -> String { key(language, values) }
        func e(_ text: String) -> String { Markdown.escape(text) }
        var out: [String] = ["# " + e(m.title), ""]
        if let theme = m.theme { out += ["*" + e(theme) + "*", ""] }

        let districts = m.districtCodes.compactMap { District.named($0)?.name(language) }
        let venue = [m.venue, m.place.map { t(.reportInPlace, ["place": $0]) }].compactMap { $0 }.joined(separator: " – ")
        out.append(
            t(
                .reportIntro,
                ["dates": f.dateRange(m.startsOn, m.endsOn), "venue": e(venue), "title": e(m.title), "districts": f.list(districts)]))
        out.append("")

        // Those who held a place; the waiting list and withdrawals are not the meeting's participants.
        let counts = ParticipantCounts(input.participants.filter { $0.status == .confirmed })
        if counts.total > 0 {
            let roles = counts.byRole.map { "\($0.role.label(language).lowercased()) – \(f.integer($0.count))" }
            out.append(t(.reportParticipants, ["count": f.integer(counts.total), "roles": f.list(roles)]))
            let byDistrict = counts.byDistrict.map { entry in
                (entry.code.flatMap { District.named($0)?.name(language) } ?? t(.notKnown)) + " – " + f.integer(entry.count)
            }
            out.append(t(.reportByDistrict, ["list": f.list(byDistrict)]))
            let guests = input.participants.filter { $0.role == .programmeStaff && $0.consentListed && !$0.placeholder }
            if !guests.isEmpty {
                out.append(t(.reportGuests, ["list": f.list(guests.map { e($0.fullName) + " (" + e($0.organisation) + ")" })]))
            }
            let attendance = AttendanceSummary(input.participants)
            if let absent = attendance.noShows {
                out.append(
                    t(
                        .reportAttendance,
                        [
                            "present": f.integer(attendance.present), "confirmed": f.integer(attendance.confirmed),
                            "absent": f.integer(absent),
                        ]))
            }
            out.append("")
        }
        if !input.organisers.isEmpty {
            var line = t(.reportOrganisers, ["organisers": f.list(input.organisers.map(e))])
            if let host = input.host { line += " " + t(.reportHost, ["host": e(host)]) }
            out += [line, ""]
        }

        if !input.agenda.sessions.isEmpty {
            out += ["## " + t(.reportProgramme), ""]
            for (day, sessions) in input.agenda.days {
                out += ["### " + f.date(day), ""]
                for session in sessions {
                    var head = "**" + e(session.title) + "**"
                    if let s = session.starts { head += " (" + f.time(s) + (session.ends.map { "–" + f.time($0) } ?? "") + ")" }
                    if let chair = session.chair { head += " – " + t(.agendaChair).lowercased() + ": " + e(chair) }
                    out += [head, ""]
                    for item in session.items {
                        var line = "- "
                        if let speaker = item.speaker {
                            line += "**" + e(speaker) + "**"
                            if let affiliation = item.affiliation { line += ", " + e(affiliation) }
                            line += ": "
                        }
                        line += item.speaker == nil ? e(item.title) : "„" + e(item.title) + "“"
                        if let summary = item.summary { line += ". " + e(summary) }
                        out.append(line)
                    }
                    out.append("")
                }
            }
        }

        let tables = input.tables.sorted { $0.table.number < $1.table.number }
        if !tables.isEmpty {
            out += ["## " + t(.reportGroupWork), ""]
            let mixed = tables.filter { entry in
                Set(input.participants.filter { $0.tableID == entry.table.id }.compactMap(\.districtCode)).count > 1
            }.count
            out.append(t(.reportGroupWorkIntro, ["count": f.integer(tables.count), "mixed": f.integer(mixed)]))
            out.append("")
            for (table, design) in tables {
                out += ["### " + t(.reportTable, ["number": String(table.number), "target": e(table.targetGroup)]), ""]
                guard let d = design else {
                    out += [t(.reportNoResult), ""]
                    continue
                }
                var lines: [(TextKey, String?)] = [
                    (.fieldService, d.title),
                    (.fieldTargetDescription, d.targetGroup.description),
                    (.fieldNeeds, d.needs),
                    (.fieldService, d.service),
                    (.fieldGoal, d.goal),
                    (.fieldNeededResources, d.resources.needed),
                    (.blockPartners, d.partners.isEmpty ? nil : d.partners.map(\.name).joined(separator: ", ")),
                    (.fieldChannelNotes, d.channelNotes),
                    (.blockActivities, d.activities.isEmpty ? nil : d.activities.map(\.title).joined(separator: "; ")),
                    (.fieldExpectedResults, d.expectedResults),
                    (.fieldSocialEffect, d.socialEffect),
                    (.fieldEconomicEffect, d.economicEffect),
                ]
                if d.service == d.title { lines.remove(at: 3) }
                let totals = d.totals
                if !totals.isEmpty { lines.append((.budgetTotal, f.moneyWithEquivalent(totals.total(in: totals.mainCurrency)))) }
                for (key, value) in lines {
                    guard let value, !value.isEmpty else { continue }
                    out.append("- **" + t(key) + "** – " + e(value))
                }
                out.append("")
            }
        }

        if input.responses > 0 {
            out += ["## " + t(.reportFeedback), "", t(.reportResponses, ["count": f.integer(input.responses)]), ""]
            for summary in input.feedback where summary.answered > 0 {
                out += ["**" + e(summary.question.prompt) + "**", ""]
                switch summary.question.kind {
                case .single, .multiple:
                    for bar in summary.bars.sorted(by: { $0.count > $1.count }) where bar.count > 0 {
                        out.append("- " + e(bar.label) + " – " + f.integer(bar.count) + " (" + f.perMille(bar.perMille) + ")")
                    }
                case .rating:
                    if let average = summary.averageHundredths {
                        out.append(t(.reportAverage, ["value": f.hundredths(Int64(average)), "count": f.integer(summary.answered)]))
                    }
                case .text:
                    for text in summary.texts { out.append("- " + e(text)) }
                }
                out.append("")
            }
        }
        let decisions = input.actions.filter { $0.action.kind == .decision && $0.action.status != .dropped }
        if !decisions.isEmpty {
            out += ["## " + t(.reportDecisions), ""]
            for (action, _) in decisions { out.append("- " + e(action.text)) }
            out.append("")
        }
        let open = input.actions.filter { $0.action.isOpenAction }
        if !open.isEmpty {
            out += ["## " + t(.reportOpenActions), ""]
            for (action, owner) in open {
                var facts: [String] = []
                if let owner { facts.append(t(.actionOwner) + ": " + e(owner)) }
                if let due = action.dueOn { facts.append(t(.actionDue) + ": " + f.date(due)) }
                out.append("- " + e(action.text) + (facts.isEmpty ? "" : " (" + facts.joined(separator: "; ") + ")"))
            }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
