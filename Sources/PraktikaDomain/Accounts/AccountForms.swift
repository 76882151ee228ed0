import Foundation

/// A new account as an administrator fills it in on the web (the CLI has `praktika user add`).
public struct NewAccount: Sendable, Equatable {
    public var email: String
    public var name: String
    public var role: Role
    public var districtCode: String?
    public var libraryID: Int64?
    /// For a partner account: the registry partner it speaks for (optional).
    public var partnerID: Int64? = nil
    public var password: String

    public static let minimumPasswordLength = 10

    /// Reads and checks the form. A librarian's district is taken from their library by the caller.
    public static func parse(_ input: FormInput) -> (NewAccount, FieldErrors) {
        var r = FormReader(input)
        let account = NewAccount(
            email: r.text("email") ?? "", name: r.text("name") ?? "", role: r.choice("role", default: .partner),
            districtCode: r.text("district_code"), libraryID: r.identifier("library_id"), partnerID: r.identifier("partner_id"),
            password: input["password"] ?? "")
        var v = Validator()
        v.required("email", account.email)
        v.email("email", account.email)
        v.required("name", account.name)
        v.maxLength("name", account.name, 200)
        v.district("district_code", account.districtCode)
        if account.role == .coordinator && account.districtCode == nil { v.add("district_code", .validationRequiredForRole) }
        if account.role == .librarian && account.libraryID == nil { v.add("library_id", .validationRequiredForRole) }
        var errors = r.errors
        errors.merge(v.errors)
        errors.merge(PasswordRules.check("password", account.password, confirmation: input["password_confirmation"], email: account.email))
        return (account, errors)
    }
}

/// What a password must be: long enough, not the e-mail, typed the same twice.
public enum PasswordRules {
    public static func check(_ field: String, _ password: String, confirmation: String?, email: String) -> FieldErrors {
        var errors = FieldErrors()
        if password.isEmpty {
            errors.add(field, .validationRequired)
        } else if password.count < NewAccount.minimumPasswordLength {
            errors.add(field, .validationPasswordTooShort, ["min": String(NewAccount.minimumPasswordLength)])
        } else if password.lowercased() == email.lowercased() {
            errors.add(field, .validationPasswordIsEmail)
        } else if password.count > 200 {
            errors.add(field, .validationTooLong, ["max": "200"])
        }
        if let confirmation, confirmation != password {
            errors.add("\(field)_confirmation", .validationPasswordsDiffer)
        }
        return errors
    }
}
