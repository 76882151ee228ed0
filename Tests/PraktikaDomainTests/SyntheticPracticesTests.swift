import Foundation
import Testing

@testable import PraktikaDomain

@Suite("Synthetic practices")
struct SyntheticPracticesTests {
    @Test("generated practices are valid, published, varied and repeatable")
    func generated() {
        var generator = SyntheticPractices(seed: 7)
        let designs = (0..<500).map { generator.next(libraryIDs: [Int64($0 % 9 + 1)], year: 2012 + $0 % 15) }
        for d in designs {
            #expect(DesignValidation.validate(d).isEmpty, "\(d.title): \(DesignValidation.validate(d).order)")
            #expect(d.practice != nil && d.mayBePublished)
        }
        #expect(Set(designs.map(\.title)).count > 300)
        #expect(Set(designs.map(\.targetGroup.category)) == Set(TargetGroupCategory.allCases))
        var again = SyntheticPractices(seed: 7)
        #expect(again.next(libraryIDs: [1], year: 2012) == designs[0])
        // Some words are everywhere (a frequent-word query), others rare.
        let withLibrary = designs.filter { ($0.service ?? "").contains("Библиотеката") }.count
        #expect(withLibrary == designs.count)
        let library = SyntheticPractices.library(district: District.all[12], index: 3)
        #expect(library.districtCode == "BG-13" && library.name.contains("(генерирана)"))
    }
}
