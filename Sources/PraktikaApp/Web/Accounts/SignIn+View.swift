import Plot
import PraktikaDomain

enum SignInView {
    static func render(email: String, error: String?, back: String?, _ context: PageContext) -> HTML {
        let l = context.language
        let problem: Node<HTML.BodyContext> =
            error.map { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe($0))) } ?? .empty
        let backField: Node<HTML.FormContext> =
            back.map { FormView.input([("type", "hidden"), ("name", "back"), ("value", $0)]) } ?? .empty
        let emailField: Node<HTML.FormContext> = .div(
            .class("field"),
            .label(.attr("for", "field-email"), .safe(TextKey.fieldEmail(l))),
            FormView.input([
                ("type", "email"), ("id", "field-email"), ("name", "email"), ("value", email), ("autocomplete", "username"),
                ("required", "required"),
            ]))
        let passwordField: Node<HTML.FormContext> = .div(
            .class("field"),
            .label(.attr("for", "field-password"), .safe(TextKey.fieldPassword(l))),
            FormView.input([
                ("type", "password"), ("id", "field-password"), ("name", "password"), ("autocomplete", "current-password"),
                ("required", "required"),
            ]))
        let form: Node<HTML.BodyContext> = .form(
            .class("record-form narrow"), .method(.post), .action(SiteURL.signIn.path),
            Layout.csrfField(context), backField, emailField, passwordField,
            .div(.class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.loginButton(l)))))
        return Layout.page(context, title: TextKey.loginTitle(l), body: [.h1(.safe(TextKey.loginTitle(l))), problem, form])
    }
}
