/// Class, id and role words that say what a block is for, independent of any one site.
enum ContentHints {
    /// Words of blocks that are not article text: comments, sharing, promotion, navigation, bylines.
    ///
    /// Matched as substrings of the joined class/id text, so `comment-list` and `commentsWrapper` both hit.
    static let negativeSubstrings = [
        "comment", "disqus", "sharing", "share-", "-share", "shareb", "social", "related", "recommend", "newsletter",
        "subscri", "signup", "sign-up", "promo", "advert", "sponsor", "cookie", "consent", "gdpr", "sidebar",
        "widget", "breadcrumb", "masthead", "navbar", "navigation", "popup", "modal", "banner", "outbrain",
        "taboola", "byline", "dateline", "timestamp", "caption", "credit", "toolbar", "pagination", "pager",
        "footer", "header", "trending", "popular", "most-read", "mostread", "readmore", "read-more", "more-stories",
        "morestories", "author", "bio-", "skip-link", "visually-hidden", "sr-only", "screen-reader", "print-only",
        "tags", "tag-list", "taglist", "keywords", "rating", "reply", "login", "paywall", "overlay", "tooltip",
        "next-article", "prev-article", "jump", "affiliate", "breaking-news", "ticker", "dropdown", "carousel",
        "gallery", "video", "audio", "player", "embed", "slideshow", "thumbnail", "inline-ad", "ad-slot",
        "ad-container", "ad-wrapper", "adslot", "adunit", "ad-unit", "dfp", "google_ads", "contact", "rss",
        "meta", "extra", "supplement", "teaser", "rail", "tools", "follow", "donate", "support-us", "offer",
        "role-navigation", "role-complementary", "role-contentinfo", "role-banner", "role-search", "search",
    ]

    /// Whole words (split on non-letters) that are too short to match as substrings safely.
    static let negativeWords: Set<String> = ["ad", "ads", "nav", "menu", "share", "tag", "bio", "hide", "hidden", "print", "aside", "more", "cta"]

    /// Words of blocks that usually hold the article body.
    static let positiveSubstrings = [
        "article", "content", "entry", "post", "story", "body", "text", "blog", "prose", "main", "main-content",
    ]

    /// Strong markers of the article body itself; these outrank any negative word in the same hints.
    static let bodyMarkers = [
        "articlebody", "article-body", "article__body", "article_body", "articlecontent", "article-content",
        "article__content", "post-content", "postcontent", "post-body", "postbody", "entry-content", "entrycontent",
        "story-body", "storybody", "story-content", "body-text", "bodytext", "article-text", "articletext",
        "content-body", "post-text", "rich-text", "richtext", "entry-body", "text-body",
    ]

    /// Class prefixes that describe taxonomy, not layout (`tag-review`, `category-news`, `has-post-thumbnail`),
    /// as blog engines put them on the article element itself; they must not count as hints.
    static let taxonomyPrefixes = ["tag-", "category-", "has-", "format-", "status-", "type-", "author-", "postid-", "post-type-"]

    private static let negativeNeedles = NeedleSet(negativeSubstrings)
    private static let positiveNeedles = NeedleSet(positiveSubstrings)
    private static let bodyMarkerNeedles = NeedleSet(bodyMarkers)
    private static let taxonomyBytes = taxonomyPrefixes.map { Array($0.utf8) }

    /// Classifies a lower-case `class id role-…` text once; the tree builder caches the result per distinct text.
    ///
    /// Matching works on UTF-8 bytes with needles bucketed by first byte: this runs for every distinct class list
    /// of every page, and Foundation's `String.contains` (then one scan per needle) dominated the run time here.
    static func classify(_ hints: String) -> HintFlags {
        var flags = HintFlags()
        let bytes = Array(hints.utf8)
        flags.bodyMarker = bodyMarkerNeedles.occurs(in: bytes[...])
        for token in bytes.split(separator: UInt8(ascii: " ")) where !taxonomyBytes.contains(where: { token.starts(with: $0) }) {
            if !flags.negative, negativeNeedles.occurs(in: token) { flags.negative = true }
            if !flags.negative {
                let words = token.split(whereSeparator: { !(($0 >= 0x61 && $0 <= 0x7A) || $0 >= 0x80) })
                if words.contains(where: { negativeWords.contains(String(decoding: $0, as: UTF8.self)) }) { flags.negative = true }
            }
            if !flags.positive, positiveNeedles.occurs(in: token) { flags.positive = true }
        }
        return flags
    }

    /// Whether the node is marked as the article body (`<article>`, `itemprop="articleBody"`, body-like classes).
    static func isBodyMarker(_ node: HTMLNode) -> Bool {
        node.tag == "article" || node.itemprop == "articlebody" || node.hintFlags.bodyMarker
    }

    /// Whether the hints say the block is boilerplate (and do not also mark it as the body).
    static func isNegative(_ node: HTMLNode) -> Bool {
        node.hintFlags.negative && !isBodyMarker(node)
    }

    /// Whether any hint token looks like a body container.
    static func isPositive(_ node: HTMLNode) -> Bool { node.hintFlags.positive }

    /// Readability-style class weight: +25 for body-like hints, -25 for boilerplate hints.
    static func weight(_ node: HTMLNode) -> Double {
        if isBodyMarker(node) { return 40 }
        return (isNegative(node) ? -25 : 0) + (isPositive(node) ? 25 : 0)
    }
}

/// What an element's class, id and role say about it.
struct HintFlags: Hashable, Sendable {
    var negative = false
    var positive = false
    var bodyMarker = false
}

/// Substrings to look for, bucketed by first byte so each haystack position is compared only with the needles
/// that can start there.
struct NeedleSet: Sendable {
    private var buckets: [[[UInt8]]] = Array(repeating: [], count: 256)

    init(_ needles: [String]) {
        for needle in needles {
            let bytes = Array(needle.utf8)
            if let first = bytes.first { buckets[Int(first)].append(bytes) }
        }
    }

    /// Whether any needle occurs in `haystack`.
    func occurs(in haystack: ArraySlice<UInt8>) -> Bool {
        var i = haystack.startIndex
        let end = haystack.endIndex
        while i < end {
            let candidates = buckets[Int(haystack[i])]
            for needle in candidates where needle.count <= end - i {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
