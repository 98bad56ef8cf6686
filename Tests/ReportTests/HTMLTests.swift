import ClaimModel
import Foundation
import Testing
@testable import Report

/// Text between the first `open` and the next `close`.
func between(_ text: String, _ open: String, _ close: String) -> String? {
    guard let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) else { return nil }
    return String(text[a.upperBound..<b.lowerBound])
}

@Suite("report.html")
struct HTMLTests {
    static let payloads = ["<script>alert(1)</script>", "\"onerror=alert(1)", "'onerror=alert(1)"]

    /// The fixture with every payload placed in a title, quote, path, speaker, explanation, source name and the heading.
    static func hostileHTML() -> String {
        let p = payloads.joined(separator: " ")
        var batch = Fixture.batch
        batch.documents[0].title = p
        batch.documents[0].path = "x/\(p).html"
        batch.documents[1].path = "javascript:alert(1)"
        batch.documents[2].path = "JaVaScRiPt:alert(document.cookie)//x"
        batch.documents[3].error = p
        batch.claims[0].quote = "Trade \(p) reached $63 billion, \(p)"
        batch.claims[0].speaker = p
        batch.claims[1].text = p
        batch.claims[1].quote = "Value \(p) here"
        batch.facts[0].explanation = p
        batch.facts[0].label = p
        batch.checks[0].explanation = p
        batch.sources[0].name = p
        batch.sources[2].copiesFrom = [p]
        var options = ReportOptions.defaults
        options.title = p
        options.inputsLink = "../inputs/"
        let report = ReportWriter.makeReport(batch, context: Fixture.context(), options: options)
        return ReportWriter.html(report, options: options)
    }

    @Test("hostile text never becomes markup, script or an attribute")
    func escaping() {
        let html = HTMLTests.hostileHTML()
        #expect(!html.contains("<script>alert"))
        #expect(!html.lowercased().contains("\"onerror"))
        #expect(!html.lowercased().contains("'onerror"))
        #expect(!html.lowercased().contains(" onerror="))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;onerror=alert(1)"))
        #expect(html.contains("&#39;onerror=alert(1)"))
        // Exactly one script element: ours.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.lowercased().contains("href=\"javascript"))
        #expect(!html.lowercased().contains("href=\"javascript"))
    }

    @Test("links only to relative files and http(s) URLs, percent-encoded")
    func links() {
        #expect(Links.href(forDocumentPath: "news/a b.html", prefix: "../inputs/") == "../inputs/news/a%20b.html")
        #expect(Links.href(forDocumentPath: "q?x#y.html", prefix: "") == "q%3Fx%23y.html")
        #expect(Links.href(forDocumentPath: "https://example.com/a?b=1#c", prefix: "../inputs/") == "https://example.com/a?b=1#c")
        #expect(Links.href(forDocumentPath: "javascript:alert(1)", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: " javascript:alert(1)", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "data:text/html,<b>", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "//evil.example/x", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "/etc/passwd", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "C:\\x.html", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "a\nb", prefix: "") == nil)
        #expect(Links.href(forDocumentPath: "x/(y).html", prefix: "") == "x/%28y%29.html")
    }

    @Test("strict Content-Security-Policy whose hashes match the inline script and style")
    func contentSecurityPolicy() throws {
        let html = ReportWriter.html(Fixture.report, options: .defaults)
        let csp = try #require(between(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">"))
        #expect(csp.hasPrefix("default-src 'none';"))
        let script = try #require(between(html, "<script>", "</script>"))
        let style = try #require(between(html, "<style>", "</style>"))
        func hash(_ s: String) -> String { "'sha256-" + Data(SHA256.digest(Array(s.utf8))).base64EncodedString() + "'" }
        #expect(csp.contains("script-src \(hash(script));"))
        #expect(csp.contains("style-src \(hash(style));"))
        #expect(!csp.contains("unsafe-eval"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    }

    @Test("base64 matches Foundation's for every padding case")
    func base64() {
        for n in 0..<8 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 * 77 + 200) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
        }
    }

    @Test("self-contained: nothing is loaded from elsewhere")
    func selfContained() {
        let html = ReportWriter.html(Fixture.report, options: .defaults).lowercased()
        #expect(!html.contains(" src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@font-face"))
    }

    @Test("sections in review order: conflicts first, then inconsistent checks, superseded, compatible, agreed, single-source")
    func sectionOrder() throws {
        let html = ReportWriter.html(Fixture.report, options: .defaults)
        let anchors = ["summary", "conflicts", "inconsistent-checks", "superseded", "compatible", "agreed", "single-source",
                       "consistent-checks", "sources", "documents"]
        let positions = try anchors.map { try #require(html.range(of: "<section id=\"\($0)\">")?.lowerBound) }
        #expect(positions == positions.sorted())
        let conflict = try #require(html.range(of: "India–US trade, 2024-25")?.lowerBound)
        let agreed = try #require(html.range(of: "Summit dates</h3>")?.lowerBound)
        #expect(conflict < agreed)
    }

    @Test("facts show human values, confidence, explanation and quotes with the value marked")
    func factContent() {
        let html = ReportWriter.html(Fixture.report, options: .defaults)
        #expect(html.contains("<span class=\"value\">$63 billion</span>"))
        #expect(html.contains("<span class=\"value\">≥ $65 billion</span>"))
        #expect(html.contains("<span class=\"value\">4–5 Dec 2025</span>"))
        #expect(html.contains("<span class=\"value\">36%</span>"))
        #expect(html.contains("<span class=\"value\">unresolved: --12-04/--12-05</span>"))
        #expect(html.contains("confidence 55%"))
        #expect(html.contains("Bilateral trade reached <mark>$63 billion</mark> in 2024-25"))
        #expect(html.contains("speaker: <span class=\"speaker\">a commerce ministry official</span>"))
        #expect(html.contains("<span class=\"outlet\">The Hindu</span>"))
        #expect(html.contains("<time datetime=\"2025-12-06\">6 Dec 2025</time>"))
        #expect(html.contains("ingest: not valid UTF-8 at byte 12"))
        #expect(html.contains("run-2025-12-07-a1b2"))
    }

    @Test("maxClaimsPerFact caps the listed claims and says how many are left out")
    func claimCap() {
        var options = ReportOptions.defaults
        options.maxClaimsPerFact = 1
        let html = ReportWriter.html(Fixture.report, options: options)
        #expect(html.contains("… and 2 more claims in report.json"))
        #expect(!html.contains("Trade between the two countries stood at"))
    }
}

/// Whether `python3` can be run here (its standard library has an HTML parser).
let python3Available: Bool = {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "pass"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}()

@Suite("report.html parsed by a real HTML parser", .enabled(if: python3Available, "needs python3"))
struct HTMLParseTests {
    @Test("hostile inputs add no elements, no attributes and no script links")
    func structure() throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hostile.html")
        try ReportWriter.writeAtomically(Array(HTMLTests.hostileHTML().utf8), to: file)
        let script = """
        import json, sys
        from html.parser import HTMLParser
        class Collect(HTMLParser):
            def __init__(self):
                super().__init__(); self.tags = set(); self.attrs = set(); self.hrefs = []; self.scripts = 0
            def handle_starttag(self, tag, attrs):
                self.tags.add(tag); self.scripts += tag == "script"
                for k, v in attrs:
                    self.attrs.add(k)
                    if k == "href": self.hrefs.append(v)
        c = Collect(); c.feed(open(sys.argv[1], encoding="utf-8").read())
        print(json.dumps({"tags": sorted(c.tags), "attrs": sorted(c.attrs), "hrefs": c.hrefs, "scripts": c.scripts}))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        struct Parsed: Decodable { let tags: [String]; let attrs: [String]; let hrefs: [String]; let scripts: Int }
        let parsed = try JSONDecoder().decode(Parsed.self, from: data)
        let allowedTags: Set = ["a", "article", "body", "br", "div", "h1", "h2", "h3", "head", "header", "html", "input",
                                "label", "li", "main", "mark", "meta", "nav", "p", "q", "script", "section", "span",
                                "strong", "style", "table", "tbody", "td", "th", "thead", "time", "title", "tr", "ul"]
        let allowedAttrs: Set = ["autocomplete", "charset", "class", "content", "datetime", "for", "href", "http-equiv", "id",
                                 "lang", "name", "placeholder", "rel", "scope", "type"]
        #expect(Set(parsed.tags).subtracting(allowedTags).isEmpty, "unexpected elements \(parsed.tags)")
        #expect(Set(parsed.attrs).subtracting(allowedAttrs).isEmpty, "unexpected attributes \(parsed.attrs)")
        #expect(parsed.scripts == 1)
        for href in parsed.hrefs {
            let ok = href.hasPrefix("#") || href.hasPrefix("../inputs/") || href.hasPrefix("https://") || href.hasPrefix("http://")
                || href == "report.json" || href == "claims.jsonl"
            #expect(ok, "unexpected link '\(href)'")
        }
    }
}

@Suite("inferred years")
struct InferredTests {
    @Test("a claim whose year came from a fact says so in both reports")
    func inferred() {
        let html = ReportWriter.html(Fixture.report, options: .defaults)
        #expect(html.contains("year inferred from fact <a href=\"#f-0000000000000003\">f-0000000000000003</a>"))
        let md = ReportWriter.markdown(Fixture.report, options: .defaults)
        #expect(md.contains("year inferred from fact f-0000000000000003"))
    }
}
