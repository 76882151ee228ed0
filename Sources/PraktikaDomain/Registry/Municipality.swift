import Foundation

public struct Municipality: RegistryRecord {
    public static let kind = RegistryKind.municipality
    public var id: Int64?
    public var name: String
    public var districtCode: String

    public init(id: Int64? = nil, name: String, districtCode: String) {
        self.id = id
        self.name = name
        self.districtCode = districtCode
    }

    /// Column names, JSON keys and form field names are the same snake_case words.
    enum CodingKeys: String, CodingKey {
        case id
        case name
        case districtCode = "district_code"
    }

    public var displayName: String { name }

    public var formInput: FormInput { ["name": name, "district_code": districtCode] }

    public static func parse(_ input: FormInput, previous: Municipality?, today: LocalDate) -> (Municipality, FieldErrors) {
        let reader = FormReader(input)
        let record = Municipality(
            id: previous?.id, name: reader.text("name") ?? "", districtCode: reader.text("district_code") ?? "")
        return finish(record, reader)
    }

    public func validate() -> FieldErrors {
        var v = Validator()
        v.required("name", name)
        v.maxLength("name", name, Limits.name)
        v.required("district_code", districtCode)
        v.district("district_code", districtCode.isEmpty ? nil : districtCode)
        return v.errors
    }
}
