import CLibXML2

/// A lean copy of the parts of libxml2's tree that extraction needs.
///
/// Copying once into Swift objects keeps all pointer work in one place (`HTMLTreeBuilder`) and lets the
/// scoring passes cache per-node statistics.
final class HTMLNode {
    /// Lower-case element name; empty for a text node.
    let tag: String
    /// Text of a text node (raw, whitespace not yet collapsed); empty for elements.
    let text: String
    /// `class` and `id` joined, lower-case: what hint matching reads.
    let hints: String
    /// `itemprop`, lower-case, when present.
    let itemprop: String?
    /// The classification of `hints`.
    let hintFlags: HintFlags
    var children: [HTMLNode] = []

    // Statistics filled by `computeStatistics()`.
    /// Visible letters and digits under this node (whitespace and punctuation excluded).
    var textLength = 0
    /// The part of `textLength` inside links.
    var linkLength = 0
    /// Commas under this node (readability's signal for prose).
    var commas = 0
    /// Paragraph elements under this node.
    var paragraphs = 0
    /// Whether this node or one below it is marked as the article body (`<article>`, `articleBody`, …).
    var holdsBodyMarker = false
    /// Content score from the paragraphs below it (set by the extractor).
    var score = 0.0

    init(tag: String, text: String = "", hints: String = "", itemprop: String? = nil, hintFlags: HintFlags = HintFlags()) {
        self.tag = tag; self.text = text; self.hints = hints; self.itemprop = itemprop; self.hintFlags = hintFlags
    }

    /// Whether this is a text node.
    var isText: Bool { tag.isEmpty }

    /// Share of the text that sits inside links.
    var linkDensity: Double { textLength == 0 ? 0 : Double(linkLength) / Double(textLength) }

    /// Fills `textLength`, `linkLength`, `commas` and `paragraphs` bottom-up.
    func computeStatistics(insideLink: Bool = false) {
        if isText {
            // Byte-level counting keeps this pass cheap: ASCII letters and digits count one each, and
            // each non-ASCII character counts once through its lead byte (most are letters).
            var letters = 0, commaCount = 0
            for byte in text.utf8 {
                switch byte {
                case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xC0...0xFF: letters += 1
                case 0x2C: commaCount += 1
                default: break
                }
            }
            textLength = letters
            linkLength = insideLink ? letters : 0
            commas = commaCount
            return
        }
        textLength = 0; linkLength = 0; commas = 0; paragraphs = tag == "p" ? 1 : 0
        holdsBodyMarker = ContentHints.isBodyMarker(self)
        let link = insideLink || tag == "a"
        for child in children {
            child.computeStatistics(insideLink: link)
            textLength += child.textLength
            linkLength += child.linkLength
            commas += child.commas
            paragraphs += child.paragraphs
            if child.holdsBodyMarker { holdsBodyMarker = true }
        }
    }

    /// Visible text with whitespace collapsed to single spaces (for metadata and short checks).
    var flatText: String {
        var out = ""
        appendFlat(to: &out)
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func appendFlat(to out: inout String) {
        if isText { out += text; return }
        for child in children {
            child.appendFlat(to: &out)
            if !child.isText, HTMLTags.blocks.contains(child.tag) { out += " " }
        }
    }
}

/// Element groups used by tree building and extraction.
enum HTMLTags {
    /// Elements never shown as article text, dropped with everything inside.
    static let dropped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "video",
        "audio", "picture", "source", "track", "img", "map", "button", "input", "select", "textarea", "option",
        "optgroup", "datalist", "nav", "aside", "footer", "header", "menu", "dialog", "head", "title", "meta",
        "link", "base", "label", "fieldset", "legend", "output", "progress", "meter", "figcaption",
    ]
    /// Elements that start a new line of text.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "figure", "form",
        "address", "hr", "center", "details", "summary", "body", "html", "br",
    ]
    /// Headings.
    static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
}
