import Plot
import PraktikaDomain

/// The frame of every page: header with the product's name and navigation, the language switch,
/// the account menu, flash messages, and the footer.
enum Layout {
    static func page(_ context: PageContext, title: String, breadcrumbs: [(String, String)] = [], body: [Node<HTML.BodyContext>])
        -> HTML
    {
        let l = context.language
        return HTML(
            .lang(l == .bg ? .bulgarian : .english),
            head(title, l),
            .body(
                .a(.class("skip-link"), .href("#main"), .safe(TextKey.skipToContent(l))),
                header(context),
                .element(
                    named: "main",
                    nodes: [
                        .id("main"), .attribute(named: "tabindex", value: "-1"),
                        breadcrumbTrail(breadcrumbs, context),
                        flash(context),
                        .group(body),
                    ]),
                .footer(.class("site-footer"), .p(.safe(TextKey.footerText(l))))
            )
        )
    }

    static func head(_ title: String, _ l: Language) -> Node<HTML.DocumentContext> {
        .head(
            .meta(.charset(.utf8)),
            .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
            .element(named: "title", nodes: [.safe("\(title) · \(TextKey.appName(l))")]),
            .link(.rel(.stylesheet), .href(Assets.href("app.css"))),
            .link(.rel(.icon), .href(Assets.href("icon.svg")), .attribute(named: "type", value: "image/svg+xml")),
            .script(.src(Assets.href("app.js")), .defer())
        )
    }

    /// A page for people who do not use the site (a survey's respondents): no navigation, no
    /// account menu, nothing but what they came to do.
    static func bare(_ context: PageContext, title: String, bodyClass: String, body: [Node<HTML.BodyContext>]) -> HTML {
        let l = context.language
        return HTML(
            .lang(l == .bg ? .bulgarian : .english),
            head(title, l),
            .body(.class(bodyClass), .element(named: "main", nodes: [.id("main"), .group(body)]))
        )
    }

    /// A page meant for paper: no navigation, only a bar with "back" and "print" that does not print.
    static func printable(_ context: PageContext, title: String, back: String, bodyClass: String, body: [Node<HTML.BodyContext>]) -> HTML {
        let l = context.language
        return HTML(
            .lang(l == .bg ? .bulgarian : .english),
            head(title, l),
            .body(
                .class(bodyClass),
                // A landmark of its own, so that nothing on the page stands outside one.
                .header(
                    .class("print-bar"),
                    .link(back, TextKey.back(l)),
                    .button(.type(.button), .class("button"), .attr("data-print", ""), .safe(TextKey.printButton(l)))),
                .element(named: "main", nodes: [.id("main"), .group(body)])
            )
        )
    }

    static func header(_ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        let items: [(SiteURL, TextKey)] = [
            (.registry(.libraries), .navLibraries),
            (.registry(.partners), .navPartners),
            (.services, .navServices),
            (.practices, .navPractices),
            (.meetings, .navMeetings),
            (.outcomes, .navOutcomes),
        ]
        return .header(
            .class("site-header"),
            .div(
                .class("bar"),
                .a(.class("brand"), .href(SiteURL.home.path), .safe(TextKey.appName(l))),
                .div(
                    .class("account"),
                    languageSwitch(context),
                    accountMenu(context)
                )
            ),
            .nav(
                .attr("aria-label", TextKey.mainNavigation(l)),
                .ul(
                    .class("main-nav"),
                    .group(
                        items.map { url, key in
                            let path = context.section ?? context.path
                            let current = path == url.path || path.hasPrefix(url.path + "/")
                            return .li(
                                .element(
                                    named: "a",
                                    nodes: [
                                        .attr("href", url.path), .safe(key(l)),
                                        current ? .attribute(named: "aria-current", value: "page") : .empty,
                                    ]))
                        })
                )
            )
        )
    }

    /// A small form, not a link: switching also saves the choice in a signed-in person's account,
    /// and a change of state goes by POST with the CSRF token.
    static func languageSwitch(_ context: PageContext) -> Node<HTML.BodyContext> {
        let target = context.language.other
        return .form(
            .class("inline language-switch"), .method(.post), .action(SiteURL.language(target).path),
            csrfField(context),
            .input(.type(.hidden), .name("back"), .value(context.path.htmlEscaped)),
            .element(
                named: "button",
                nodes: [
                    .attr("type", "submit"), .class("link-button language"), .attr("lang", target.rawValue),
                    .safe(TextKey.switchLanguageTo(context.language)),
                ]))
    }

    static func accountMenu(_ context: PageContext) -> Node<HTML.BodyContext> {
        let l = context.language
        guard let actor = context.actor else {
            return .a(.class("button secondary"), .href(SiteURL.signIn.path), .safe(TextKey.signIn(l)))
        }
        return .group(
            .a(.class("who"), .href(SiteURL.account.path), .safe(TextKey.signedInAs(l, ["name": actor.name]))),
            Policy.mayReadAuditLog(actor)
                ? .a(.href(SiteURL.audit.path), .safe(TextKey.navAudit(l))) : .empty,
            actor.role == .admin ? .a(.href(SiteURL.mail.path), .safe(TextKey.navMail(l))) : .empty,
            .form(
                .class("inline"), .method(.post), .action(SiteURL.signOut.path),
                csrfField(context),
                .button(.type(.submit), .class("link-button"), .safe(TextKey.signOut(l)))
            )
        )
    }

    static func breadcrumbTrail(_ crumbs: [(String, String)], _ context: PageContext) -> Node<HTML.BodyContext> {
        guard !crumbs.isEmpty else { return .empty }
        return .nav(
            .class("breadcrumbs"), .attr("aria-label", TextKey.breadcrumbs(context.language)),
            .ol(.group(crumbs.map { href, text in .li(.link(href, text)) })))
    }

    static func flash(_ context: PageContext) -> Node<HTML.BodyContext> {
        guard let flash = context.flash else { return .empty }
        return .div(.class("flash"), .attribute(named: "role", value: "status"), .p(.safe(flash(context.language))))
    }

    static func csrfField<C>(_ context: PageContext) -> Node<C> {
        .selfClosedElement(
            named: "input",
            attributes: [
                Attribute<C>(name: "type", value: "hidden"), Attribute<C>(name: "name", value: "_csrf"),
                // Masked afresh on every page: see `CSRFMask`.
                Attribute<C>(name: "value", value: CSRFMask.masked(context.csrfToken).htmlEscaped),
            ])
    }

    /// The secondary navigation of the network registry.
    static func registryNav(_ context: PageContext, current: RegistryArea) -> Node<HTML.BodyContext> {
        let l = context.language
        return .nav(
            .class("sub-nav"), .attr("aria-label", TextKey.navNetwork(l)),
            .ul(
                .group(
                    RegistryArea.allCases.filter { $0 != .people || context.actor != nil }.map { area in
                        .li(
                            .element(
                                named: "a",
                                nodes: [
                                    .attr("href", SiteURL.registry(area).path), .safe(area.title(l)),
                                    area == current ? .attribute(named: "aria-current", value: "page") : .empty,
                                ]))
                    })))
    }
}
