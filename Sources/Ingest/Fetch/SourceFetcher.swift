public import ClaimModel
public import Foundation
public import Pipeline

/// Fetches the configured `sources` and reads each response into a document whose path is its URL.
///
/// Pages are fetched once per URL even when several feeds list them; a URL that cannot be fetched becomes a
/// quarantined document with the reason, and the rest go on. After a transient failure (timeout, 5xx, network)
/// the copy cached on an earlier night is read instead, with a warning.
public enum SourceFetcher {
    /// Requests in flight across all hosts.
    static let overallConcurrency = 8

    /// The cache folder of `options`, resolved against the project folder.
    public static func cacheFolder(_ options: FetchOptions, projectDirectory: URL) -> URL {
        let path = (options.cacheFolder as NSString).expandingTildeInPath
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path, isDirectory: true)
            : projectDirectory.appendingPathComponent(path, isDirectory: true)
        return url.standardizedFileURL
    }

    /// The documents of every configured source, in source order; empty when no source is configured.
    public static func documents(for options: IngestOptions, in context: StageContext) async -> [Document] {
        guard !options.sources.isEmpty else { return [] }
        let cache = FetchCache(root: cacheFolder(options.fetch, projectDirectory: context.projectDirectory))
        let client = HTTPFetcher.makeClient(options: options.fetch)
        let fetcher = HTTPFetcher(client: client, options: options.fetch, cache: cache,
                                  gate: HostGate(limit: options.fetch.perHostConcurrency))
        var documents: [Document] = []
        // Feeds first: their items join the page list, and a page listed twice is fetched once.
        var pages: [String] = []
        var listed = Set<String>()
        for source in options.sources where source.kind == .page && listed.insert(source.url).inserted {
            pages.append(source.url)
        }
        let feeds = options.sources.filter { $0.kind == .feed }.map(\.url)
        let feedResults = await fetchAll(feeds, with: fetcher)
        for (feed, result) in zip(feeds, feedResults) {
            switch result {
            case .failure(let failure):
                context.log(.warning, "feed '\(feed)': \(failure)")
                documents.append(failed(feed, failure))
            case .success(let response):
                let base = URL(string: response.record.finalURL) ?? URL(string: feed)
                guard let base, let links = FeedLinks.links(in: response.body, base: base, limit: options.fetch.maxFeedItems) else {
                    documents.append(.quarantined(path: feed, id: unreadID(feed), format: .html,
                                                  reason: "ingest: '\(feed)' is not an rss or atom feed; expected a feed (kind 'feed')"))
                    continue
                }
                context.log(.info, "feed '\(feed)': \(links.count) items")
                for link in links where listed.insert(link).inserted { pages.append(link) }
            }
        }
        let pageResults = await fetchAll(pages, with: fetcher)
        for (url, result) in zip(pages, pageResults) {
            switch result {
            case .success(let response):
                documents.append(read(response, url: url, options: options))
            case .failure(let failure):
                if failure.isTransient, let stale = cache.record(for: url) {
                    var document = read(FetchedResponse(record: stale.record, body: stale.body, revalidated: false), url: url,
                                        options: options)
                    document.warnings.append("ingest: fetching '\(url)' failed (\(failure)); the copy fetched at \(stale.record.fetchedAt) was read")
                    context.log(.warning, "fetch '\(url)': \(failure); using the cached copy")
                    documents.append(document)
                } else {
                    context.log(.warning, "fetch '\(url)': \(failure)")
                    documents.append(failed(url, failure))
                }
            }
        }
        try? await client.shutdown()
        return documents
    }

    /// Fetches every URL, `overallConcurrency` at a time (the host gate caps each host), results in input order.
    static func fetchAll(_ urls: [String], with fetcher: HTTPFetcher) async -> [Result<FetchedResponse, FetchFailure>] {
        var results = [Result<FetchedResponse, FetchFailure>?](repeating: nil, count: urls.count)
        await withTaskGroup(of: (Int, Result<FetchedResponse, FetchFailure>).self) { group in
            var next = 0
            func submit() {
                guard next < urls.count else { return }
                let index = next
                next += 1
                group.addTask { (index, await fetcher.fetch(urls[index])) }
            }
            for _ in 0..<min(overallConcurrency, urls.count) { submit() }
            while let (index, result) = await group.next() {
                results[index] = result
                submit()
            }
        }
        return results.map { $0 ?? .failure(.transport("not attempted")) }
    }

    /// A fetched body read like a file, its format and charset taken from the response's `Content-Type`.
    static func read(_ response: FetchedResponse, url: String, options: IngestOptions) -> Document {
        let contentType = ContentType(response.record.header("content-type") ?? "")
        let finalPath = URL(string: response.record.finalURL)?.path ?? ""
        let format = contentType.format(options: options) ?? DocumentReader.formatHint(forPath: finalPath, options: options)
        var document = DocumentReader.read(bytes: response.body, relativePath: url,
                                           hint: DocumentReader.Hint(format: format, charset: contentType.charset),
                                           options: options)
        document.path = url
        return document
    }

    /// A quarantined document for a URL that could not be fetched.
    static func failed(_ url: String, _ failure: FetchFailure) -> Document {
        .quarantined(path: url, id: unreadID(url), format: .html, reason: "ingest: fetching '\(url)' failed: \(failure)")
    }

    /// The id of a URL with no content, marked so it can never equal the id of real content.
    static func unreadID(_ url: String) -> String {
        Document.id(forContent: Array(("unfetched:" + url).utf8))
    }
}

/// The parts of a `Content-Type` header that reading needs.
struct ContentType {
    /// Lower-case media type, e.g. `text/html`; empty when absent.
    var mediaType: String
    /// Lower-case `charset` parameter, without quotes.
    var charset: String?

    init(_ header: String) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        mediaType = parts.first?.lowercased() ?? ""
        charset = nil
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
                if !value.isEmpty { charset = value }
            }
        }
    }

    /// The document format the media type asks for; nil leaves it to the URL's extension and the content.
    func format(options: IngestOptions) -> DocumentReader.FormatHint? {
        switch mediaType {
        case "text/html", "application/xhtml+xml": return .html
        case "text/plain": return .text
        case "text/tab-separated-values": return options.feedExtensions.contains("tsv") ? .feed(.tsv) : .text
        case "text/csv": return options.feedExtensions.contains("csv") ? .feed(.csv) : .text
        case "application/x-ndjson", "application/jsonl", "application/x-jsonlines":
            return options.feedExtensions.contains("jsonl") ? .feed(.jsonl) : .text
        default: return nil
        }
    }
}
