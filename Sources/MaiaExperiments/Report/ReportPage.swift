// The frame every report page shares: one self-contained file. Styles are inline, charts are inline SVG, there is
// no script, and a Content-Security-Policy forbids the browser to fetch anything, so the page renders the same
// offline, attached to a mail, or years later.
enum ReportPage {
    static func html(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:960px;padding:0 1rem;color:#1d232b}\
        h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d8dde3}\
        .meta{color:#5a6570}table{border-collapse:collapse;margin:.5rem 0}\
        th,td{padding:.25rem .7rem;border-bottom:1px solid #e6e9ed;text-align:left;vertical-align:top}\
        th{background:#f3f5f7}td:first-child{font-weight:600}figure{margin:1rem 0}\
        figcaption{color:#5a6570;font-size:.85rem}svg{width:100%;max-width:700px;display:block}\
        svg text{font:12px system-ui,sans-serif;fill:#1d232b}.s0{fill:#3b6ea5}.s1{fill:#e08a2e}.s2{fill:#9aa5b1}\
        .grid{stroke:#e6e9ed}.whisker{stroke:#1d232b;stroke-width:2}.whisker.always{stroke-width:5;opacity:.3}\
        .dot{fill:#c0392b}\
        footer{margin-top:2rem;color:#5a6570;font-size:.85rem}\
        .alarm{background:#fbe3e0;border:2px solid #c0392b;padding:.6rem 1rem}\
        .ok{background:#e6f4ea;border:1px solid #2e7d4f;padding:.6rem 1rem}
        """

    /// A chart with its caption.
    static func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(HTMLText.escape(caption))</figcaption></figure>"
    }
}
