import Foundation

/// A folded leaflet (дипляна) made from a design, for the library to print on both sides of an
/// A4 sheet, fold in three and hand to the people the service is for. It speaks to them, so it
/// leaves out the budget, the indicators and the names of staff; it never carries personal data.
public struct Leaflet: Sendable, Equatable {
    public struct Panel: Sendable, Equatable {
        public var heading: String?
        public var paragraphs: [String]
        public var items: [String]

        public init(heading: String?, paragraphs: [String] = [], items: [String] = []) {
            self.heading = heading
            self.paragraphs = paragraphs.filter { !$0.isEmpty }
            self.items = items.filter { !$0.isEmpty }
        }
    }

    /// Where the library can be found.
    public struct Contact: Sendable, Equatable {
        public var name: String
        public var place: String?
        public var address: String?
        public var phone: String?
        public var email: String?
        public var website: String?

        public init(
            name: String, place: String? = nil, address: String? = nil, phone: String? = nil, email: String? = nil, website: String? = nil
        ) {
            self.name = name
            self.place = place
            self.address = address
            self.phone = phone
            self.email = email
            self.website = website
        }
    }

    public var title: String
    public var tagline: String?
    /// The outside of the sheet, left to right: the flap folded in, the back, the front cover.
    public var flap: Panel
    public var back: Panel
    public var coverLibrary: String
    /// The inside of the sheet, left to right.
    public var inside: [Panel]
    /// An image of the design's, shown on the cover, and what it shows.
    public var photoID: Int64?
    public var photoAlt: String?

    /// The leaflet as the library wrote it (`text`), or as the chart suggests until someone does.
    public static func make(_ d: ServiceDesign, contacts: [Contact], text: LeafletText? = nil, _ language: Language) -> Leaflet {
        let l = language
        let t = text ?? LeafletText.suggested(d, l)
        let forWhom = LeafletText.panel(TextKey.leafletForWhom(l), t.forWhom)
        let offer = LeafletText.panel(TextKey.leafletWhatWeOffer(l), t.offer)
        let gain = LeafletText.panel(TextKey.leafletWhatYouGet(l), t.gain)
        var flap = LeafletText.panel(TextKey.leafletWhenAndHow(l), t.whenAndHow)
        if let hours = t.hours { flap.paragraphs.insert(hours, at: 0) }
        if flap.paragraphs.isEmpty && flap.items.isEmpty { flap.paragraphs = [TextKey.leafletComeIn(l)] }
        var contactLines: [String] = []
        for c in contacts {
            contactLines.append(c.name)
            contactLines += [c.address, c.place, c.phone, c.email, c.website].compactMap { $0 }
        }
        if let note = t.contactNote { contactLines.append(note) }
        let partners = d.partners.map(\.name)
        let back = Panel(
            heading: TextKey.leafletContact(l),
            paragraphs: contactLines
                + (partners.isEmpty ? [] : [TextKey.leafletTogetherWith(l, ["partners": partners.joined(separator: ", ")])]))
        return Leaflet(
            title: t.title, tagline: t.tagline, flap: flap, back: back, coverLibrary: contacts.map(\.name).joined(separator: " · "),
            inside: [forWhom, offer, gain], photoID: t.photoID, photoAlt: t.photoAlt)
    }
}
