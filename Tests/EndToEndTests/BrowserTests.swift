import ClaimModel
import Foundation
import Testing

/// The first Chromium binary on this machine, if any.
func chromiumPath() -> String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Runs headless Chromium on a file and returns (stdout, stderr).
func chromium(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
    guard let path = chromiumPath() else { return ("", "", -1) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                         "--enable-logging=stderr", "--v=0"] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
}

@Suite("report.html in a real browser", .serialized)
struct BrowserTests {
    /// A hostile article: markup in its title line and text, where a careless report would run it.
    static let hostile = """
     date 2025-12-10 \n\n<script>alert(1)</script> Trade "><img src=x onerror=alert(2)> surge\n\n\
    Bilateral trade has reached $64 billion, officials said <script>alert(3)</script> on Monday.\n\n\
    Source: <a href="javascript:alert(4)">evil</a>\n
    """

    @Test("headless Chromium shows the conflicts section, logs no console errors, and shows hostile text as text")
    func rendersSafely() async throws {
        guard chromiumPath() != nil else {
            print("SKIP: no chromium on this machine (apt-get install chromium; .ci/run installs it)")
            return
        }
        let out = try await runSamplesInCopy(extra: ["zz-hostile.txt": Self.hostile])
        let page = out.appendingPathComponent("report.html")
        let dom = try chromium(["--dump-dom", page.absoluteString])
        #expect(dom.status == 0)
        #expect(dom.out.contains("id=\"conflicts\""), "no conflicts section in the rendered page")
        // The payloads are in the page as text, escaped, and never as elements or live attributes.
        #expect(dom.out.contains("&lt;script&gt;alert(3)&lt;/script&gt;"))
        #expect(!dom.out.contains("<script>alert("))
        #expect(!dom.out.contains("<img"))
        // Only as escaped text ("&lt;a href=…"), never as a live link element.
        #expect(dom.out.range(of: #"<a\s[^>]*href="javascript:"#, options: .regularExpression) == nil)
        #expect(dom.out.contains("&lt;a href=\"javascript:alert(4)\"&gt;"))
        // The samples give a metric over several periods: its timeline is an inline SVG element the browser parsed.
        let timeline = try #require(between(dom.out, "<figure class=\"timeline\">", "</figure>"), "no timeline in the rendered page")
        #expect(timeline.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(timeline.components(separatedBy: "<circle").count >= 3, "a timeline has a mark per period")
        let scripts = dom.out.components(separatedBy: "<script").count - 1
        #expect(scripts <= 1, "only the report's own filter script may be in the page")
        let consoleErrors = dom.err.split(separator: "\n").filter {
            $0.contains("CONSOLE") && ($0.contains("ERROR") || $0.contains("Uncaught") || $0.contains("Refused"))
                || $0.contains("Content Security Policy")
        }
        #expect(consoleErrors.isEmpty, "console errors: \(consoleErrors.joined(separator: "\n"))")

        let artifacts = repoRoot.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("report.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try chromium(["--window-size=1280,2000", "--screenshot=\(shot.path)", page.absoluteString])
        #expect(FileManager.default.fileExists(atPath: shot.path), "no screenshot was written")
        let phone = artifacts.appendingPathComponent("report-phone.png")
        _ = try chromium(["--window-size=390,1600", "--screenshot=\(phone.path)", page.absoluteString])
        // The first fact with a timeline, alone under the report's own head (same policy and style), since headless
        // screenshots do not scroll to a fragment.
        let html = try String(contentsOf: page, encoding: .utf8)
        let figure = try #require(html.range(of: "<figure class=\"timeline\">"))
        let article = try #require(html.range(of: "<article class=\"fact ", options: .backwards, range: html.startIndex..<figure.lowerBound))
        let end = try #require(html.range(of: "</article>", range: figure.upperBound..<html.endIndex))
        let head = try #require(html.range(of: "<body>"))
        let single = out.appendingPathComponent("timeline.html")
        try (String(html[..<head.upperBound]) + "<main>" + String(html[article.lowerBound..<end.upperBound]) + "</main></body></html>")
            .write(to: single, atomically: true, encoding: .utf8)
        let alone = try chromium(["--dump-dom", single.absoluteString])
        #expect(alone.out.contains("<circle"))
        #expect(!alone.err.contains("Content Security Policy"), "the timeline needs something the policy forbids")
        let chart = artifacts.appendingPathComponent("report-timeline.png")
        try? FileManager.default.removeItem(at: chart)
        _ = try chromium(["--window-size=900,700", "--screenshot=\(chart.path)", single.absoluteString])
        #expect(FileManager.default.fileExists(atPath: chart.path), "no timeline screenshot was written")
    }
}
