import ClaimModel
import Foundation
@testable import Ingest
import Testing

@Suite("html pages")
struct HTMLExtractionTests {
    static let prose = [
        "The ministry said on Monday that exports rose by 12 percent, driven by machinery, chemicals and textiles, while imports fell.",
        "Officials expect the trend to continue next year, although analysts warned that currency swings, freight costs and demand could change the picture.",
        "Both governments have set a target of doubling trade by 2030, a goal that business groups, exporters and banks have broadly welcomed.",
    ]

    static func page(head: String = "", body: String) -> [UInt8] {
        Array("<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>".utf8)
    }

    static let articleBody = """
        <nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World news and more</a></li></ul></nav>
        <div id="cookie-banner">We use cookies to improve your experience on this website, please accept them.</div>
        <div class="layout">
          <div class="article-body">
            <h1>Exports rise</h1>
            <p>\(prose[0])</p>
            <h2>Outlook</h2>
            <p>\(prose[1])</p>
            <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
            <p>\(prose[2])</p>
            <ul><li>Machinery exports grew fastest of all sectors this year.</li><li>Textiles recovered after two weak years.</li></ul>
          </div>
          <div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Another story about trade that is long</a></li>
            <li><a href="/b">Yet another story about markets, banks and money</a></li></ul></div>
        </div>
        <footer><p>Copyright 2025 Example News, all rights reserved, including the right to reproduce.</p></footer>
        <script>var x = "should never appear";</script>
        """

    @Test("navigation, cookie notes, sharing, related links, footer and scripts are dropped; paragraphs kept")
    func mainContent() {
        let doc = DocumentReader.read(bytes: Self.page(body: Self.articleBody), relativePath: "a.html")
        #expect(doc.status == .ok)
        #expect(doc.format == .html)
        for p in Self.prose { #expect(doc.text.contains(p)) }
        #expect(doc.text.contains("Outlook"))
        #expect(doc.text.contains("Machinery exports grew fastest"))
        for junk in ["Home", "cookies", "Share on", "Related", "Another story", "Copyright", "should never appear"] {
            #expect(!doc.text.contains(junk), "found '\(junk)'")
        }
        // The h1 is the title, not body text.
        #expect(!doc.text.contains("Exports rise"))
        #expect(doc.text.contains(Self.prose[0] + "\n\nOutlook\n\n" + Self.prose[1]))
    }

    @Test("metadata records where it came from: og:title, json-ld date, og:site_name, author")
    func metadataSources() {
        let head = """
            <title>Exports rise | Example News</title>
            <meta property="og:title" content="Exports rise sharply">
            <meta property="og:site_name" content="Example News">
            <meta name="author" content="Jane Doe">
            <meta property="article:published_time" content="2019-11-18T08:00:00+05:30">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2019-11-19T10:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script>
            """
        let doc = DocumentReader.read(bytes: Self.page(head: head, body: Self.articleBody), relativePath: "a.html")
        #expect(doc.title == "Exports rise sharply")
        #expect(doc.published == CalendarDay(year: 2019, month: 11, day: 19))
        #expect(doc.publishedSource == "json-ld datePublished")
        #expect(doc.site == "Example News")
        #expect(doc.author == "Jane Doe")
    }

    @Test("fallbacks: <title> without the site suffix, meta published_time, <time>, url date")
    func metadataFallbacks() {
        let withMeta = DocumentReader.read(bytes: Self.page(head: """
            <title>Exports rise | Example News</title><meta property="og:site_name" content="Example News">
            <meta property="article:published_time" content="2019-11-18T08:00:00+05:30">
            """, body: Self.articleBody), relativePath: "a.html")
        #expect(withMeta.title == "Exports rise")
        #expect(withMeta.published == CalendarDay(year: 2019, month: 11, day: 18))
        #expect(withMeta.publishedSource == "meta article:published_time")

        let withTime = DocumentReader.read(bytes: Self.page(body: "<time datetime=\"2020-02-29\">Feb 29</time>" + Self.articleBody),
                                           relativePath: "b.html")
        #expect(withTime.published == CalendarDay(year: 2020, month: 2, day: 29))
        #expect(withTime.publishedSource == "time element")
        #expect(withTime.title == "Exports rise")  // from the h1

        let withURL = DocumentReader.read(bytes: Self.page(head: "<link rel=\"canonical\" href=\"https://example.com/2019/11/19/exports-rise/\">",
                                                           body: Self.articleBody), relativePath: "c.html")
        #expect(withURL.published == CalendarDay(year: 2019, month: 11, day: 19))
        #expect(withURL.publishedSource == "date in url")

        let undated = DocumentReader.read(bytes: Self.page(body: Self.articleBody), relativePath: "d.html")
        #expect(undated.published == nil)
    }

    @Test("a declared windows-1252 page is converted; the byte 0x92 becomes a right quote")
    func windows1252() {
        var bytes = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>The minister".utf8)
        bytes.append(0x92)
        bytes += Array("s plan was welcomed by exporters, banks and unions alike on Monday.</p></body></html>".utf8)
        let doc = DocumentReader.read(bytes: bytes, relativePath: "cp.html")
        #expect(doc.status == .ok)
        #expect(doc.text.contains("The minister’s plan"))
        #expect(doc.warnings.isEmpty)
    }

    @Test("a utf-8 BOM is honoured; undeclared broken bytes are replaced with a warning")
    func bomAndFallback() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><body><p>Café prices rose again this week, said the owners of several shops.</p></body></html>".utf8)
        let ok = DocumentReader.read(bytes: bom, relativePath: "bom.html")
        #expect(ok.text.contains("Café prices"))
        #expect(ok.warnings.isEmpty)

        var broken = Array("<html><body><p>Caf".utf8)
        broken.append(0xE9)
        broken += Array(" prices rose again this week, said the owners of several shops.</p></body></html>".utf8)
        let fixed = DocumentReader.read(bytes: broken, relativePath: "broken.html")
        #expect(fixed.status == .ok)
        #expect(fixed.text.contains("Caf\u{FFFD} prices"))
        #expect(fixed.warnings.count == 1)
        #expect(fixed.warnings.first?.contains("'broken.html'") == true)
    }

    @Test("valid utf-8 wins over a stale declared charset")
    func staleCharset() {
        let bytes = Array("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café prices rose again this week, said the owners.</p></body></html>".utf8)
        let doc = DocumentReader.read(bytes: bytes, relativePath: "s.html")
        #expect(doc.text.contains("Café prices"))
    }

    @Test("external entities and hidden elements never reach the text")
    func hostileMarkup() {
        let body = """
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <div hidden>secret hidden words that must not show</div>
            <div style="display: none">more hidden words that must not show</div>
            <p>\(Self.prose[0]) &xxe;</p><p>\(Self.prose[1])</p>
            """
        let doc = DocumentReader.read(bytes: Array("<html><body>\(body)</body></html>".utf8), relativePath: "x.html")
        #expect(!doc.text.contains("root:"))
        #expect(!doc.text.contains("hidden words"))
        #expect(doc.text.contains(Self.prose[1]))
    }

    @Test("a page with no text is quarantined with a reason")
    func emptyPage() {
        let doc = DocumentReader.read(bytes: Array("<html><body><div></div></body></html>".utf8), relativePath: "e.html")
        #expect(doc.status == .quarantined)
        #expect(doc.error == "ingest: 'e.html' has no article text; expected an html page with paragraphs")
    }
}
