import Foundation
import Plot
import PraktikaDomain

/// Lists of attached files and the page where they are uploaded.
enum AttachmentView {
    static func size(_ bytes: Int, _ f: Formatting) -> String {
        bytes >= 1024 * 1024 ? f.hundredths(Int64(bytes * 100 / (1024 * 1024))) + " MB" : f.integer(max(1, bytes / 1024)) + " KB"
    }

    /// The files as links, with their kind and size.
    static func list(_ files: [AttachmentInfo], _ context: PageContext, deletable: Bool = false) -> Node<HTML.BodyContext> {
        let f = context.format
        let items: [Node<HTML.ListContext>] = files.map { file in
            let delete: Node<HTML.BodyContext> =
                deletable
                ? .form(
                    .class("inline"), .method(.post), .action(SiteURL.fileDelete(file.id).path), Layout.csrfField(context),
                    .button(.type(.submit), .class("link-button"), .safe(TextKey.delete(context.language))))
                : .empty
            return .li(
                .link(SiteURL.file(file.id, AttachmentKind.safeName(file.filename)).path, file.filename),
                .span(.class("muted"), .safe(" (\(file.kind.rawValue.uppercased()), \(size(file.size, f)))")), .text(" "), delete)
        }
        return .ul(.class("files"), .group(items))
    }

    static func page(title: String, back: String, files: [AttachmentInfo], action: String, error: FieldError?, _ context: PageContext)
        -> HTML
    {
        let l = context.language
        let errorNode: Node<HTML.BodyContext> =
            error.map { .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .p(.link("#field-file", $0.text(l)))) }
            ?? .empty
        let fieldError: Node<HTML.FormContext> =
            error.map { .p(.class("error"), .attr("id", "field-file-error"), .safe($0.text(l))) } ?? .empty
        return Layout.page(
            context, title: TextKey.attachmentsTitle(l) + " · " + title, breadcrumbs: [(back, title)],
            body: [
                .h1(.safe(TextKey.attachmentsTitle(l) + ": " + title)),
                files.isEmpty ? .p(.class("empty"), .safe(TextKey.attachmentNone(l))) : list(files, context, deletable: true),
                .h2(.safe(TextKey.attachmentUpload(l))),
                errorNode,
                .form(
                    .method(.post), .action(action), .enctype(.multipartData), .class("record-form"), Layout.csrfField(context),
                    .div(
                        .class(error == nil ? "field" : "field has-error"),
                        .label(.attr("for", "field-file"), .safe(TextKey.attachmentUpload(l))),
                        .p(.class("hint"), .attr("id", "field-file-hint"), .safe(TextKey.attachmentHint(l))),
                        fieldError,
                        FormView.input([
                            ("type", "file"), ("id", "field-file"), ("name", "file"), ("aria-describedby", "field-file-hint"),
                            ("accept", ".pdf,.pptx,.odp,.ppt,.docx,.jpg,.jpeg,.png,.webp"),
                        ])),
                    .div(
                        .class("actions"), .button(.type(.submit), .class("button"), .safe(TextKey.attachmentUpload(l))),
                        .link(back, TextKey.back(l), .class("button secondary")))),
            ])
    }
}
