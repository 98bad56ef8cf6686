import ClaimModel

/// Recognisers for single header and footer lines of text articles (and short HTML blocks).
enum MetadataLines {
    /// `Categories: News`, `Category: World`, `Tags: …`.
    static func isCategoryLine(_ line: String) -> Bool {
        let lower = line.lowercased()
        return ["categories:", "category:", "tags:", "filed under:"].contains { lower.hasPrefix($0) } && line.count < 120
    }

    /// The name in `Published by NAME`, `Written by NAME`, `By NAME`.
    static func publishedBy(_ line: String) -> String? {
        let lower = line.lowercased()
        for prefix in ["published by ", "written by ", "posted by ", "reported by ", "story by ", "by "] where lower.hasPrefix(prefix) {
            let name = String(line.dropFirst(prefix.count)).trimmingWhitespace()
            if isPersonName(name) { return name }
        }
        return nil
    }

    /// Whether the line is a sourcing statement; the value is the outlet it names, when it names one.
    ///
    /// Accepts `Source: X`, `Sources: X`, `Based on X report`, `With inputs from X`, `(With inputs from X)`;
    /// only short lines, so a sentence that merely mentions a source stays in the text.
    static func attribution(_ line: String) -> String?? {
        guard line.count <= 80 else { return nil }
        var core = line
        if core.hasPrefix("("), core.hasSuffix(")") { core = String(core.dropFirst().dropLast()) }
        if core.hasSuffix(".") { core = String(core.dropLast()) }
        let lower = core.lowercased()
        for prefix in ["source:", "sources:", "source -", "courtesy:"] where lower.hasPrefix(prefix) {
            let outlet = String(core.dropFirst(prefix.count)).trimmingWhitespace()
            return .some(outlet.isEmpty ? nil : outlet)
        }
        for prefix in ["based on ", "with inputs from ", "inputs from ", "with agency inputs"] where lower.hasPrefix(prefix) {
            var rest = String(core.dropFirst(prefix.count)).trimmingWhitespace()
            for suffix in [" report", " reports", " inputs", " input"] where rest.lowercased().hasSuffix(suffix) {
                rest = String(rest.dropLast(suffix.count)).trimmingWhitespace()
            }
            for article in ["an ", "a ", "the "] where rest.lowercased().hasPrefix(article) {
                rest = String(rest.dropFirst(article.count))
            }
            let words = rest.split(separator: " ")
            // The outlet must read as a name ("ANI", "PTI", "Reuters"), not as "agencies" or a clause.
            let isName = !words.isEmpty && words.count <= 4 && words.allSatisfy { $0.first?.isUppercase ?? false }
            return .some(isName ? rest : nil)
        }
        return nil
    }

    /// Blog and comment-widget leftovers at the end of a text.
    static func isTrailingBoilerplate(_ line: String) -> Bool {
        let lower = line.lowercased().trimmingCharacters(in: [":", ".", " "])
        return ["no comments", "post a comment", "leave a comment", "share this", "share this article",
                "newer post", "older post", "home", "subscribe to: post comments", "advertisement"].contains(lower)
    }

    /// The person named by a closing byline: a bare name, or a bio line `Name, role…`.
    static func bylineName(_ line: String) -> String? {
        if isPersonName(line) { return line }
        guard let comma = line.firstIndex(of: ","), !endsSentence(line) || line.count < 300 else { return nil }
        let name = String(line[..<comma]).trimmingWhitespace()
        let rest = line[line.index(after: comma)...].trimmingWhitespace()
        // A bio goes on with lower-case role words ("diplomat and political scientist").
        guard isPersonName(name), let firstRest = rest.first, firstRest.isLowercase else { return nil }
        return name
    }

    /// Two to four capitalised words, letters and a few name marks only: "Swastik Sharma", "J. R. Smith".
    static func isPersonName(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (2...4).contains(words.count), line.count <= 40 else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
        }
    }

    /// Whether a line ends as a sentence does (closing quotes and brackets ignored).
    static func endsSentence(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        guard let last = trimmed.last(where: { !"\"'”’)]".contains($0) }) else { return false }
        return ".!?:;…".contains(last)
    }

    /// A short line that reads as a headline rather than a sentence.
    static func looksLikeHeadline(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (3...24).contains(words.count), line.count <= 160 else { return false }
        let trimmed = line.trimmingWhitespace()
        guard let last = trimmed.last(where: { !"\"'”’)]".contains($0) }) else { return false }
        return !".:;,".contains(last)
    }

    /// A line that is only a date, optionally labelled ("Published: 3 December 2025", "Date: 2025-12-03").
    static func standaloneDate(_ line: String) -> CalendarDay? {
        var rest = line
        let lower = line.lowercased()
        for label in ["published on", "published:", "published", "posted on", "date:", "dated"] where lower.hasPrefix(label) {
            rest = String(line.dropFirst(label.count)).trimmingWhitespace()
            if rest.hasPrefix(":") { rest = String(rest.dropFirst()).trimmingWhitespace() }
            break
        }
        guard rest.count <= 40 else { return nil }
        return DateParsing.wholeDate(rest)
    }
}
