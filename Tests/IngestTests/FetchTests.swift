import ClaimModel
import Foundation
@testable import Ingest
import Pipeline
import Testing

/// The HTTP fetch of configured sources, against a real server on 127.0.0.1 started by each test.
// Timeouts are generous except where a timeout is the point: the whole test suite runs in parallel on two cores.
@Suite("fetching sources over http", .timeLimit(.minutes(2)))
struct FetchTests {
    /// A project folder with an `inputs` folder in it; the cache lands in `inputs/.cache` by default.
    static func project() throws -> URL {
        let root = try TestPaths.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("inputs"), withIntermediateDirectories: true)
        return root
    }

    static func context(_ project: URL) -> StageContext {
        StageContext(asOf: CalendarDay(year: 2025, month: 12, day: 10) ?? CalendarDay(dayNumber: 0), runID: "test",
                     startedAt: "2025-12-10T00:00:00Z", inputs: project.appendingPathComponent("inputs"),
                     outputs: project.appendingPathComponent("outputs"), projectDirectory: project)
    }

    static func options(_ sources: [FetchSource], timeout: Double = 60, maxBytes: Int = 100_000,
                        perHost: Int = 2, cacheFolder: String = "inputs/.cache") -> IngestOptions {
        var options = IngestOptions.defaults
        options.sources = sources
        options.fetch = FetchOptions(maxBytes: maxBytes, timeoutSeconds: timeout, maxRedirects: 5, perHostConcurrency: perHost,
                                     maxFeedItems: 10, cacheFolder: cacheFolder)
        return options
    }

    static func run(_ options: IngestOptions, project: URL) async throws -> [Document] {
        try await IngestStage(options: options).run(Batch(), in: context(project)).documents
    }

    static func document(_ documents: [Document], _ url: String) throws -> Document {
        try #require(documents.first { $0.path == url }, "no document for '\(url)'")
    }

    @Test("a page is fetched, read as html with its url as path, and cached with url, time and headers")
    func page() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let url = base + "/page"
            let documents = try await Self.run(Self.options([FetchSource(url: url)]), project: project)
            #expect(documents.count == 1)
            let doc = try Self.document(documents, url)
            #expect(doc.status == .ok)
            #expect(doc.format == .html)
            #expect(doc.text.contains("exports rose by 12 percent"))
            #expect(doc.published == CalendarDay(year: 2025, month: 11, day: 28))
            let cache = FetchCache(root: project.appendingPathComponent("inputs/.cache"))
            let stored = try #require(cache.record(for: url))
            #expect(stored.record.url == url)
            #expect(stored.record.status == 200)
            #expect(stored.record.header("etag") == "\"v1\"")
            #expect(stored.record.fetchedAt.hasSuffix("Z"))
            #expect(Document.id(forContent: stored.body) == doc.id)
            #expect(await log.count("/page") == 1)
        }
    }

    @Test("a later night sends If-None-Match; a 304 reuses the cached body and refreshes the record")
    func notModified() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let url = base + "/page"
            let first = try await Self.run(Self.options([FetchSource(url: url)]), project: project)
            #expect(await log.ifNoneMatch["/page"] == nil)
            let second = try await Self.run(Self.options([FetchSource(url: url)]), project: project)
            #expect(await log.ifNoneMatch["/page"] == "\"v1\"")
            #expect(await log.count("/page") == 2)
            #expect(first.map(\.id) == second.map(\.id))
            #expect(second.first?.text == first.first?.text)
            let cache = FetchCache(root: project.appendingPathComponent("inputs/.cache"))
            #expect(cache.record(for: url)?.record.status == 304)
        }
    }

    @Test("404 and 500 become quarantined documents with the status; the batch goes on")
    func errorStatuses() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, _ in
            let sources = ["/missing", "/broken", "/page"].map { FetchSource(url: base + $0) }
            let documents = try await Self.run(Self.options(sources), project: project)
            let missing = try Self.document(documents, base + "/missing")
            #expect(missing.status == .quarantined)
            #expect(missing.error?.contains("status 404") == true)
            #expect(missing.error?.contains("'\(base)/missing'") == true)
            let broken = try Self.document(documents, base + "/broken")
            #expect(broken.status == .quarantined)
            #expect(broken.error?.contains("status 500") == true)
            #expect(try Self.document(documents, base + "/page").status == .ok)
        }
    }

    @Test("after a 5xx, the copy cached on an earlier night is read, with a warning")
    func staleCopyAfterServerError() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, _ in
            let url = base + "/flaky"
            let first = try await Self.run(Self.options([FetchSource(url: url)]), project: project)
            #expect(first.first?.status == .ok)
            let second = try await Self.run(Self.options([FetchSource(url: url)]), project: project)
            let doc = try Self.document(second, url)
            #expect(doc.status == .ok)
            #expect(doc.text == first.first?.text)
            #expect(doc.warnings.contains { $0.contains("status 503") && $0.contains("cached") || $0.contains("copy fetched at") })
        }
    }

    @Test("a slow server (headers or body) is given up after timeoutSeconds")
    func slow() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let sources = [FetchSource(url: base + "/slow"), FetchSource(url: base + "/slow-body")]
            let documents = try await Self.run(Self.options(sources, timeout: 1), project: project)
            // The server answers after 60 s and notes when it does: the run ending before either answer shows that the
            // limit, not the server, ended the wait (a clock would also count a loaded machine's delays).
            let answered = await log.count("/slow answered") + log.count("/slow-body answered")
            let asked = await log.count("/slow") + log.count("/slow-body")
            #expect(answered == 0)
            #expect(asked == 2)
            for path in ["/slow", "/slow-body"] {
                let doc = try Self.document(documents, base + path)
                #expect(doc.status == .quarantined)
                #expect(doc.error?.contains("within 1 s") == true, "\(doc.error ?? "")")
            }
        }
    }

    @Test("oversized responses are refused, by Content-Length and while streaming")
    func oversized() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, _ in
            let sources = [FetchSource(url: base + "/big"), FetchSource(url: base + "/big-chunked")]
            let documents = try await Self.run(Self.options(sources, maxBytes: 100_000), project: project)
            for path in ["/big", "/big-chunked"] {
                let doc = try Self.document(documents, base + path)
                #expect(doc.status == .quarantined)
                #expect(doc.error?.contains("over 100000 bytes") == true, "\(doc.error ?? "")")
            }
        }
    }

    @Test("redirects: loops and long chains stop, five hops are followed, non-http targets are refused")
    func redirects() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let sources = ["/loop-a", "/chain/5", "/chain/6", "/to-file"].map { FetchSource(url: base + $0) }
            let documents = try await Self.run(Self.options(sources), project: project)
            let loop = try Self.document(documents, base + "/loop-a")
            #expect(loop.status == .quarantined)
            #expect(loop.error?.contains("redirect loop") == true, "\(loop.error ?? "")")
            #expect(await log.count("/loop-a") + log.count("/loop-b") <= 3)
            let five = try Self.document(documents, base + "/chain/5")
            #expect(five.status == .ok)
            #expect(five.text.contains("exports rose"))
            let six = try Self.document(documents, base + "/chain/6")
            #expect(six.status == .quarantined)
            #expect(six.error?.contains("more than 5 redirects") == true, "\(six.error ?? "")")
            let file = try Self.document(documents, base + "/to-file")
            #expect(file.status == .quarantined)
            #expect(file.error?.contains("scheme 'file'") == true, "\(file.error ?? "")")
            // 6 requests for chain/5, 6 for chain/6 (the 7th hop is never requested).
            #expect(await log.count("/chain") == 12)
        }
    }

    @Test("charsets: a Content-Type charset is honoured; a wrong or unknown one is repaired with a warning")
    func charsets() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, _ in
            let sources = ["/latin1", "/wrong-charset", "/bogus-charset", "/text"].map { FetchSource(url: base + $0) }
            let documents = try await Self.run(Self.options(sources), project: project)
            let latin = try Self.document(documents, base + "/latin1")
            #expect(latin.status == .ok)
            #expect(latin.text.contains("café in Zürich"))
            #expect(latin.warnings.isEmpty)
            for path in ["/wrong-charset", "/bogus-charset"] {
                let doc = try Self.document(documents, base + path)
                #expect(doc.status == .ok)
                #expect(doc.text.contains("Z\u{FFFD}rich"))
                #expect(doc.warnings.contains { $0.contains("not valid utf-8") && $0.contains("content-type charset") })
            }
            let text = try Self.document(documents, base + "/text")
            #expect(text.status == .ok)
            #expect(text.format == .text)
        }
    }

    @Test("an rss feed's items and an atom feed's entries are fetched once each; bad items are quarantined or skipped")
    func feeds() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let sources = [FetchSource(url: base + "/feed.xml", kind: .feed), FetchSource(url: base + "/atom.xml", kind: .feed),
                           FetchSource(url: base + "/item/1"), FetchSource(url: base + "/not-a-feed", kind: .feed)]
            let documents = try await Self.run(Self.options(sources), project: project)
            let paths = Set(documents.map(\.path))
            for n in 1...4 { #expect(paths.contains(base + "/item/\(n)")) }
            #expect(!paths.contains(base + "/edit/3"))
            #expect(!paths.contains("file:///etc/passwd"))
            #expect(try Self.document(documents, base + "/missing").status == .quarantined)
            #expect(try Self.document(documents, base + "/not-a-feed").error?.contains("not an rss or atom feed") == true)
            #expect(await log.count("/item/1") == 1)
            #expect(await log.count("/item/2") == 1)
            #expect(documents.filter { $0.path.hasPrefix(base + "/item/") }.allSatisfy { $0.status == .ok })
        }
    }

    @Test("requests to one host stay within perHostConcurrency")
    func perHostLimit() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try await withFetchServer { base, log in
            let sources = (1...6).map { FetchSource(url: base + "/busy/\($0)") }
            let documents = try await Self.run(Self.options(sources, perHost: 2), project: project)
            #expect(documents.allSatisfy { $0.status == .ok }, "\(documents.compactMap(\.error))")
            #expect(await log.maxInFlight <= 2)
            #expect(await log.count("/busy") == 6)
        }
    }

    @Test("the cache writes only hash-named files inside its folder, whatever the headers say; the walker skips it")
    func cacheStaysInside() async throws {
        let project = try Self.project()
        defer { try? FileManager.default.removeItem(at: project) }
        try Data("A local note about trade, with enough words to count as text.\n".utf8)
            .write(to: project.appendingPathComponent("inputs/note.txt"))
        try await withFetchServer { base, _ in
            // A cache folder without a dot, inside the inputs: still never read as inputs.
            let options = Self.options([FetchSource(url: base + "/hostile-headers"), FetchSource(url: base + "/page")],
                                       cacheFolder: "inputs/cache")
            let documents = try await Self.run(options, project: project)
            #expect(documents.map(\.path).sorted() == [base + "/hostile-headers", base + "/page", "note.txt"])
            let enumerator = FileManager.default.enumerator(atPath: project.path)
            var files: [String] = []
            while let path = enumerator?.nextObject() as? String { files.append(path) }
            let cacheFiles = files.filter { $0.hasPrefix("inputs/cache/") && !$0.hasSuffix("/objects") }
            #expect(files.allSatisfy { $0 == "inputs" || $0 == "inputs/note.txt" || $0.hasPrefix("inputs/cache") })
            let hex = try Regex("^inputs/cache(/urls(/[0-9a-f]{64}\\.json)?|/objects(/[0-9a-f]{2}(/[0-9a-f]{64})?)?)$")
            for file in cacheFiles { #expect(file.wholeMatch(of: hex) != nil, "unexpected cache file '\(file)'") }
            #expect(!FileManager.default.fileExists(atPath: "/tmp/escape"))
        }
    }

    @Test("sources and fetch options decode strictly, and bad urls or limits are config errors")
    func config() throws {
        let json = """
            {"sources": [{"url": "https://example.org/a"}, {"url": "https://example.org/rss", "kind": "feed"}],
             "fetch": {"maxBytes": 1000, "timeoutSeconds": 5, "maxRedirects": 3, "perHostConcurrency": 1,
                       "maxFeedItems": 7, "cacheFolder": "cache"}}
            """
        let options = try IngestOptions.strictlyDecoded(from: JSONParser.parse(Array(json.utf8))).get()
        #expect(options.sources == [FetchSource(url: "https://example.org/a"), FetchSource(url: "https://example.org/rss", kind: .feed)])
        #expect(options.fetch == FetchOptions(maxBytes: 1000, timeoutSeconds: 5, maxRedirects: 3, perHostConcurrency: 1,
                                              maxFeedItems: 7, cacheFolder: "cache"))
        let empty = try IngestOptions.strictlyDecoded(from: JSONParser.parse(Array("{}".utf8))).get()
        #expect(empty == .defaults)
        #expect(empty.sources.isEmpty)

        let typo = #"{"fetch": {"maxByte": 5}, "sources": [{"url": "https://x.org", "kind": "page", "knd": 1}]}"#
        switch IngestOptions.strictlyDecoded(from: try JSONParser.parse(Array(typo.utf8)), path: "$.options") {
        case .success: Issue.record("typos were accepted")
        case .failure(let error):
            #expect(error.issues.contains { $0.path == "$.options.fetch.maxByte" && $0.expected.contains("did you mean 'maxBytes'") })
            #expect(error.issues.contains { $0.path == "$.options.sources[0].knd" })
        }
        let badKind = #"{"sources": [{"url": "https://x.org", "kind": "podcast"}]}"#
        switch IngestOptions.strictlyDecoded(from: try JSONParser.parse(Array(badKind.utf8)), path: "$.options") {
        case .success: Issue.record("kind 'podcast' was accepted")
        case .failure(let error): #expect(error.issues.contains { $0.path == "$.options.sources[0].kind" && $0.expected.contains("'feed'") })
        }

        var bad = IngestOptions.defaults
        bad.sources = [FetchSource(url: "file:///etc/passwd"), FetchSource(url: "ftp://example.org/x"), FetchSource(url: "/relative")]
        bad.fetch.maxBytes = 0
        bad.fetch.timeoutSeconds = 0
        do {
            _ = try IngestStage(options: bad)
            Issue.record("bad sources were accepted")
        } catch {
            let paths = error.issues.map(\.path)
            #expect(paths.contains("$.options.sources[0].url"))
            #expect(paths.contains("$.options.sources[1].url"))
            #expect(paths.contains("$.options.sources[2].url"))
            #expect(paths.contains("$.options.fetch.maxBytes"))
            #expect(paths.contains("$.options.fetch.timeoutSeconds"))
            #expect(error.issues.contains { $0.expected.contains("scheme 'file'") })
        }
    }

    @Test("feed links: rss, rss 1.0 and atom; relative links resolved; non-http dropped; hostile xml harmless")
    func feedLinks() throws {
        let base = try #require(URL(string: "https://news.example/feeds/main.xml"))
        let rdf = """
            <?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel><title>x</title></channel><item rdf:about="https://news.example/a"><link>https://news.example/a</link></item></rdf:RDF>
            """
        #expect(FeedLinks.links(in: Array(rdf.utf8), base: base, limit: 10) == ["https://news.example/a"])
        let rss = FetchFixtures.feed("https://news.example")
        #expect(FeedLinks.links(in: Array(rss.utf8), base: base, limit: 10)
            == ["https://news.example/item/1", "https://news.example/item/2", "https://news.example/missing"])
        #expect(FeedLinks.links(in: Array(rss.utf8), base: base, limit: 1) == ["https://news.example/item/1"])
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss><channel><item><link>https://news.example/&x;</link></item></channel></rss>
            """
        let links = FeedLinks.links(in: Array(xxe.utf8), base: base, limit: 10) ?? []
        #expect(!links.joined().contains("root:"))
        #expect(FeedLinks.links(in: Array("<html><body>no feed</body></html>".utf8), base: base, limit: 10) == nil)
    }
}
