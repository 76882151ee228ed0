import Plot
import PraktikaDomain

/// "Are you sure?" before anything is deleted; the delete itself is a POST with the CSRF token.
enum ConfirmDeletePage {
    static func render(name: String, action: String, cancel: String, breadcrumbs: [(String, String)], _ context: PageContext) -> HTML {
        let l = context.language
        return Layout.page(
            context, title: TextKey.delete(l), breadcrumbs: breadcrumbs,
            body: [
                .h1(.safe(TextKey.delete(l))),
                .p(.safe(TextKey.deleteQuestion(l, ["name": name]))),
                .form(
                    .method(.post), .action(action),
                    Layout.csrfField(context),
                    .div(
                        .class("actions"),
                        .button(.type(.submit), .class("button danger"), .safe(TextKey.confirmDelete(l))),
                        .link(cancel, TextKey.cancel(l), .class("button secondary"))
                    )),
            ])
    }
}
