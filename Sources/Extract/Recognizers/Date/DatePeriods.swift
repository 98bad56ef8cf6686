import Foundation
public import ClaimModel

extension DateRules {
    /// Relative and trailing periods: "this week", "next month", "the year after next", "the past four years",
    /// "in the last three years", "recent years", "rest of the month", "year to date", "week 31",
    /// "the first week of Oct", "the week of April 10th", "early next year", "end of March", "mid-1972".
    func periodWords(_ i: Int) -> DateMatch? {
        if i < t.count, t[i].kind == .digits { return nthWeekOf(i, first: i) }
        guard let word = w(i) else { return nil }
        var j = i
        if word == "the" { j += 1 }
        let q = w(j)
        // Parts: early/mid/late/end of/beginning of.
        if let p = partPrefix(i) {
            var k = p.next
            k = opt(k, "in")
            k = opt(k, "the")
            if isS(k, "-") { k += 1 }
            if let base = atom(at: k), isPeriodLike(base.node) {
                if p.edge, case .year = base.node {
                    // "the end of 2000": the last third of the year (September-December); "the beginning of": January-April.
                    return DateMatch(first: i, next: base.next, node: .yearThird(base.node, last: p.part == .late))
                }
                return DateMatch(first: i, next: base.next, node: .part(p.part, base.node, earlier: p.earlier, later: p.later))
            }
            // "end of year", "end of month", "later in the year".
            if let u = unit(k), [.year, .month, .week].contains(u.0) {
                return DateMatch(first: i, next: u.1, node: .part(p.part, .relativePeriod(u.0, 0), earlier: p.earlier, later: p.later))
            }
            return nil
        }
        if word == "eoy" { return DateMatch(first: i, next: i + 1, node: .part(.late, .relativePeriod(.year, 0), earlier: false, later: false)) }
        if word == "recent" || (word == "in" && isW(i + 1, "recent")) {
            let k = word == "in" ? i + 2 : i + 1
            if let u = w(k), ["years", "months", "weeks", "days", "decades", "times"].contains(u) {
                return DateMatch(first: k - 1, next: k + 1, node: .vague)
            }
            return nil
        }
        if word == "year", isW(i + 1, "to"), isW(i + 2, "date") { return DateMatch(first: i, next: i + 3, node: .yearToDate) }
        if word == "ytd" { return DateMatch(first: i, next: i + 1, node: .yearToDate) }
        if word == "rest" {
            var k = opt(i + 1, "of")
            if let d = w(k), ["the", "this", "current", "my"].contains(d) { k += 1 }
            if let u = unit(k), [.week, .month, .year].contains(u.0) { return DateMatch(first: i, next: u.1, node: .rest(u.0)) }
            return nil
        }
        // "week 31", "the week 1", "week 3 of 2027", "week 27 of last year".
        if q == "week", let n = nums[j + 1], n.isPlainDigits, n.value >= 1, n.value <= 53 {
            let wk = NSDecimalNumberBridge.int(n.value)
            if isW(n.next, "of") {
                if let y = year(n.next + 1, words: false) { return DateMatch(first: i, next: y.1, node: .isoWeek(year: y.0, week: wk)) }
                if let rel = relativePeriodAt(n.next + 1), case let .relativePeriod(.year, off) = rel.node {
                    return DateMatch(first: i, next: rel.next, node: .isoWeekRelative(week: wk, yearOffset: off))
                }
            }
            return DateMatch(first: i, next: n.next, node: .isoWeek(year: nil, week: wk))
        }
        // "the week of April 10th", "the week commencing february 4".
        if word == "the", q == "week", let c = w(j + 1), ["of", "commencing", "starting", "beginning"].contains(c) {
            var k = j + 2
            k = opt(k, "on")
            k = opt(k, "the")
            if let base = atom(at: k) ?? dayOnly(k) { return DateMatch(first: i, next: base.next, node: .weekOf(base.node)) }
            return nil
        }
        if let m = nthWeekOf(j, first: i) { return m }
        // Trailing: "(in) the past four years", "last 3 weeks", "next 3 days", "the next couple weeks".
        var k = i
        if word == "in" || word == "over" || word == "during" || word == "for" { k += 1 }
        k = opt(k, "the")
        if let tq = w(k), ["past", "last", "previous", "next", "coming", "upcoming", "following", "prior"].contains(tq),
           let c = count(k + 1), let u = unit(c.1), c.1 > k + 1, u.0 != .subDay {
            let fut = ["next", "coming", "upcoming", "following"].contains(tq)
            let first = (word == "in" || word == "over" || word == "during" || word == "for") ? i + 1 : i
            return DateMatch(first: first, next: u.1, node: .trailing(u.0, c.0, future: fut, within: false))
        }
        if let rel = relativePeriodAt(i) { return rel }
        return nil
    }

    /// "(the) first/3rd/last week of Oct / 2015 / this year / next month".
    func nthWeekOf(_ j: Int, first i: Int) -> DateMatch? {
        guard let ordinalWeek = nthWeekPrefix(j), isW(ordinalWeek.next, "week"), isW(ordinalWeek.next + 1, "of") else { return nil }
        let k = ordinalWeek.next + 2
        if let base = atom(at: k), isPeriodLike(base.node) {
            if case let .year(y) = base.node, ordinalWeek.n > 0 {
                return DateMatch(first: i, next: base.next, node: .isoWeek(year: y, week: ordinalWeek.n))
            }
            return DateMatch(first: i, next: base.next, node: .nthWeek(ordinalWeek.n, of: base.node))
        }
        if let rel = relativePeriodAt(k), case .relativePeriod = rel.node {
            return DateMatch(first: i, next: rel.next, node: .nthWeek(ordinalWeek.n, of: rel.node))
        }
        return nil
    }

    /// "this week", "next month", "last year", "the year after next", "current quarter", "this calendar year".
    func relativePeriodAt(_ i: Int) -> DateMatch? {
        guard let word = w(i) else { return nil }
        var j = i
        if word == "the" {
            j += 1
            // "the week after next", "the weekend after the next".
            if let u = unit(j), isW(u.1, "after") {
                let k = opt(u.1 + 1, "the")
                if isW(k, "next") { return DateMatch(first: i, next: k + 1, node: .relativePeriod(u.0, 2)) }
            }
            // "the month", "the year" at the end of a clause: the current one.
            if let u = unit(j), [.month, .year, .week].contains(u.0), u.1 >= t.count || t[u.1].kind == .symbol {
                return DateMatch(first: i, next: u.1, node: .relativePeriod(u.0, 0))
            }
        }
        guard let q = w(j) else { return nil }
        let off: Int
        switch q {
        case "this", "current": off = 0
        case "next", "coming", "following", "upcoming": off = 1
        case "last", "previous", "past", "prior": off = -1
        default: return nil
        }
        var k = j + 1
        if isW(k, "calendar") { k += 1 }
        guard let u = unit(k), u.0 != .day, u.0 != .fortnight else { return nil }
        if u.0 == .quarter { return DateMatch(first: i, next: u.1, node: .relativeQuarter(off)) }
        return DateMatch(first: i, next: u.1, node: .relativePeriod(u.0, off))
    }

    /// A bare day number (for "the week of the 18th").
    func dayOnly(_ i: Int) -> DateMatch? {
        guard let d = day(i), nums[i]?.isOrdinal == true else { return nil }
        return DateMatch(first: i, next: d.1, node: .dayOfMonth(day: d.0, weekday: nil))
    }

    func nthWeekPrefix(_ i: Int) -> (n: Int, next: Int)? {
        if isW(i, "last") { return (-1, i + 1) }
        if let n = nums[i], n.isOrdinal, n.value >= 1, n.value <= 5 { return (NSDecimalNumberBridge.int(n.value), n.next) }
        return nil
    }

    func partPrefix(_ i: Int) -> (part: TemporalExpression.Part, next: Int, earlier: Bool, later: Bool, edge: Bool)? {
        var j = i
        if isW(j, "the"), let n = w(j + 1), ["end", "beginning", "start", "middle"].contains(n) { j += 1 }
        guard let word = w(j) else { return nil }
        switch word {
        case "early": return (.early, j + 1, false, false, false)
        case "earlier": return (.early, j + 1, true, false, false)
        case "mid", "middle":
            let k = isW(j + 1, "of") ? j + 2 : j + 1
            return (.mid, k, false, false, false)
        case "late": return (.late, j + 1, false, false, false)
        case "later": return (.late, j + 1, false, true, false)
        case "end", "beginning", "start":
            guard isW(j + 1, "of") else { return nil }
            return (word == "end" ? .late : .early, j + 2, false, false, true)
        default: return nil
        }
    }

    func isPeriodLike(_ n: DateNode) -> Bool {
        switch n {
        case .month, .year, .relativePeriod, .decade, .century, .yearPart, .relativeQuarter, .isoWeek, .fiscal: return true
        default: return false
        }
    }

    // MARK: years, decades, centuries

    /// "2024", "the year 2019", "year 247", "calendar year 2008", "cy18", "1990s", "the 70s", "the seventies",
    /// "21st century", "nineteen twenty eight", "=2019", "2024-25".
    func yearForms(_ i: Int, plain: Bool) -> DateMatch? {
        guard i < t.count else { return nil }
        var j = i
        if isW(i, "the") { j += 1 }
        // Decades in words: "the seventies", "the nineteen seventies", "the two thousands", "the twenty-tens", "the noughties".
        if let dw = w(j), let dv = DateWords.decadeWords[dw], j > i || dw != "tens" {
            if dv == 0 { return DateMatch(first: i, next: j + 1, node: .decade(2000, twoDigit: false)) }
            return DateMatch(first: i, next: j + 1, node: .decade(dv, twoDigit: true))
        }
        if let hw = w(j), let hi = NumeralWords.units[hw] ?? NumeralWords.tens[hw], hi >= 10 {
            var k = j + 1
            if isS(k, "-") { k += 1 }
            if let dw = w(k), let dv = DateWords.decadeWords[dw] { return DateMatch(first: i, next: k + 1, node: .decade(hi * 100 + dv, twoDigit: false)) }
        }
        if isW(j, "two"), isW(j + 1, "thousands") { return DateMatch(first: i, next: j + 2, node: .decade(2000, twoDigit: false)) }
        if isW(j, "two"), isW(j + 1, "thousand"), isW(j + 2, "and"), let dw = w(j + 3), let dv = DateWords.decadeWords[dw] {
            return DateMatch(first: i, next: j + 4, node: .decade(2000 + dv, twoDigit: false))
        }
        // Centuries: "21st century", "15th  century".
        if let n = nums[j], n.isOrdinal, n.value >= 1, n.value <= 30, isW(n.next, "century") {
            return DateMatch(first: i, next: n.next + 1, node: .century(NSDecimalNumberBridge.int(n.value)))
        }
        // "the year 2019", "year 247", "calendar year 2008", "Year two hundred and sixty seven".
        var k = j
        if isW(k, "calendar") { k += 1 }
        if isW(k, "year"), let n = nums[k + 1], !n.isOrdinal, !n.isFraction, n.value >= 1, n.value <= 2999, n.isPlainDigits || n.isWords {
            return DateMatch(first: i, next: n.next, node: .year(NSDecimalNumberBridge.int(n.value)))
        }
        if isW(j, "cy"), j + 1 < t.count, t[j + 1].kind == .digits, glued(j + 1), let v = t[j + 1].intValue {
            let y = t[j + 1].text.count == 2 ? 2000 + v : v
            return DateMatch(first: i, next: j + 2, node: .year(y))
        }
        // Comparison operators: "=2019", "> = 2019", "< =2019".
        if t[i].kind == .symbol {
            var s = i
            var op: Unicode.Scalar?
            if t[s].first == ">" || t[s].first == "<" { op = t[s].first; s += 1 }
            guard isS(s, "="), let y = year(s + 1, words: false) else { return nil }
            switch op {
            case ">": return DateMatch(first: i, next: y.1, node: .bound(.since, .year(y.0)))
            case "<": return DateMatch(first: i, next: y.1, node: .bound(.until, .year(y.0)))
            default: return DateMatch(first: i, next: y.1, node: .year(y.0))
            }
        }
        guard j < t.count, t[j].kind == .digits else {
            // Spelled-out years only where a year is expected: "in nineteen twenty eight".
            if let y = yearWords(j), y.1 > j + 1 || (nums[j]?.value ?? 0) >= 1000 {
                if nums[j]?.isWords == true, (nums[j]?.value ?? 0) >= 1000, !(i > 0 && (isW(i - 1, "in") || isW(i - 1, "of") || isW(i - 1, "from") || isW(i - 1, "until") || isW(i - 1, "to"))) {
                    return nil
                }
                return DateMatch(first: i, next: y.1, node: .year(y.0))
            }
            return nil
        }
        // Decades in digits: "1990s", "1990 s", "1970's", "the 70s", "90 s".
        let digits = t[j].text
        if let v = t[j].intValue, digits.count == 4 || digits.count == 2, v % 10 == 0 {
            var k2 = j + 1
            if isS(k2, "'"), glued(k2) { k2 += 1 }
            if isW(k2, "s") {
                return DateMatch(first: i, next: k2 + 1, node: .decade(digits.count == 4 ? v : v, twoDigit: digits.count == 2))
            }
        }
        guard let y = year(j, words: false) else { return nil }
        if j > i { return nil }
        // "2024-25", "2024/25": a fiscal year, named by the year it ends in ("FY" and "fiscal" forms are in FiscalPeriod).
        if let s = splitYear(j) { return DateMatch(first: i, next: s.next, node: .fiscal(quarter: nil, endYear: s.endYear, offset: nil, endMonth: nil)) }
        guard plain, plainYearOK(j, next: y.1) else { return nil }
        return DateMatch(first: i, next: y.1, node: .year(y.0))
    }

    /// Whether a bare four-digit number reads as a year (not "2000 people", "$2024", "A2024", "2,024").
    func plainYearOK(_ i: Int, next: Int) -> Bool {
        // "2016H2", "2017q1".
        if next + 1 < t.count, t[next].kind == .word, ["h", "q"].contains(t[next].lower), !t[next].spaceBefore, t[next + 1].kind == .digits { return true }
        // "2025W49", "2025-W49": an ISO week of the year.
        if glued(next), !(i > 0 && glued(i) && t[i - 1].kind != .symbol),
           isoWeekNumber(isS(next, "-") && glued(next + 1) ? next + 1 : next) != nil { return true }
        guard let n = nums[i], n.isPlainDigits, !n.isGlued, n.next == next else {
            // Part of a larger number ("1,674,200") or glued: not a year.
            if let n = nums[i], n.next == next, !n.isGlued, n.isPlainDigits { return true }
            return false
        }
        if i > 0, !t[i].spaceBefore, t[i - 1].kind == .symbol, MoneyRules.symbols[t[i - 1].first] != nil { return false }
        if i > 0, t[i - 1].kind == .symbol, MoneyRules.symbols[t[i - 1].first] != nil { return false }
        if i > 1, t[i - 1].isSymbol("-"), !t[i].spaceBefore, t[i - 2].kind == .digits, t[i - 2].text.count != 4 { return false }
        if i > 1, t[i - 1].isSymbol("/"), !t[i].spaceBefore, t[i - 2].kind == .digits { return false }
        // "2015 - 32" is no year.
        if next + 1 < t.count, t[next].isSymbol("-"), t[next + 1].kind == .digits, t[next + 1].text.count <= 2 { return false }
        // "2016H2", "2017q1".
        if next + 1 < t.count, t[next].kind == .word, ["h", "q"].contains(t[next].lower), !t[next].spaceBefore, t[next + 1].kind == .digits { return true }
        if next + 1 < t.count, t[next].isSymbol("-"), !t[next].spaceBefore, t[next + 1].kind == .digits, !t[next + 1].spaceBefore,
           t[next + 1].text.count != 4 { return false }
        if next < t.count {
            let nt = t[next]
            if nt.isSymbol("%") { return false }
            if nt.kind == .word, !nt.spaceBefore { return false }
            if nt.kind == .word {
                let w = nt.lower
                if MoneyRules.names[w] != nil || MoneyRules.codes.contains(w) || NumeralWords.scales[w] != nil
                    || w == "percent" || w == "people" || w == "times" || w == "units" {
                    return false
                }
            }
            if nt.isSymbol(":") { return false }
        }
        return true
    }

    // MARK: quarters and halves

    /// "Q3", "Q1 2016", "2017-q1", "2017 q1", "q1 of 2017", "the third quarter of 2016", "the third quarter this year",
    /// "H1 2016", "2016H2", "2019 H2", "first half of 2025".
    func quarterForms(_ i: Int) -> DateMatch? {
        func qh(_ k: Int) -> (size: Int, index: Int, next: Int)? {
            guard let word = w(k), word == "q" || word == "h", k + 1 < t.count, t[k + 1].kind == .digits, glued(k + 1),
                  let v = t[k + 1].intValue else { return nil }
            let size = word == "q" ? 3 : 6
            guard v >= 1, v <= 12 / size else { return nil }
            if k + 2 < t.count, glued(k + 2), t[k + 2].kind != .symbol { return nil }
            return (size, v, k + 2)
        }
        func yearAfter(_ k: Int) -> (Int?, Int) {
            var j = k
            if isW(j, "of") || isS(j, ",") { j += 1 }
            if let y = year(j, words: true) { return (y.0, y.1) }
            if let rel = relativePeriodAt(j), case let .relativePeriod(.year, off) = rel.node { return (nil, rel.next) }
            return (nil, k)
        }
        if let p = qh(i) {
            let (y, next) = yearAfter(p.next)
            if p.size == 6, next == p.next { return nil }
            if next > p.next, y == nil, let rel = relativePeriodAt(p.next + (isW(p.next, "of") ? 1 : 0)),
               case let .relativePeriod(.year, off) = rel.node {
                return DateMatch(first: i, next: rel.next, node: .yearPart(year: ref(off), size: p.size, index: p.index))
            }
            return DateMatch(first: i, next: next, node: .yearPart(year: y, size: p.size, index: p.index))
        }
        // "the third quarter of 2016", "first half of 2025".
        var j = opt(i, "the")
        // "the fourth-quarter results": the hyphenated adjective names the quarter too.
        if let n = nums[j], n.isOrdinal, n.value >= 1, n.value <= 4, case let q = isS(n.next, "-") && glued(n.next) && glued(n.next + 1) ? n.next + 1 : n.next,
           let u = w(q), u == "quarter" || u == "half" {
            let size = u == "quarter" ? 3 : 6
            let idx = NSDecimalNumberBridge.int(n.value)
            guard idx <= 12 / size else { return nil }
            j = q + 1
            let k = (isW(j, "of") || isW(j, "in")) ? j + 1 : j
            if let y = year(k, words: true) { return DateMatch(first: i, next: y.1, node: .yearPart(year: y.0, size: size, index: idx)) }
            if let rel = relativePeriodAt(k), case let .relativePeriod(.year, off) = rel.node {
                return DateMatch(first: i, next: rel.next, node: .yearPart(year: ref(off), size: size, index: idx))
            }
            return DateMatch(first: i, next: j, node: .yearPart(year: nil, size: size, index: idx))
        }
        return nil
    }

    // MARK: ISO weeks

    /// Words before a bare "W49" that make it a week, not a model or part name ("the W12 engine").
    static let isoWeekCues: WordSet = [
        "in", "during", "of", "for", "since", "by", "until", "till", "from", "to", "through", "and", "or", "week", "before",
        "after", "between",
    ]

    /// The week number of an ISO week written "W49" at `k` (upper-case W, one or two digits glued, 1-53), and the
    /// token after it; nil when letters, digits or a code hyphen are glued after ("W3C", "W12A").
    func isoWeekNumber(_ k: Int) -> (week: Int, next: Int)? {
        guard k + 1 < t.count, t[k].kind == .word, t[k].text == "W", t[k + 1].kind == .digits, glued(k + 1),
              t[k + 1].utf8End - t[k + 1].utf8Start <= 2, let v = t[k + 1].intValue, (1...53).contains(v) else { return nil }
        if k + 2 < t.count, glued(k + 2), t[k + 2].kind != .symbol || (isS(k + 2, "-") && k + 3 < t.count && glued(k + 3) && t[k + 3].kind != .symbol) {
            return nil
        }
        return (v, k + 2)
    }

    /// ISO 8601 weeks written with a W: "W49", "W49 2025", "W49 of 2025", "W49, 2025" (a bare "W49" only after a
    /// word such as "in" or "during", or with a year). The forms with the year first ("2025-W49", "2025W49") are
    /// read by `extendYearPart`; "week 49 (of 2025)" by `periodWords`.
    func isoWeekForms(_ i: Int) -> DateMatch? {
        guard let wk = isoWeekNumber(i) else { return nil }
        var k = wk.next
        if isW(k, "of") || (isS(k, ",") && glued(k)) { k += 1 }
        if let y = year(k, words: false), y.1 > k {
            // Not the start of a longer number or date ("W49 2025-26").
            if !(y.1 < t.count && glued(y.1) && (t[y.1].kind != .symbol || isS(y.1, "-") || isS(y.1, "/"))) {
                return DateMatch(first: i, next: y.1, node: .isoWeek(year: y.0, week: wk.week))
            }
        }
        guard i > 0, t[i - 1].kind == .word ? DateRules.isoWeekCues.contains(t[i - 1].lower) : t[i - 1].isSymbol("(") else { return nil }
        return DateMatch(first: i, next: wk.next, node: .isoWeek(year: nil, week: wk.week))
    }

    /// A year relative to the reference is not known while parsing: encoded as a negative marker resolved later.
    func ref(_ off: Int) -> Int? { nil }
}
