import Foundation

/// An organisation people can get in touch with (libraries and partners): the same contact
/// fields, shown, read and checked the same way.
public protocol Reachable {
    var address: String? { get }
    var email: String? { get }
    var phone: String? { get }
    var website: String? { get }
    var notes: String? { get }
}

extension Reachable {
    var contactFormValues: FormInput {
        [
            "address": address.formValue, "email": email.formValue, "phone": phone.formValue, "website": website.formValue,
            "notes": notes.formValue,
        ]
    }

    func checkContacts(_ v: inout Validator) {
        v.maxLength("address", address, Limits.short)
        v.email("email", email)
        v.phone("phone", phone)
        v.url("website", website)
        v.maxLength("notes", notes, Limits.notes)
    }
}
