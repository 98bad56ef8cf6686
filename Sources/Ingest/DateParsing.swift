import ClaimModel

/// Small, closed date grammars used for publication dates: ISO prefixes, URL paths and written dates.
///
/// Only dates that name a year, month and day are returned; nothing is completed from the clock.
enum DateParsing {
    /// English month names and their common abbreviations, lower-case.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"]
        for (i, name) in names.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        table["sept"] = 9
        return table
    }()

    /// The day at the start of an ISO 8601 value (`2019-11-19`, `2019-11-19T10:00:00Z`, `20191119`).
    ///
    /// The calendar day is the one written, in the writer's own time zone, not converted to UTC.
    static func isoPrefix(_ value: String) -> CalendarDay? {
        let chars = Array(value.trimmingWhitespace().utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var n = 0
            for c in chars[range] {
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let year = number(0..<4), year >= 1900, year <= 2200 else { return nil }
        if chars.count >= 10, chars[4] == UInt8(ascii: "-") || chars[4] == UInt8(ascii: "/"), chars[7] == chars[4],
           let month = number(5..<7), let day = number(8..<10),
           chars.count == 10 || !(chars[10] >= 48 && chars[10] <= 57) {
            return CalendarDay(year: year, month: month, day: day)
        }
        if let month = number(4..<6), let day = number(6..<8), chars.count == 8 || chars.count > 8 && chars[8] == UInt8(ascii: "T") {
            return CalendarDay(year: year, month: month, day: day)
        }
        return nil
    }

    /// A date in a URL path: `/2019/11/19/`, `/2019-11-19-…`, `/20191119/`.
    static func fromURL(_ url: String) -> CalendarDay? {
        let parts = url.split(whereSeparator: { "/?#&=_".contains($0) }).map(String.init)
        for (i, part) in parts.enumerated() {
            if part.count == 4, let year = Int(part), (1990...2100).contains(year), i + 2 < parts.count,
               parts[i + 1].count <= 2, let month = Int(parts[i + 1]) {
                let dayPart = parts[i + 2].prefix { $0.isNumber }
                if (1...2).contains(dayPart.count), let day = Int(dayPart), let d = CalendarDay(year: year, month: month, day: day) {
                    return d
                }
            }
            if part.count >= 10, let d = isoPrefix(String(part.prefix(10))), (1990...2100).contains(d.year) { return d }
            if part.count == 8, part.allSatisfy(\.isNumber), let d = isoPrefix(part), (1990...2100).contains(d.year) { return d }
        }
        return nil
    }

    /// The date when the whole string is one date: ISO, "3 December 2025", "December 3, 2025", "Dec. 3 2025".
    static func wholeDate(_ text: String) -> CalendarDay? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.count <= 10, let d = isoPrefix(trimmed) { return d }
        let words = tokens(trimmed)
        guard (3...4).contains(words.count) else { return nil }
        return parseWords(words.suffix(3).map { $0 }) ?? (words.count == 4 ? parseWords(Array(words.prefix(3))) : nil)
    }

    /// The first written date in a short text ("Updated: Nov 19, 2019 10:42 IST" → 2019-11-19).
    static func firstDate(in text: String) -> CalendarDay? {
        let words = tokens(text)
        guard words.count >= 3 else { return nil }
        for i in 0...(words.count - 3) {
            if let d = parseWords(Array(words[i..<(i + 3)])) { return d }
        }
        for word in words where word.count == 10 {
            if let d = isoPrefix(word) { return d }
        }
        return nil
    }

    /// Words of a date: letters or digits runs; commas, dots and ordinal suffixes dropped.
    private static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == "\u{00A0}" || $0 == "|" })
            .map { word in
                var w = String(word).lowercased()
                for suffix in ["st", "nd", "rd", "th"] where w.count > 2 && w.hasSuffix(suffix) && w.dropLast(2).allSatisfy(\.isNumber) {
                    w = String(w.dropLast(2))
                }
                return w
            }
    }

    /// `day month year` or `month day year`, with a named month and a four-digit year.
    private static func parseWords(_ w: [String]) -> CalendarDay? {
        guard w.count == 3, w[2].count == 4, let year = Int(w[2]), (1900...2200).contains(year) else { return nil }
        if let month = months[w[0]], let day = Int(w[1]) { return CalendarDay(year: year, month: month, day: day) }
        if let month = months[w[1]], let day = Int(w[0]) { return CalendarDay(year: year, month: month, day: day) }
        return nil
    }
}
