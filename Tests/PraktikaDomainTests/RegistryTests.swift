import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Registry records")
struct RegistryTests {
    let today = LocalDate(year: 2026, month: 11, day: 27)!

    @Test func allTwentyEightDistricts() {
        #expect(District.all.count == 28)
        #expect(District.all.map(\.code) == (1...28).map { String(format: "BG-%02d", $0) })
        #expect(District.named("BG-13")?.nameBG == "Пазарджик")
        #expect(District.named("BG-21")?.nameEN == "Smolyan")
        #expect(District.named("BG-29") == nil)
    }

    @Test func datesParseInBothNotations() {
        #expect(LocalDate(parsing: "17.05.2012")?.iso == "2012-05-17")
        #expect(LocalDate(parsing: "17.05.2012 г.")?.iso == "2012-05-17")
        #expect(LocalDate(parsing: "2012-05-17")?.iso == "2012-05-17")
        #expect(LocalDate(parsing: "31.02.2012") == nil)
        #expect(LocalDate(parsing: "29.02.2012") != nil)
        #expect(LocalDate(parsing: "17/05/2012") == nil)
    }

    @Test("a library form is read with problems at their fields and values kept")
    func libraryParsing() {
        let (library, errors) = Library.parse(
            [
                "name": "  ", "kind": "regional", "email": "not-an-address", "website": "www.example.bg",
                "network_member_since": "32.13.2010", "phone": "032 / 62 35 18",
            ], previous: nil, today: today)
        #expect(errors["name"]?.key == .validationRequired)
        #expect(errors["email"]?.key == .validationEmail)
        #expect(errors["website"]?.key == .validationURL)
        #expect(errors["network_member_since"]?.key == .validationDate)
        #expect(errors["phone"] == nil)
        #expect(library.kind == .regional)
    }

    @Test func unknownChoicesAndFutureDatesAreRefused() {
        let (_, errors) = Library.parse(["name": "X", "kind": "castle", "network_member_since": "01.01.2030"], previous: nil, today: today)
        #expect(errors["kind"]?.key == .validationOption)
        #expect(errors["network_member_since"]?.key == .validationDateInFuture)
        let (_, more) = Settlement.parse(
            ["name": "Гьоврен", "kind": "village", "municipality_id": "1", "population": "-3"], previous: nil, today: today)
        #expect(more["population"]?.key == .validationNegative)
        let (_, text) = Settlement.parse(
            ["name": "Гьоврен", "kind": "village", "municipality_id": "1", "population": "много"], previous: nil, today: today)
        #expect(text["population"]?.key == .validationInteger)
    }

    @Test("contact details of a person are kept only with recorded consent")
    func consentGuardsContacts() {
        let (_, refused) = Person.parse(
            ["full_name": "Дарина Славова", "network_role": "librarian", "email": "d@example.bg"], previous: nil, today: today)
        #expect(refused["email"]?.key == .validationConsentForContacts)
        let (person, accepted) = Person.parse(
            ["full_name": "Дарина Славова", "network_role": "librarian", "email": "d@example.bg", "consent": "on"], previous: nil,
            today: today)
        #expect(accepted.isEmpty)
        #expect(person.consentRecordedOn == today)
        // Editing later keeps the day consent was first recorded.
        var earlier = person
        earlier.consentRecordedOn = LocalDate(year: 2020, month: 1, day: 2)
        let (edited, _) = Person.parse(earlier.formInput, previous: earlier, today: today)
        #expect(edited.consentRecordedOn == LocalDate(year: 2020, month: 1, day: 2))
    }

    @Test("control characters are refused at the field; line breaks and tabs in longer texts are kept")
    func controlCharacters() {
        let partner = Partner(name: "&\u{1A}Община", kind: .localAuthority, districtCode: "BG-13")
        #expect(partner.validate()["name"]?.key == .validationControlCharacters)
        #expect(Partner(name: "Община Пазарджик", kind: .localAuthority, districtCode: "BG-13").validate().isEmpty)
        var design = ServiceDesign(title: "Четене\u{7}", libraryIDs: [1], targetGroup: TargetGroup(category: .children))
        #expect(DesignValidation.validate(design)["title"]?.key == .validationControlCharacters)
        design.title = "Четене"
        design.needs = "Първи ред\nвтори ред\tс табулация"
        #expect(DesignValidation.validate(design)["needs"] == nil)
        #expect(TextKey.validationControlCharacters(.bg).contains("управляващи"))
    }

    @Test func changesAreListedFieldByField() {
        let old = Library(name: "Читалище", kind: .chitalishte, districtCode: "BG-21")
        var new = old
        new.name = "Библиотека при НЧ „Светлина“"
        new.email = "svetlina@example.bg"
        let changes = FieldChange.between(old.formInput, new.formInput)
        #expect(changes.map(\.field) == ["email", "name"])
        #expect(changes.first { $0.field == "name" }?.before == "Читалище")
        #expect(FieldChange.between(old.formInput, old.formInput).isEmpty)
    }

    @Test("the demo dataset is valid and names the seed's libraries and people")
    func demoIsValid() {
        for m in VelingradDemo.municipalities { #expect(m.validate().isEmpty) }
        for (l, _) in VelingradDemo.libraries { #expect(l.validate().isEmpty, "\(l.name)") }
        for (p, _) in VelingradDemo.partners { #expect(p.validate().isEmpty, "\(p.name)") }
        for (p, _, _) in VelingradDemo.people { #expect(p.validate().isEmpty, "\(p.fullName)") }
        let names = Set(VelingradDemo.people.map(\.person.fullName))
        for named in [
            "Лъчезар Риков", "Дарина Славова", "Силвия Лободова", "Васка Мавродиева", "Виктор Шанов", "Уитни Годби", "Ина Церовска",
            "Борис Хаджийски",
        ] {
            #expect(names.contains(named))
        }
        #expect(VelingradDemo.people.allSatisfy { !$0.person.hasContactDetails })
    }
}

@Suite("Field labels")
struct FieldLabelTests {
    @Test("every field a record has, as a form or in the audit log, has a label")
    func everyFieldIsLabelled() {
        let records: [FormInput] = [
            Municipality(name: "a", districtCode: "BG-01").formInput,
            Settlement(name: "a", kind: .town, municipalityID: 1).formInput,
            Library(name: "a", kind: .other).formInput,
            Partner(name: "a", kind: .other).formInput,
            Person(fullName: "a", networkRole: .other).formInput,
        ]
        for field in Set(records.flatMap(\.keys)) {
            #expect(FieldLabel.of(field) != nil, "no label for \(field)")
        }
    }
}

@Suite("Readable values")
struct ReadableValuesTests {
    @Test("the audit log shows choices, districts and dates as a reader expects, in either language")
    func auditValues() {
        #expect(FieldChange.display("regional", field: "kind", entity: "library", .bg) == "регионална")
        #expect(FieldChange.display("local_authority", field: "kind", entity: "partner", .en) == "local authority")
        #expect(FieldChange.display("BG-13", field: "district_code", entity: "library", .bg) == "Пазарджик")
        #expect(FieldChange.display("BG-13", field: "district_code", entity: "library", .en) == "Pazardzhik")
        #expect(FieldChange.display("2012-05-17", field: "network_member_since", entity: "library", .bg) == "17.05.2012 г.")
        #expect(FieldChange.display("НЧ „Пробуда“", field: "name", entity: "library", .bg) == "НЧ „Пробуда“")
        // Partnerships and meetings: their states, roles and kinds by name, not by code.
        #expect(FieldChange.display("active", field: "status", entity: "partnership", .bg) == PartnershipStatus.active.label(.bg))
        #expect(
            FieldChange.display(",funding,media,", field: "roles", entity: "partnership", .en)
                == PartnershipRole.funding.label(.en) + ", " + PartnershipRole.media.label(.en))
        #expect(FieldChange.display("withdrawn", field: "status", entity: "participant", .bg) == RegistrationStatus.withdrawn.label(.bg))
        #expect(FieldChange.display("BG-21", field: "district", entity: "participant", .bg) == "Смолян")
        #expect(FieldChange.display("done", field: "status", entity: "meeting_action", .bg) == "изпълнена")
        #expect(FieldChange.display("registration", field: "status", entity: "meeting", .bg) == MeetingStatus.registration.label(.bg))
        #expect(PartnershipStatus.active.label(.bg) == "действащо")
    }

    @Test("settlements read 'гр. Смолян' in Bulgarian and 'Смолян (town)' in English")
    func settlementNames() {
        let town = Settlement(name: "Смолян", kind: .town, municipalityID: 1)
        let village = Settlement(name: "Гьоврен", kind: .village, municipalityID: 1)
        #expect(town.displayName == "гр. Смолян")
        #expect(town.displayName(.en) == "Смолян (town)")
        #expect(village.displayName(.bg) == "с. Гьоврен")
        #expect(village.displayName(.en) == "Гьоврен (village)")
    }
}
