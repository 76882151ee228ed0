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
            .div(
                .class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.loginButton(l))),
                .link(SiteURL.forgotPassword.path, TextKey.forgotPasswordLink(l))))
        return Layout.page(context, title: TextKey.loginTitle(l), body: [.h1(.safe(TextKey.loginTitle(l))), problem, form])
    }
}

/// Asking for a new password by e-mail, and choosing it through the link.
enum PasswordResetView {
    static func request(email: String, errors: FieldErrors, sentTo: String?, _ context: PageContext) -> HTML {
        let l = context.language
        if let sentTo {
            return Layout.page(
                context, title: TextKey.forgotPasswordTitle(l),
                body: [
                    .h1(.safe(TextKey.forgotPasswordTitle(l))),
                    .div(
                        .class("flash"), .attribute(named: "role", value: "status"),
                        .p(.safe(TextKey.forgotPasswordSent(l, ["email": sentTo, "minutes": String(PasswordReset.lifetimeMinutes)])))),
                    .p(.link(SiteURL.signIn.path, TextKey.loginTitle(l))),
                ])
        }
        let model = FormModel(
            title: TextKey.forgotPasswordTitle(l), action: SiteURL.forgotPassword.path,
            fields: [FormField(name: "email", label: .fieldEmail, kind: .email, required: true)], values: ["email": email],
            errors: errors, cancelHref: SiteURL.signIn.path)
        return Layout.page(
            context, title: TextKey.forgotPasswordTitle(l),
            body: [
                .h1(.safe(TextKey.forgotPasswordTitle(l))), .p(.class("lead"), .safe(TextKey.forgotPasswordIntro(l))),
                FormView.render(model, context, submit: TextKey.forgotPasswordButton(l)),
            ])
    }

    static func choose(token: String, email: String, errors: FieldErrors, _ context: PageContext) -> HTML {
        let l = context.language
        let model = FormModel(
            title: TextKey.resetPasswordTitle(l), action: SiteURL.resetPassword(token).path,
            fields: [
                FormField(name: "new_password", label: .fieldNewPassword, kind: .password, required: true),
                FormField(name: "new_password_confirmation", label: .fieldPasswordConfirmation, kind: .password, required: true),
            ], values: [:], errors: errors, cancelHref: SiteURL.signIn.path)
        return Layout.page(
            context, title: TextKey.resetPasswordTitle(l),
            body: [
                .h1(.safe(TextKey.resetPasswordTitle(l))), .p(.class("lead"), .safe(TextKey.resetPasswordIntro(l, ["email": email]))),
                FormView.render(model, context, submit: TextKey.resetPasswordButton(l)),
            ])
    }

    static func expired(_ context: PageContext) -> HTML {
        let l = context.language
        return Layout.page(
            context, title: TextKey.resetPasswordTitle(l),
            body: [
                .h1(.safe(TextKey.resetPasswordTitle(l))),
                .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.safe(TextKey.resetPasswordExpired(l)))),
                .p(.link(SiteURL.forgotPassword.path, TextKey.resetPasswordAgain(l), .class("button"))),
            ])
    }
}
