import ClaimModel

/// Reads a plain-text article: header conventions become metadata, the rest is the body text.
///
/// Conventions seen in the wild (and in `inputs/`): a first line ` date YYYY-MM-DD `, `Categories: …`,
/// a headline line, `Published by NAME`, sourcing lines (`Source: aajtak`, `Based On ANI Report`), a
/// trailing byline or author bio, and blog boilerplate (`No comments:`, `Post a Comment`) at the end.
enum TextArticleParser {
    /// Parses decoded text into a document; quarantines a file with no body text.
    static func parse(text: String, relativePath: String, id: String) -> Document {
        var doc = Document(id: id, path: relativePath, format: .text)
        // Work on lines without their terminators; "\r\n" is one Character in Swift, so split on any newline.
        var lines: [String?] = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        func isBlank(_ i: Int) -> Bool { lines[i].map { $0.allSatisfy(\.isWhitespace) } ?? true }
        func content() -> [Int] { lines.indices.filter { !isBlank($0) } }

        // The date line: only the very first line, so a date quoted later never counts.
        if let first = content().first, let line = lines[first], let day = dateLine(line) {
            doc.published = day
            doc.publishedSource = "date line"
            lines[first] = nil
        }

        // Metadata lines anywhere: categories, "published by", sourcing.
        var attributionSet: Set<String> = []
        for i in content() {
            guard let raw = lines[i] else { continue }
            let line = raw.trimmingWhitespace()
            if MetadataLines.isCategoryLine(line) {
                lines[i] = nil
            } else if let name = MetadataLines.publishedBy(line) {
                if doc.author == nil { doc.author = name }
                lines[i] = nil
            } else if let outlet = MetadataLines.attribution(line) {
                if attributionSet.insert(line).inserted { doc.attributions.append(line) }
                if doc.site == nil, let outlet { doc.site = outlet }
                lines[i] = nil
            }
        }

        // Trailing boilerplate and the closing byline or bio.
        while let last = content().last, let line = lines[last]?.trimmingWhitespace(), MetadataLines.isTrailingBoilerplate(line) {
            lines[last] = nil
        }
        var closingName: String?
        if let last = content().last, content().count > 1, let line = lines[last]?.trimmingWhitespace(),
           let name = MetadataLines.bylineName(line) {
            closingName = name
            lines[last] = nil
        }
        if doc.author == nil { doc.author = closingName }

        // A standalone name line near the top that repeats the byline, or that is the only byline.
        for i in content().prefix(3) {
            guard let line = lines[i]?.trimmingWhitespace() else { continue }
            if line == closingName || line == doc.author || (doc.author == nil && MetadataLines.isPersonName(line) && i != content().first) {
                if doc.author == nil { doc.author = line }
                lines[i] = nil
            }
        }

        // A date standing alone near the top ("Published: 3 December 2025") is the article's own statement.
        if doc.published == nil {
            for i in content().prefix(4) {
                guard let line = lines[i]?.trimmingWhitespace(), let day = MetadataLines.standaloneDate(line) else { continue }
                doc.published = day
                doc.publishedSource = "date in header"
                lines[i] = nil
                break
            }
        }

        // The headline: a short first line standing alone (a blank or removed line after it) that does not
        // read as a sentence, with more text after it.
        let remaining = content()
        if remaining.count > 1, remaining[1] > remaining[0] + 1,
           let first = lines[remaining[0]]?.trimmingWhitespace(), MetadataLines.looksLikeHeadline(first) {
            doc.title = first
            lines[remaining[0]] = nil
        }

        doc.text = paragraphs(of: lines).joinedToFit(separator: "\n\n")
        if doc.text.isEmpty {
            return .quarantined(path: relativePath, id: id, format: .text,
                                reason: "ingest: '\(relativePath)' has no article text; expected paragraphs of text")
        }
        return doc
    }

    /// The day of a ` date YYYY-MM-DD ` line.
    static func dateLine(_ line: String) -> CalendarDay? {
        let words = line.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0].lowercased() == "date" else { return nil }
        return CalendarDay(iso: String(words[1]))
    }

    /// Blocks of consecutive lines; a block of long unwrapped lines gives one paragraph per line.
    ///
    /// Removed lines (nil) and blank lines both end a block. A block is kept whole only when it looks
    /// hard-wrapped: its lines (but the last) are short and mostly do not end a sentence.
    static func paragraphs(of lines: [String?]) -> [String] {
        var blocks: [[String]] = [[]]
        for line in lines {
            if let line, !line.allSatisfy(\.isWhitespace) {
                blocks[blocks.count - 1].append(line)
            } else if !(blocks.last?.isEmpty ?? true) {
                blocks.append([])
            }
        }
        var out: [String] = []
        for block in blocks where !block.isEmpty {
            let inner = block.dropLast()
            let hardWrapped = !inner.isEmpty && inner.allSatisfy { $0.count <= 100 }
                && inner.filter({ MetadataLines.endsSentence($0) }).count * 2 < inner.count
            if hardWrapped {
                out.append(block.joined(separator: "\n"))
            } else {
                out.append(contentsOf: block)
            }
        }
        return out
    }
}

extension Array where Element == String {
    /// `joined(separator:)` into a string allocated at its final size.
    ///
    /// The document text is kept for the whole run (100,000 of them at scale). `joined` grows its result by doubling,
    /// which left the texts' storage about 45 % larger than their content.
    func joinedToFit(separator: String) -> String {
        guard !isEmpty else { return "" }
        var out = ""
        out.reserveCapacity(reduce(separator.utf8.count * (count - 1)) { $0 + $1.utf8.count })
        for (index, part) in enumerated() {
            if index > 0 { out += separator }
            out += part
        }
        return out
    }
}

extension StringProtocol {
    /// The string without leading and trailing whitespace (including no-break spaces).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}
