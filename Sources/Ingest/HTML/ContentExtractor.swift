/// One block of extracted text.
struct TextBlock: Hashable, Sendable {
    /// The element that produced it (`p`, `h2`, `li`, `td`, …).
    var tag: String
    var text: String
}

/// Finds the main content of a page from its structure and turns it into text blocks.
///
/// The method, in the spirit of readability: boilerplate subtrees are removed by tag and class/id hints;
/// every stretch of prose scores its ancestors (more for commas and length, less for link text); the best
/// container wins, together with siblings that score nearly as well or read as prose; inside it, link-heavy
/// containers are dropped while walking out the text.
enum ContentExtractor {
    /// Tags whose direct text counts as a paragraph for scoring.
    static let paragraphLike: Set<String> = [
        "p", "pre", "td", "blockquote", "div", "section", "article", "main", "li", "dd", "font", "center", "span", "body",
    ]

    /// The main content of the tree under `root` (an `html` element from `HTMLTreeBuilder`).
    static func extract(root: HTMLNode) -> [TextBlock] {
        root.computeStatistics()
        let body = root.children.first { $0.tag == "body" } ?? root
        pruneBoilerplate(body, pageLength: max(1, body.textLength))
        body.computeStatistics()

        var candidates: [ObjectIdentifier: HTMLNode] = [:]
        var stack: [HTMLNode] = []
        scoreParagraphs(body, ancestors: &stack, candidates: &candidates)

        var top: HTMLNode?
        var topScore = -Double.infinity
        for node in candidates.values {
            node.score *= 1 - node.linkDensity
            if node.score > topScore { top = node; topScore = node.score }
        }
        guard let top else { return blocks(of: [body]) }

        // An article cut into chunks (ads or rails between them) repeats its body container's tag and class;
        // then every such chunk that holds prose is taken, in page order.
        if !top.hints.isEmpty {
            var chunks: [HTMLNode] = []
            collect(in: body, like: top, into: &chunks)
            let prose = chunks.filter { $0.textLength >= 100 && $0.linkDensity < 0.3 }
            if prose.count > 1, prose.contains(where: { $0 === top }) { return blocks(of: prose) }
        }

        // The winner's parent and siblings: readability's "sibling join" catches articles split into
        // several containers (a lead div, then the body div).
        guard let parent = parentOf(top, in: body) else { return blocks(of: [top]) }
        let threshold = max(10, topScore * 0.2)
        var chosen: [HTMLNode] = []
        for sibling in parent.children where !sibling.isText {
            if sibling === top { chosen.append(sibling); continue }
            var bonus = 0.0
            if !top.hints.isEmpty, sibling.hints == top.hints { bonus += topScore * 0.2 }
            if candidates[ObjectIdentifier(sibling)] != nil, sibling.score + bonus >= threshold {
                chosen.append(sibling)
            } else if sibling.tag == "p" {
                let length = sibling.textLength
                let density = sibling.linkDensity
                if length > 80 && density < 0.25 { chosen.append(sibling) }
                else if length > 0, length <= 80, density == 0, sibling.flatText.hasSuffix(".") { chosen.append(sibling) }
            }
        }
        return blocks(of: chosen)
    }

    /// Removes subtrees whose hints mark them as boilerplate, unless they hold most of the page's text.
    static func pruneBoilerplate(_ node: HTMLNode, pageLength: Int) {
        node.children.removeAll { child in
            guard !child.isText else { return false }
            // A wrapper named like a widget may still hold the post: keep anything holding a marked body,
            // most of the page's text, or (when it also has body-like hints) more than a short block.
            guard ContentHints.isNegative(child), !child.holdsBodyMarker, child.textLength * 2 < pageLength else { return false }
            return !(ContentHints.isPositive(child) && child.textLength > 500)
        }
        for child in node.children where !child.isText { pruneBoilerplate(child, pageLength: pageLength) }
    }

    /// Adds each paragraph's score to its ancestors (parent fully, grandparent half, further ones less).
    static func scoreParagraphs(_ node: HTMLNode, ancestors: inout [HTMLNode], candidates: inout [ObjectIdentifier: HTMLNode]) {
        if paragraphLike.contains(node.tag) {
            var inlineLength = 0, inlineLinks = 0, inlineCommas = 0
            for child in node.children where child.isText || !HTMLTags.blocks.contains(child.tag) {
                inlineLength += child.textLength
                inlineLinks += child.linkLength
                inlineCommas += child.commas
            }
            if inlineLength >= 25 {
                let linkShare = Double(inlineLinks) / Double(inlineLength)
                var contribution = 1 + Double(inlineCommas) + min(Double(inlineLength) / 100, 3)
                contribution *= 1 - linkShare
                if node.tag == "li" || node.tag == "td" { contribution *= 0.5 }
                // A div holding prose directly is its own paragraph: its container collects the score.
                for (level, ancestor) in ancestors.reversed().prefix(5).enumerated() {
                    let key = ObjectIdentifier(ancestor)
                    if candidates[key] == nil {
                        ancestor.score = baseScore(ancestor)
                        candidates[key] = ancestor
                    }
                    let divider = level == 0 ? 1.0 : (level == 1 ? 2.0 : Double(level) * 3)
                    ancestor.score += contribution / divider
                }
            }
        }
        ancestors.append(node)
        for child in node.children where !child.isText { scoreParagraphs(child, ancestors: &ancestors, candidates: &candidates) }
        ancestors.removeLast()
    }

    /// A container's starting score from its tag and hints.
    static func baseScore(_ node: HTMLNode) -> Double {
        var score = ContentHints.weight(node)
        switch node.tag {
        case "div", "article", "main", "section": score += 5
        case "pre", "td", "blockquote": score += 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score -= 3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score -= 5
        case "body", "html": score -= 10
        default: break
        }
        return score
    }

    /// Nodes below `root` with the same tag and hints as `model`, in page order, not descending into a match.
    static func collect(in root: HTMLNode, like model: HTMLNode, into found: inout [HTMLNode]) {
        for child in root.children where !child.isText {
            if child.tag == model.tag, child.hints == model.hints { found.append(child) } else { collect(in: child, like: model, into: &found) }
        }
    }

    /// The parent of `target` below `root`.
    static func parentOf(_ target: HTMLNode, in root: HTMLNode) -> HTMLNode? {
        for child in root.children where !child.isText {
            if child === target { return root }
            if let found = parentOf(target, in: child) { return found }
        }
        return nil
    }

    /// Text blocks of the chosen nodes, skipping link-heavy containers on the way.
    static func blocks(of nodes: [HTMLNode]) -> [TextBlock] {
        var writer = BlockWriter()
        for node in nodes { writer.write(node) }
        writer.flush()
        return writer.blocks
    }
}

/// Walks chosen nodes and cuts their text into blocks at block-level elements.
struct BlockWriter {
    private(set) var blocks: [TextBlock] = []
    private var current = ""
    private var currentTag = "p"

    /// Whether a container inside the chosen content is navigation-like and should be left out.
    static func isLinkList(_ node: HTMLNode) -> Bool {
        switch node.tag {
        case "ul", "ol", "div", "section", "table", "form", "dl", "figure", "nav", "center", "span", "li":
            guard node.commas < 10 || node.tag == "ul" || node.tag == "ol" else { return false }
            let weight = ContentHints.weight(node)
            let density = node.linkDensity
            if weight >= 25 { return density > 0.5 }
            return density > (node.tag == "ul" || node.tag == "ol" ? 0.5 : 0.33)
        case "h1":
            // The page title is metadata, not body text.
            return true
        case "h2", "h3", "h4", "h5", "h6", "p":
            return node.linkDensity > 0.6
        default:
            return false
        }
    }

    mutating func write(_ node: HTMLNode) {
        if node.isText {
            current += node.text
            return
        }
        if node.tag == "br" {
            current += "\n"
            return
        }
        if BlockWriter.isLinkList(node) { return }
        let isBlock = HTMLTags.blocks.contains(node.tag)
        if isBlock {
            flush()
            currentTag = node.tag
        }
        for child in node.children { write(child) }
        if isBlock {
            flush()
        } else if node.tag == "td" || node.tag == "th" {
            current += " "
        }
    }

    /// Ends the current block, collapsing whitespace within each of its lines.
    mutating func flush() {
        let text = BlockWriter.collapseWhitespace(current)
        current = ""
        guard !text.isEmpty else { return }
        blocks.append(TextBlock(tag: currentTag, text: text))
    }

    /// Runs of spaces, tabs, carriage returns and no-break spaces become one space; line breaks (from `<br>`)
    /// are kept, one per run, and lines are trimmed. Works on UTF-8 bytes: `Character.isWhitespace` was a
    /// hot spot here.
    static func collapseWhitespace(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false, pendingNewline = false
        var bytes = Array(text.utf8)
        bytes.append(0x20)
        var i = 0
        while i < bytes.count - 1 {
            let b = bytes[i]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0C, 0x0B:
                pendingSpace = true
            case 0x0A:
                pendingNewline = true
            case 0xC2 where bytes[i + 1] == 0xA0:
                pendingSpace = true
                i += 1
            default:
                if !out.isEmpty {
                    if pendingNewline { out.append(0x0A) } else if pendingSpace { out.append(0x20) }
                }
                pendingSpace = false; pendingNewline = false
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
