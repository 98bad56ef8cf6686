import ClaimModel
import Foundation

/// Title, publication date, author and site of a page, each taken from the most reliable place that has it.
struct HTMLMetadata {
    var title: String?
    var titleSource: String?
    var published: (day: CalendarDay, source: String)?
    var author: String?
    var site: String?
    var canonicalURL: String?

    init(sources: PageMetadataSources, leadingBlocks: [TextBlock]) {
        let meta = sources.meta
        let ld = JSONLDArticle(scripts: sources.jsonLD)
        func clean(_ s: String?) -> String? {
            guard let s else { return nil }
            let t = s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return t.isEmpty ? nil : t
        }

        site = clean(meta["og:site_name"]) ?? clean(ld.publisher)
        canonicalURL = clean(sources.canonical) ?? clean(meta["og:url"])

        if let t = clean(meta["og:title"]) { title = t; titleSource = "meta og:title" }
        else if let t = clean(sources.titleElement) { title = HTMLMetadata.stripSiteSuffix(t, site: site); titleSource = "title element" }
        else if let t = clean(ld.headline) { title = t; titleSource = "json-ld headline" }
        else if let t = clean(sources.firstH1) { title = t; titleSource = "h1" }

        // Publication date, most explicit first; each candidate must parse to a whole calendar day.
        var found: (CalendarDay, String)?
        if let value = ld.datePublished, let d = DateParsing.isoPrefix(value) { found = (d, "json-ld datePublished") }
        let metaKeys = ["article:published_time", "og:article:published_time", "datepublished", "article.published",
                        "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
                        "dcterms.date", "parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime", "og:published_time"]
        if found == nil {
            for key in metaKeys {
                if let value = meta[key], let d = DateParsing.isoPrefix(value) ?? DateParsing.wholeDate(value) {
                    found = (d, "meta \(key)"); break
                }
            }
        }
        if found == nil {
            let ordered = sources.times.filter(\.marked) + sources.times.filter { !$0.marked }
            for time in ordered {
                if let d = DateParsing.isoPrefix(time.value) { found = (d, "time element"); break }
            }
        }
        if found == nil, let url = canonicalURL, let d = DateParsing.fromURL(url) { found = (d, "date in url") }
        if found == nil {
            for block in leadingBlocks where block.text.count <= 120 {
                if let d = DateParsing.firstDate(in: block.text) { found = (d, "visible date line"); break }
            }
        }
        published = found

        author = clean(ld.author)
        if author == nil, let a = clean(meta["author"]), !a.contains("://") { author = a }
        if author == nil, let a = clean(meta["article:author"]), !a.contains("://") { author = a }
        if author == nil { author = sources.authorLinks.lazy.compactMap(clean).first }
        if author == nil {
            for block in leadingBlocks where block.text.count <= 60 {
                if let name = MetadataLines.publishedBy(block.text) { author = name; break }
            }
        }
    }

    /// "Headline | Site" → "Headline" when the suffix names the site.
    static func stripSiteSuffix(_ title: String, site: String?) -> String {
        guard let site else { return title }
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if title.hasSuffix(separator + site) { return String(title.dropLast(separator.count + site.count)) }
        }
        return title
    }
}

/// The article fields of a page's JSON-LD blocks (searching `@graph` and arrays).
struct JSONLDArticle {
    var headline: String?
    var datePublished: String?
    var author: String?
    var publisher: String?

    /// Article-like `@type`s; other objects (breadcrumbs, organisations) are ignored.
    static let articleTypes: Set<String> = ["article", "newsarticle", "blogposting", "reportagenewsarticle",
                                            "analysisnewsarticle", "opinionnewsarticle", "webpage", "liveblogposting",
                                            "scholarlyarticle", "techarticle", "report"]

    init(scripts: [String]) {
        for script in scripts {
            guard let data = script.data(using: .utf8),
                  let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            visit(json, depth: 0)
            if datePublished != nil, headline != nil { break }
        }
    }

    private mutating func visit(_ value: Any, depth: Int) {
        guard depth < 8 else { return }
        if let array = value as? [Any] {
            for item in array { visit(item, depth: depth + 1) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        if let graph = object["@graph"] { visit(graph, depth: depth + 1) }
        let types: [String]
        switch object["@type"] {
        case let s as String: types = [s]
        case let a as [Any]: types = a.compactMap { $0 as? String }
        default: types = []
        }
        guard types.contains(where: { JSONLDArticle.articleTypes.contains($0.lowercased()) }) else { return }
        // The first article object wins; a WebPage only fills what an article left empty.
        if headline == nil { headline = object["headline"] as? String ?? object["name"] as? String }
        if datePublished == nil { datePublished = object["datePublished"] as? String ?? object["dateCreated"] as? String }
        if author == nil { author = JSONLDArticle.name(object["author"]) }
        if publisher == nil { publisher = JSONLDArticle.name(object["publisher"]) }
    }

    /// A name from a string, an object with `name`, or the first of an array of those.
    private static func name(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.contains("://") ? nil : s
        case let o as [String: Any]: return o["name"] as? String
        case let a as [Any]: return a.lazy.compactMap { name($0) }.first
        default: return nil
        }
    }
}
