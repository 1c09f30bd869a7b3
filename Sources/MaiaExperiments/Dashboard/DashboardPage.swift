import Foundation

/// The HTML of `/dashboard` and its pages: server-rendered, charts as inline SVG with a table of the same numbers
/// beside each, controls as plain forms. No script and no resource from anywhere: the server sends a
/// Content-Security-Policy that allows only the one style block below (by its hash) and form posts to itself. Every
/// value is escaped; the numbers a test compares with the JSON reports carry their exact value in a `<data>` element.
public enum DashboardPage {
    /// The one style block; the server allows it by its SHA-256 in the Content-Security-Policy.
    public static let style =
        ReportPage.style + "\n"
            + """
            body{max-width:1180px}nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0;margin:.5rem 0}\
            a{color:#1f5a96}a:focus,button:focus,input:focus,select:focus,summary:focus,.scroll:focus\
            {outline:3px solid #e08a2e;outline-offset:2px}.scroll{overflow-x:auto;max-width:100%}\
            .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem}\
            .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 2rem}\
            form.inline{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.6rem 0}\
            label{display:flex;flex-direction:column;font-size:.85rem;color:#3a4550}\
            input,select,button{font:inherit;padding:.3rem .5rem}button{cursor:pointer}\
            button.danger{background:#c0392b;color:#fff;border:1px solid #8e2a1f}\
            .reply{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f7f9;border:1px solid #e6e9ed;\
            padding:.6rem;margin:.3rem 0}.step{fill:none;stroke:#e08a2e;stroke-width:2.5}\
            .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.5rem}\
            .figures div{border:1px solid #e6e9ed;padding:.4rem .6rem}.figures dt{font-size:.8rem;color:#5a6570}\
            .figures dd{margin:0;font-size:1.15rem;font-weight:600}\
            @media (max-width:600px){body{margin:1rem auto;font-size:14px}th,td{padding:.2rem .4rem}}
            """

    /// A page of the dashboard around `body`; with `refreshSeconds`, the browser reloads it that often (no script).
    static func frame(title: String, body: String, refreshSeconds: Int? = nil) -> String {
        let refresh = refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">\n" } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            \(refresh)<title>\(HTMLText.escape(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <a class="skip" href="#main">Skip to the dashboard</a>
            \(body)
            </body>
            </html>

            """
    }

    /// The whole dashboard.
    public static func html(_ view: DashboardView) -> String {
        let signOut =
            view.canSignOut
            ? "<form method=\"post\" action=\"/dashboard/logout\" class=\"inline\">\(csrfField(view.csrf))"
                + "<button type=\"submit\">Sign out</button></form>" : ""
        let header =
            "<header><h1>MAIA comparison dashboard</h1><p class=\"meta\">Signed in as "
            + "<code>\(HTMLText.escape(view.who))</code>; made \(ReportFormat.minute(view.generated)) UTC. "
            + refreshLinks(view) + "</p>\(signOut)<nav aria-label=\"Panels\"><ul>"
            + "<li><a href=\"#overview\">Overview</a></li><li><a href=\"#shadow\">Shadow</a></li>"
            + "<li><a href=\"#side-by-side\">Side by side</a></li><li><a href=\"#experiment\">Experiment</a></li>"
            + "<li><a href=\"#controls\">Controls</a></li></ul></nav></header>"
        let body =
            header + "<main id=\"main\">" + overview(view) + shadowSection(view) + sideBySide(view)
            + experimentSection(view) + controls(view) + "</main>"
            + "<footer>Numbers are those of <code>maia report --json</code> and <code>maia experiment report "
            + "--json</code> over the same log and store. See README (\"The comparison dashboard\") and "
            + "docs/dashboard.md.</footer>"
        return frame(title: "MAIA dashboard", body: body, refreshSeconds: view.refreshSeconds)
    }

    /// A short page with one message (an error, a refusal), and a way back.
    public static func message(title: String, text: String) -> String {
        frame(
            title: title,
            body: "<main id=\"main\"><h1>\(HTMLText.escape(title))</h1><p>\(HTMLText.escape(text))</p>"
                + "<p><a href=\"/dashboard\">Back to the dashboard</a></p></main>"
        )
    }

    /// The sign-in form: a service credential (an API key of the service role, or a service-role token) and the
    /// name changes are recorded under.
    public static func login(problem: String?, csrf: String) -> String {
        let problemText = problem.map { "<p class=\"alarm\" role=\"alert\">\(HTMLText.escape($0))</p>" } ?? ""
        return frame(
            title: "Sign in — MAIA dashboard",
            body: "<main id=\"main\"><h1>Sign in to the MAIA dashboard</h1>\(problemText)"
                + "<p>The dashboard is for the service role: paste a service API key (or a service-role token). "
                + "It is checked once and not stored; the browser keeps an HttpOnly session cookie for 8 hours.</p>"
                + "<form method=\"post\" action=\"/dashboard/login\">\(csrfField(csrf))"
                + "<p><label>Service credential<input type=\"password\" name=\"credential\" required "
                + "autocomplete=\"current-password\"></label></p>"
                + "<p><label>Your name (recorded with every change you make)<input type=\"text\" name=\"name\" "
                + "required maxlength=\"64\" pattern=\"[A-Za-z0-9 ._@-]{1,64}\" autocomplete=\"username\"></label></p>"
                + "<p><button type=\"submit\">Sign in</button></p></form></main>"
        )
    }

    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(HTMLText.escape(token))\">"
    }

    /// A number as shown, with its exact value for machines: `<data id value>shown</data>`.
    static func data(_ id: String, _ value: Double?, shown: String) -> String {
        let exact = value.map { String($0) } ?? ""
        return "<data id=\"\(HTMLText.escape(id))\" value=\"\(exact)\">\(HTMLText.escape(shown))</data>"
    }

    /// A word as shown, with the same word for machines.
    static func data(_ id: String, word: String) -> String {
        "<data id=\"\(HTMLText.escape(id))\" value=\"\(HTMLText.escape(word))\">\(HTMLText.escape(word))</data>"
    }

    /// A labelled figure of the overview.
    static func figure(_ label: String, _ content: String) -> String {
        "<div><dt>\(HTMLText.escape(label))</dt><dd>\(content)</dd></div>"
    }

    /// A table in a region that scrolls sideways on a narrow screen (focusable, so that keys can scroll it).
    static func table(_ table: ReportTable, label: String) -> String {
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLText.escape(label))\">"
            + table.html + "</div>"
    }

    private static func refreshLinks(_ view: DashboardView) -> String {
        let query = DashboardLinks.query(view.filter)
        guard view.refreshSeconds == nil else {
            return
                "Reloading every \(view.refreshSeconds ?? 0) s (<a href=\"/dashboard\(query.isEmpty ? "" : "?" + query)\">stop</a>)."
        }
        let joined = query.isEmpty ? "?" : "?\(query)&"
        return "<a href=\"/dashboard\(joined)refresh=30\">Reload every 30 s</a>."
    }
}
