import Foundation
public import ClaimModel

/// A date expression found in the tokens.
struct DateMatch: Sendable {
    var first: Int
    var next: Int
    var node: DateNode
}

/// Dates and periods over tokens: numeric dates (ISO, D/M/Y, M/D/Y, compact), month-name dates,
/// weekdays, relative days and periods, trailing periods, years, decades, quarters and weeks, parts
/// (early/mid/late), ranges ("4-5 December 2025", "from 2014 to 2018") and bounds ("before 2014").
struct DateRules {
    let t: [Token]
    /// Numbers by their first token.
    let nums: NumberIndex

    /// Atoms already parsed, by first token: the grammars ask for the atom at the same token many times over.
    let atoms: AtomMemo

    init(tokens: [Token], numbers: [NumberMatch]) {
        t = tokens
        nums = NumberIndex(numbers, tokenCount: tokens.count)
        atoms = AtomMemo(tokenCount: tokens.count)
    }

    /// Every date expression, left to right, longest at each position.
    func scan() -> [DateMatch] {
        var out: [DateMatch] = []
        var i = 0
        while i < t.count {
            if DateRules.canStart(t[i]), let m = composite(at: i) {
                out.append(m)
                i = m.next
            } else {
                i += 1
            }
        }
        return out
    }

    /// Words that can begin a date expression; other words are skipped without trying the grammar.
    static let starters: WordSet = {
        var s: Set<String> = [
            "the", "this", "next", "last", "past", "previous", "coming", "upcoming", "current", "following", "prior", "from",
            "between", "in", "within", "since", "before", "after", "until", "till", "til", "by", "starting", "beginning",
            "early", "mid", "middle", "late", "earlier", "later", "end", "start", "rest", "year", "calendar", "cy", "fy",
            "q", "h", "w", "week", "recent", "eoy", "ytd", "a", "an", "few", "several", "couple", "more", "less", "for", "at",
            "right", "my", "no", "greater", "over", "during", "weekend", "today", "tonight", "tonite", "now", "otd",
            "eod", "tomorrow", "tmrw", "tmr", "tomorow", "yesterday", "easter", "christmas", "xmas", "halloween",
            "valentine", "new", "saint", "st", "independence", "international", "two", "fiscal", "financial",
        ]
        s.formUnion(DateWords.months.keys)
        s.formUnion(DateWords.weekdays.keys)
        s.formUnion(DateWords.decadeWords.keys)
        s.formUnion(NumeralWords.units.keys)
        s.formUnion(NumeralWords.tens.keys)
        s.formUnion(NumeralWords.ordinals.keys)
        return WordSet(s)
    }()

    /// Whether a token may begin a date expression.
    static func canStart(_ tok: Token) -> Bool {
        switch tok.kind {
        case .digits: return true
        case .symbol: return tok.first == "=" || tok.first == ">" || tok.first == "<" || tok.first == "'"
        case .word: return starters.contains(tok.lower)
        }
    }

    // MARK: token helpers

    func w(_ i: Int) -> String? { i < t.count && t[i].kind == .word ? t[i].lower : nil }
    func isW(_ i: Int, _ s: String) -> Bool { i < t.count && t[i].kind == .word && t[i].lower == s }
    func isS(_ i: Int, _ c: Unicode.Scalar) -> Bool { i < t.count && t[i].isSymbol(c) }
    func glued(_ i: Int) -> Bool { i < t.count && !t[i].spaceBefore }

    /// Skips an optional word.
    func opt(_ i: Int, _ s: String) -> Int { isW(i, s) ? i + 1 : i }
    /// Skips an optional symbol.
    func optS(_ i: Int, _ c: Unicode.Scalar) -> Int { isS(i, c) ? i + 1 : i }

    /// Words before a month name that make an ambiguous one ("May", "March") a month.
    static let monthCues: WordSet = [
        "in", "since", "from", "until", "till", "of", "by", "early", "late", "mid", "this", "next", "last", "before",
        "after", "to", "through", "during", "end", "beginning", "start", "between", "and", "on", "or", "for", "the",
        "starting", "until", "thru", "past", "coming", "middle", "each", "every",
    ]

    /// A month name at `i` (with an optional abbreviation dot).
    func month(_ i: Int) -> (Int, Int)? {
        guard let word = w(i), let m = DateWords.months[word] else { return nil }
        var next = i + 1
        if word.count <= 4, isS(next, "."), glued(next) { next += 1 }
        if DateWords.ambiguousMonths.contains(word) || word.count == 3 {
            if i > 0, t[i - 1].kind == .symbol, !t[i].spaceBefore, MoneyRules.symbols[t[i - 1].first] != nil || t[i - 1].isSymbol("#") || t[i - 1].isSymbol("@") { return nil }
            let numberNear = (next < t.count && (t[next].kind == .digits || (nums[next].map { $0.isWords || $0.isOrdinal } ?? false)))
                || ((isS(next, "-") || isS(next, "/")) && glued(next) && next + 1 < t.count && t[next + 1].kind == .digits && glued(next + 1))
                || (i > 1 && t[i - 1].isSymbol(",") && t[i - 2].kind == .digits && t[i - 2].text.count == 4)
                || (i > 0 && (t[i - 1].kind == .digits || t[i - 1].isSymbol("/") || t[i - 1].isSymbol("-") || isOrdinalAt(i - 1)))
                || (i > 1 && isW(i - 1, "of") && nums[i - 2] != nil)
            let cue = i > 0 && t[i - 1].kind == .word && DateRules.monthCues.contains(t[i - 1].lower)
            let rangeNext = (isS(next, "-") || isW(next, "to")) && month(next + 1) != nil
            if word == "may" {
                if !(numberNear || cue || rangeNext) { return nil }
                if next < t.count, let nw = w(next), ["i", "we", "you", "be", "not", "have", "also", "well", "he", "she", "they", "it"].contains(nw) {
                    return nil
                }
                if !t[i].isCapitalized, !numberNear, !(cue && i > 0 && ["in", "since", "until", "of", "from", "early", "late", "mid"].contains(t[i - 1].lower)) {
                    return nil
                }
            } else if !(numberNear || cue || rangeNext || !DateWords.ambiguousMonths.contains(word) && t[i].isCapitalized) {
                return nil
            }
        }
        return (m, next)
    }

    func isOrdinalAt(_ i: Int) -> Bool {
        if i < t.count, t[i].kind == .word, ["st", "nd", "rd", "th"].contains(t[i].lower), i > 0, t[i - 1].kind == .digits { return true }
        return false
    }

    /// A day of the month at `i`: "4", "04th", "twenty second", "the 21st" (without "the").
    func day(_ i: Int, allowWords: Bool = true) -> (Int, Int)? {
        guard let n = nums[i], n.value >= 1, n.value <= 31, !n.isFraction, !n.hasScale else { return nil }
        if n.isWords, !allowWords { return nil }
        if t[i].kind == .digits, t[i].text.count > 2 { return nil }
        guard let v = Int(exactly: NSDecimalNumberBridge.int(n.value)) else { return nil }
        // Not the minutes of a time: "12:30 december" (but "says:30 December" is fine).
        if i > 1, t[i - 1].isSymbol(":"), !t[i].spaceBefore, t[i - 2].kind == .digits { return nil }
        // Not a time of day: "5 pm", "4:30".
        if isS(n.next, ":"), glued(n.next) { return nil }
        if let nw = w(n.next), ["am", "pm", "a", "p", "oclock", "o"].contains(nw), !n.isOrdinal { return nil }
        return (v, n.next)
    }

    /// A year at `i`: four digits (1000-2999), a spelled-out year ("nineteen eighty six", "two thousand and
    /// eighteen"), or with `short` a two-digit year ("'87", "87").
    func year(_ i: Int, short: Bool = false, words: Bool = true) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if t[i].kind == .digits {
            let s = t[i].text
            if s.count == 4, let v = Int(s), v >= 1000, v <= 2999 {
                if glued(i + 1), i + 1 < t.count, t[i + 1].kind == .digits { return nil }
                if isS(i + 1, ","), glued(i + 1), i + 2 < t.count, t[i + 2].kind == .digits, glued(i + 2) { return nil }
                return (v, i + 1)
            }
            if short, s.count == 2, let v = Int(s) { return (v < 30 ? 2000 + v : 1900 + v, i + 1) }
            return nil
        }
        if short, t[i].isSymbol("'"), i + 1 < t.count, t[i + 1].kind == .digits, t[i + 1].text.count == 2, let v = t[i + 1].intValue {
            return (v < 30 ? 2000 + v : 1900 + v, i + 2)
        }
        guard words, t[i].kind == .word else { return nil }
        return yearWords(i)
    }

    /// "nineteen eighty six", "nineteen hundred ninety three", "nineteen zero one", "two thousand and eighteen".
    func yearWords(_ i: Int) -> (Int, Int)? {
        guard let first = w(i) else { return nil }
        if let n = nums[i], n.isWords, !n.isOrdinal, !n.isFraction, n.value >= 1000, n.value <= 2999 {
            let v = NSDecimalNumberBridge.int(n.value)
            // "two thousand and eighteen" is read whole; "nineteen" alone is not a year.
            return (v, n.next)
        }
        guard let hi = NumeralWords.units[first] ?? NumeralWords.tens[first], hi >= 10, hi <= 29 else { return nil }
        var j = i + 1
        if isW(j, "hundred") {
            j += 1
            j = opt(j, "and")
            if let n = nums[j], n.isWords, !n.isOrdinal, n.value < 100, n.value > 0 {
                return (hi * 100 + NSDecimalNumberBridge.int(n.value), n.next)
            }
            return (hi * 100, j)
        }
        if let z = w(j), z == "zero" || z == "oh" || z == "o", let u = w(j + 1).flatMap({ NumeralWords.units[$0] }), u < 10 {
            return (hi * 100 + u, j + 2)
        }
        if let nw = w(j), NumeralWords.tens[nw] != nil || (NumeralWords.units[nw].map { $0 >= 10 } ?? false) {
            // Two-digit tail read as words ("eighty six", "seventy-two").
            var v = NumeralWords.tens[nw] ?? NumeralWords.units[nw] ?? 0
            var k = j + 1
            if v >= 20 {
                let k2 = isS(k, "-") ? k + 1 : k
                if let uw = w(k2), let u = NumeralWords.units[uw], u > 0, u < 10 { v += u; k = k2 + 1 }
            }
            return (hi * 100 + v, k)
        }
        return nil
    }

    func weekday(_ i: Int) -> (Int, Int)? {
        guard let word = w(i), let d = DateWords.weekdays[word] else { return nil }
        if DateWords.ambiguousWeekdays.contains(word), !t[i].isCapitalized {
            // "sun", "sat", "wed" in lower case only next to a day or time.
            guard i + 1 < t.count, t[i + 1].kind == .digits || isW(i + 1, "the") || isW(i + 1, "at") else { return nil }
        }
        var next = i + 1
        if word.count <= 4, isS(next, "."), glued(next) { next += 1 }
        return (d, next)
    }

    func unit(_ i: Int) -> (DateUnit, Int)? {
        guard let word = w(i), let u = DateWords.units[word] else { return nil }
        return (u, i + 1)
    }

    /// A small count before a unit: digits, number words, "a", "an", "few", "a couple of".
    func count(_ i: Int) -> (Int, Int)? {
        // "three quarters" before a unit is three of them, not 0.75.
        if let n = nums[i], n.isFraction, let v = w(i).flatMap({ NumeralWords.units[$0] ?? NumeralWords.tens[$0] }) { return (v, i + 1) }
        if let n = nums[i], !n.isOrdinal, !n.isFraction, n.value >= 0, n.value < 10_000 {
            return (NSDecimalNumberBridge.int(n.value), n.next)
        }
        if isW(i, "a") || isW(i, "an") {
            if isW(i + 1, "few") { return (3, i + 2) }
            if isW(i + 1, "couple") { return (2, opt(i + 2, "of")) }
            return (1, i + 1)
        }
        if isW(i, "few") || isW(i, "several") { return (3, i + 1) }
        if isW(i, "couple") { return (2, opt(i + 1, "of")) }
        return nil
    }
}

/// Decimal to Int without Foundation bridging surprises.
enum NSDecimalNumberBridge {
    /// The integer part of a decimal (0 when out of range).
    static func int(_ d: Decimal) -> Int {
        // Truncate the magnitude and convert; the conversion is kept only when it is exact. About fifty times faster
        // than going through the decimal's text, which is what any other case (NaN, beyond Int) still does.
        if !d.isNaN {
            var magnitude = d.magnitude, whole = Decimal()
            NSDecimalRound(&whole, &magnitude, 0, .down)
            let v = NSDecimalNumber(decimal: whole).intValue
            if Decimal(v) == whole { return d.sign == .minus ? -v : v }
        }
        return viaText(d)
    }

    /// The integer part read from the decimal's text.
    static func viaText(_ d: Decimal) -> Int {
        let s = "\(d)"
        if let v = Int(s) { return v }
        if let dot = s.firstIndex(of: "."), let v = Int(s[s.startIndex..<dot]) { return v }
        return 0
    }
}

/// The result of `DateRules.atom(at:)` per token, filled on first use (the tokens of one text never change).
final class AtomMemo {
    var known: [Bool]
    var atoms: [DateMatch?]

    init(tokenCount: Int) {
        known = [Bool](repeating: false, count: tokenCount)
        atoms = [DateMatch?](repeating: nil, count: tokenCount)
    }
}
