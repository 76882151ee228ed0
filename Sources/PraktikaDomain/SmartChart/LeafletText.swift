import Foundation

/// What the public reads on a design's leaflet, as the library chose to say it. Until a librarian
/// edits it, the leaflet is suggested from the chart (`suggested`), leaving out what is only
/// planning (resources, budget, indicators, staff).
///
/// Each text is written as lines: a line that starts with „-“ or „•“ is a point of a list, any
/// other line a paragraph.
public struct LeafletText: Sendable, Codable, Equatable {
    public var title: String
    public var tagline: String?
    public var forWhom: String?
    public var offer: String?
    public var gain: String?
    public var whenAndHow: String?
    /// Opening hours or when the service runs („вторник и четвъртък, 14–17 ч.“).
    public var hours: String?
    /// A contact for this service besides the library's own (a person's name is the librarian's choice to show).
    public var contactNote: String?
    /// An image attached to the design, shown on the cover.
    public var photoID: Int64?
    /// What the photo shows, for those who cannot see it.
    public var photoAlt: String?

    public init(
        title: String, tagline: String? = nil, forWhom: String? = nil, offer: String? = nil, gain: String? = nil,
        whenAndHow: String? = nil, hours: String? = nil, contactNote: String? = nil, photoID: Int64? = nil, photoAlt: String? = nil
    ) {
        self.title = title
        self.tagline = tagline
        self.forWhom = forWhom
        self.offer = offer
        self.gain = gain
        self.whenAndHow = whenAndHow
        self.hours = hours
        self.contactNote = contactNote
        self.photoID = photoID
        self.photoAlt = photoAlt
    }

    public static let titleLimit = 120
    public static let taglineLimit = 300
    public static let textLimit = 1_500

    /// A first draft from the chart: the words written for the people served, not the plan.
    public static func suggested(_ d: ServiceDesign, _ language: Language) -> LeafletText {
        let f = Formatting(language)
        // Dated steps are events people can come to; undated ones are the library's own plan.
        let steps = d.activities.filter { $0.start != nil || $0.end != nil }.map { a -> String in
            let dates = [a.start.map(f.date), a.end.map(f.date)].compactMap { $0 }.joined(separator: " – ")
            return "- \(a.title) (\(dates))"
        }
        func lines(_ texts: String?...) -> String? {
            let kept = texts.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            return kept.isEmpty ? nil : kept.joined(separator: "\n")
        }
        return LeafletText(
            title: d.title, tagline: d.goal ?? d.service ?? d.summary,
            forWhom: lines(d.targetGroup.description ?? d.targetGroup.category.label(language), d.needs),
            offer: lines(d.service), gain: lines(d.expectedResults, d.socialEffect),
            whenAndHow: steps.isEmpty ? nil : steps.joined(separator: "\n"))
    }

    /// Refuses an empty heading, texts past their limits and control characters; a photo must be
    /// one of the design's images and say what it shows.
    public func validate(images: Set<Int64>) -> FieldErrors {
        var v = Validator()
        v.required("title", title)
        v.maxLength("title", title, Self.titleLimit)
        v.maxLength("tagline", tagline, Self.taglineLimit)
        for (field, value) in [
            ("for_whom", forWhom), ("offer", offer), ("gain", gain), ("when_and_how", whenAndHow), ("hours", hours),
            ("contact_note", contactNote), ("photo_alt", photoAlt),
        ] {
            v.maxLength(field, value, Self.textLimit)
        }
        var errors = v.errors
        if let photoID {
            if !images.contains(photoID) {
                errors.add("photo", .validationOption)
            } else if (photoAlt ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.add("photo_alt", .validationRequired)
            }
        }
        return errors
    }

    /// The leaflet as its form's fields.
    public var formInput: FormInput {
        var input: FormInput = ["title": title]
        for (name, value) in [
            ("tagline", tagline), ("for_whom", forWhom), ("offer", offer), ("gain", gain), ("when_and_how", whenAndHow), ("hours", hours),
            ("contact_note", contactNote), ("photo", photoID.map(String.init)), ("photo_alt", photoAlt),
        ] {
            if let value { input[name] = value }
        }
        return input
    }

    /// Reads the form; what cannot be read is noted at its field.
    public static func read(_ input: FormInput) -> (LeafletText, FieldErrors) {
        var reader = FormReader(input)
        let text = LeafletText(
            title: reader.text("title") ?? "", tagline: reader.text("tagline"), forWhom: reader.text("for_whom"),
            offer: reader.text("offer"), gain: reader.text("gain"), whenAndHow: reader.text("when_and_how"), hours: reader.text("hours"),
            contactNote: reader.text("contact_note"), photoID: reader.identifier("photo"), photoAlt: reader.text("photo_alt"))
        return (text, reader.errors)
    }

    /// A text as the leaflet's panel shows it: points of a list and paragraphs.
    static func panel(_ heading: String, _ text: String?) -> Leaflet.Panel {
        var paragraphs: [String] = []
        var items: [String] = []
        for raw in (text ?? "").split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if let first = line.first, first == "-" || first == "•" || first == "*" {
                items.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
            } else {
                paragraphs.append(line)
            }
        }
        return Leaflet.Panel(heading: heading, paragraphs: paragraphs, items: items)
    }
}
