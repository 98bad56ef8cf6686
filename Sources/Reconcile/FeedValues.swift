public import Foundation

/// The kind of value an attribute of a structured feed holds, detected from the values themselves.
public enum FeedValueKind: String, Sendable, CaseIterable {
    /// A time of day ("7:10 PM", "2011-12-01 19:10", "1:55pDec 1"); compared to the minute, dates ignored.
    case time
    /// A number with formatting ("1,234", "$5", "+3%"); compared exactly as a decimal.
    case number
    /// A list of person names in any order or "Last, First" form; compared by name words.
    case names
    /// A short code ("F78", "b-12"); compared upper-case, letters and digits only.
    case code
    /// Anything else; compared case-folded with whitespace collapsed.
    case text
}

/// Turns raw feed values into normal forms so that differently written equal values vote together.
public enum FeedValues {
    /// Words that name a role or stand for a missing value rather than a person.
    ///
    /// Why: bookstore-style feeds add "(Author)", "Editor", "Not Available"; these must not make two lists differ.
    static let nonNameWords: Set<String> = [
        "author", "authors", "editor", "editors", "ed", "eds", "edited", "by", "and", "foreword", "preface",
        "introduction", "intro", "translator", "translated", "trans", "illustrator", "illustrated", "contributor",
        "contributors", "joint", "compiler", "compiled", "with", "et", "al", "not", "available", "unknown", "na", "none",
        "phd", "ph", "dr", "prof", "jr", "sr", "ii", "iii", "mr", "mrs", "ms", "the", "of", "amp", "n", "a",
    ]

    /// Minutes after midnight of the first time of day in `text`, or nil.
    public static func minutesOfDay(_ text: String) -> Int? {
        let b = Array(text.utf8)
        let n = b.count
        var i = 0
        while i < n {
            // A time is 1-2 digits, ':', 2 digits, not glued to other digits or colons.
            guard isDigit(b[i]), i == 0 || (!isDigit(b[i - 1]) && b[i - 1] != 58) else { i += 1; continue }
            var j = i
            var hour = 0
            while j < n, isDigit(b[j]) { hour = hour * 10 + Int(b[j] - 48); j += 1 }
            guard j - i <= 2, j + 3 <= n,
                  b[j] == 58, isDigit(b[j + 1]), isDigit(b[j + 2]) else { i = j; continue }
            let minute = Int(b[j + 1] - 48) * 10 + Int(b[j + 2] - 48)
            var k = j + 3
            if k < n, isDigit(b[k]) { i = k; continue }
            // Seconds ("19:10:00") are allowed and skipped.
            if k + 2 < n, b[k] == 58, isDigit(b[k + 1]), isDigit(b[k + 2]) { k += 3 }
            guard hour <= 23, minute <= 59 else { i = k; continue }
            while k < n, b[k] == 32 { k += 1 }
            if k < n, hour >= 1, hour <= 12 {
                let c = b[k] | 0x20
                if c == 97 || c == 112, meridiemEnds(b, at: k + 1) {
                    if c == 97 { hour = hour == 12 ? 0 : hour } else { hour = hour == 12 ? 12 : hour + 12 }
                }
            }
            return hour * 60 + minute
        }
        return nil
    }

    /// Whether an 'a'/'p' just before `m` is an am/pm mark ("pm", "p.m.", "p", "pDec") rather than a word ("apr").
    static func meridiemEnds(_ b: [UInt8], at start: Int) -> Bool {
        var m = start
        if m < b.count, b[m] == 46 { m += 1 }
        if m < b.count, (b[m] | 0x20) == 109 {
            m += 1
            if m < b.count, b[m] == 46 { return true }
            return m >= b.count || !isLetter(b[m]) || (b[m] >= 65 && b[m] <= 90 && b[m - 1] == 109)
        }
        // A lone 'p' glued to a capitalised word ("1:55pDec 1") still reads as p.m.
        return m >= b.count || !isLetter(b[m]) || (b[m] >= 65 && b[m] <= 90)
    }

    /// The value as an exact decimal after removing grouping commas, spaces, `$`, `%` and `+`; nil when not a number.
    public static func number(_ text: String) -> Decimal? {
        var kept = ""
        kept.reserveCapacity(text.utf8.count)
        var digits = 0
        for u in text.unicodeScalars {
            switch u {
            case ",", " ", "$", "%", "+", "\u{00A0}": continue
            case "0"..."9": digits += 1; kept.unicodeScalars.append(u)
            case ".", "-", "e", "E": kept.unicodeScalars.append(u)
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(string: kept, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Upper-case letters and digits only; nil when nothing is left.
    public static func code(_ text: String) -> String? {
        let s = String(String.UnicodeScalarView(text.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })).uppercased()
        return s.isEmpty ? nil : s
    }

    /// Lower-case name words (apostrophes dropped, other punctuation splits), role and filler words removed.
    public static func nameWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for u in text.lowercased().unicodeScalars {
            if u == "'" || u == "\u{2019}" { continue }
            if CharacterSet.alphanumerics.contains(u) { current.unicodeScalars.append(u) } else if !current.isEmpty {
                words.append(current); current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { $0.count >= 2 && !nonNameWords.contains($0) }
    }

    /// Case-folded text with whitespace runs collapsed.
    public static func folded(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Detects the kind of a sample of values: the first kind that most of them parse as.
    public static func detectKind<S: Sequence>(of values: S) -> FeedValueKind where S.Element == String {
        var total = 0, times = 0, numbers = 0, wordy = 0, short = 0
        for v in values {
            total += 1
            if minutesOfDay(v) != nil { times += 1; continue }
            if number(v) != nil { numbers += 1; continue }
            let letters = v.unicodeScalars.filter { CharacterSet.letters.contains($0) }.count
            let words = v.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 2 }.count
            if words >= 2 || (letters >= 4 && v.contains(",")) { wordy += 1 }
            if v.count <= 8, !v.contains(" ") { short += 1 }
        }
        guard total > 0 else { return .text }
        // Most values decide; a few garbled ones ("--", "Not Available") must not flip the kind.
        let most = Double(total) * 0.6
        if Double(times) >= most { return .time }
        if Double(numbers) >= most { return .number }
        if Double(times + short) >= most, times > 0 || short > 0, Double(short) >= Double(total) * 0.3 { return .code }
        if Double(wordy) >= Double(total) * 0.5 { return .names }
        return .text
    }

    /// The voting key of a value of a kind; nil when the value carries no usable content.
    public static func key(_ value: String, kind: FeedValueKind) -> String? {
        switch kind {
        case .time:
            guard let m = minutesOfDay(value) else { return nil }
            return String(m / 60) + ":" + String(m % 60)
        case .number:
            guard let d = number(value) else { return nil }
            return "\(d)"
        case .code: return code(value)
        case .names:
            let w = nameWords(value)
            return w.isEmpty ? nil : Set(w).sorted().joined(separator: " ")
        case .text:
            let f = folded(value)
            return f.isEmpty ? nil : f
        }
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
}
