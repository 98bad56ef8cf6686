import Foundation
public import ClaimModel

/// Ranges and open bounds built from date atoms: "4-5 December 2025", "December 4-5", "from 2014 to 2018",
/// "between 2 and 7 Feb", "2015-2020", "Jan-Feb 2017", "before 2014", "prior to 2014", "since August",
/// "by 2030", "until 2030", "starting January 7th", "1/1/2016 and later".
extension DateRules {
    /// Bound words and the bound they set.
    static let boundWords: WordTable<TemporalExpression.Bound> = [
        "before": .before, "after": .after, "since": .since, "until": .until, "till": .until, "til": .until,
        "by": .by, "starting": .since, "beginning": .since, "from": .since,
    ]

    /// A range, bound or single atom starting at `i`.
    func composite(at i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        if let r = range(at: i) { return extendYearPart(r) }
        // "more than 2 weeks before today" (open), "less than 2 weeks from today" (a span up to it).
        if let q = w(i), q == "more" || q == "less", isW(i + 1, "than"), let s = relativeShift(i + 2) {
            let before = (s.next >= 2 && isW(s.next - 2, "before")) || isW(s.next - 1, "ago")
            if q == "less" { return DateMatch(first: i, next: s.next, node: .range(.relativeDay(0), s.node)) }
            return DateMatch(first: i, next: s.next, node: before ? .bound(.before, s.node) : .bound(.since, s.node))
        }
        // "for 3 days from today", "3 days starting from next Monday", "a week starting tomorrow", "for 1 week, from 20th dec".
        do {
            let k0 = isW(i, "for") ? i + 1 : i
            if let d = durations(k0), d.0.count == 1 {
                var k = optS(d.1, ",")
                var ok = false
                if isW(k, "starting") || isW(k, "beginning") { k = opt(opt(k + 1, "from"), "on"); ok = true } else if isW(k, "from"), k0 > i { k += 1; ok = true }
                if ok, let x = atom(at: k) {
                    let (u, n) = d.0[0]
                    return DateMatch(first: i, next: x.next, node: .durationFrom(x.node, u, n))
                }
            }
        }
        // Bounds.
        if let word = w(i) {
            var k = i + 1
            var bound = DateRules.boundWords[word]
            if word == "prior", isW(i + 1, "to") { bound = .before; k = i + 2 }
            if word == "no", isW(i + 1, "later"), isW(i + 2, "than") { bound = .by; k = i + 3 }
            if word == "later" || word == "greater" || word == "earlier", isW(i + 1, "than") { bound = word == "earlier" ? .before : .after; k = i + 2 }
            if word == "year", isW(i + 1, "greater"), isW(i + 2, "than") { bound = .after; k = i + 3 }
            if word == "from", bound != nil { bound = nil }
            if let b = bound {
                if word == "starting" || word == "beginning" { k = opt(opt(k, "on"), "from") }
                if word != "starting", word != "beginning", word != "by" || true {
                    k = opt(k, "the")
                    if isW(k, "year"), let y = year(k + 1) { return DateMatch(first: i, next: y.1, node: .bound(b, .year(y.0))) }
                }
                if let inner = range(at: k) ?? atom(at: k) {
                    if case .relativeDay = inner.node, b == .by { return nil }
                    if case .vague = inner.node { return nil }
                    return DateMatch(first: i, next: inner.next, node: .bound(b, extendYearPart(inner).node))
                }
            }
        }
        guard let a = atom(at: i) else { return nil }
        let x = extendYearPart(a)
        // "1/1/2016 and later", "2020 onwards".
        if (isW(x.next, "and") || isW(x.next, "or")), isW(x.next + 1, "later") || isW(x.next + 1, "after") {
            return DateMatch(first: i, next: x.next + 2, node: .bound(.since, x.node))
        }
        if isW(x.next, "onwards") || isW(x.next, "onward") { return DateMatch(first: i, next: x.next + 1, node: .bound(.since, x.node)) }
        return x
    }

    /// "2017-q1", "2017 q1", "2016H2", "2016 the third quarter".
    func extendYearPart(_ m: DateMatch) -> DateMatch {
        guard case let .year(y) = m.node else { return m }
        var k = m.next
        if isS(k, "-"), glued(k) { k += 1 }
        if let word = w(k), word == "q" || word == "h", k + 1 < t.count, t[k + 1].kind == .digits, glued(k + 1), let v = t[k + 1].intValue {
            let size = word == "q" ? 3 : 6
            if v >= 1, v <= 12 / size { return DateMatch(first: m.first, next: k + 2, node: .yearPart(year: y, size: size, index: v)) }
        }
        // "2025-W49", "2025W49".
        if glued(m.next), k == m.next || glued(k), let wk = isoWeekNumber(k) {
            return DateMatch(first: m.first, next: wk.next, node: .isoWeek(year: y, week: wk.week))
        }
        if let q = quarterForms(m.next), case let .yearPart(nil, size, index) = q.node {
            return DateMatch(first: m.first, next: q.next, node: .yearPart(year: y, size: size, index: index))
        }
        return m
    }

    /// Range connectors between two ends.
    func connector(_ i: Int) -> Int? {
        guard i < t.count else { return nil }
        if t[i].isSymbol("-") || t[i].isSymbol("~") || t[i].isSymbol("\u{2013}") || t[i].isSymbol("\u{2014}") { return i + 1 }
        switch w(i) {
        case "to", "till", "until", "through", "thru", "til": return i + 1
        default: return nil
        }
    }

    /// A range at `i`.
    func range(at i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        var j = i
        var between = false
        if isW(i, "from") { j = i + 1 }
        if isW(i, "between") { j = i + 1; between = true }
        if isW(i, "in"), t.count > i + 1, t[i + 1].kind == .digits { j = i + 1 }
        j = opt(j, "the")
        // Month first with a day range: "December 4-5", "Feb between 2-7 two thousand and eighteen".
        if let mo = month(j) {
            var k = mo.1
            if isW(k, "between") { k += 1 }
            k = opt(k, "the")
            if let d1 = day(k), let c0 = connector(d1.1) ?? (isW(d1.1, "and") ? d1.1 + 1 : nil), case let c = opt(c0, "the"), let d2 = day(c), d2.0 > d1.0,
               t[k].kind == .digits || nums[k]?.isOrdinal == true || nums[k]?.isWords == true {
                var y: Int?
                var end = d2.1
                if let ty = trailingYear(d2.1, allowShort: false) { y = ty.0; end = ty.1 } else if let ty = year(d2.1) { y = ty.0; end = ty.1 }
                return DateMatch(first: i, next: end, node: .range(.day(year: y, month: mo.0, day: d1.0), .day(year: y, month: mo.0, day: d2.0)))
            }
        }
        // Day first with a shared month: "4-5 December 2025", "from 2 to 7 Feb", "between the ninth and the seventeenth of april",
        // "from 4 to 22 this month".
        if let d1 = day(j), t[j].kind == .digits || nums[j]?.isWords == true || nums[j]?.isOrdinal == true {
            let c0 = between ? (isW(d1.1, "and") ? d1.1 + 1 : nil) : connector(d1.1)
            let c = c0.map { opt($0, "the") }
            if let c, let d2 = day(c), d2.0 > d1.0, let rel = relativePeriodAt(opt(d2.1, "of")), case let .relativePeriod(.month, off) = rel.node {
                return DateMatch(first: i, next: rel.next, node: .range(.dayOfRelativeMonth(day: d1.0, offset: off), .dayOfRelativeMonth(day: d2.0, offset: off)))
            }
            if let c, let d2 = day(c), let mo = month(opt(d2.1, "of")), d2.0 > d1.0 {
                var y: Int?
                var end = mo.1
                if let ty = trailingYear(mo.1, allowShort: false) { y = ty.0; end = ty.1 }
                return DateMatch(first: i, next: end, node: .range(.day(year: y, month: mo.0, day: d1.0), .day(year: y, month: mo.0, day: d2.0)))
            }
            // "from 4 to January 22, 1995", "from 02 to April 07".
            if let c, j > i, !between, let b = atom(at: c), case let .day(by, bm, _) = b.node, nums[j]?.isPlainDigits == true,
               t[j].text.count <= 2 {
                return DateMatch(first: i, next: b.next, node: .range(.day(year: by, month: bm, day: d1.0), b.node))
            }
        }
        guard let a0 = atom(at: j) else { return nil }
        let a = extendYearPart(a0)
        let c: Int?
        if between { c = isW(a.next, "and") ? a.next + 1 : connector(a.next) } else { c = connector(a.next) }
        guard let c else { return nil }
        if isW(c, "date") || (isW(c, "current") && isW(c + 1, "date")) {
            let e = isW(c, "date") ? c + 1 : c + 2
            return DateMatch(first: i, next: e, node: .range(a.node, .relativeDay(0)))
        }
        guard var b = atom(at: c) else { return nil }
        // A plain connector between two bare numbers needs both to be years or dates ("2015-2020", not "4-5").
        var an = extendYearPart(a).node
        b = extendYearPart(b)
        var bn = b.node
        var end = b.next
        // A trailing year shared by both ends: "26 june to 28 june in 2020", "from 5/1-5/7, 2020", "Jan-Feb 2017".
        if let ty = trailingYear(end, allowShort: false) {
            switch bn {
            case let .day(nil, m, d): bn = .day(year: ty.0, month: m, day: d); end = ty.1
            case let .month(nil, m): bn = .month(year: ty.0, month: m); end = ty.1
            default: break
            }
        }
        switch (an, bn) {
        case let (.day(nil, am, ad), .day(by?, bm, _)): an = .day(year: am > bm ? by - 1 : by, month: am, day: ad)
        case let (.month(nil, am), .month(by?, bm)): an = .month(year: am > bm ? by - 1 : by, month: am)
        case let (.month(nil, am), .day(by?, bm, _)): an = .month(year: am > bm ? by - 1 : by, month: am)
        case let (.day(nil, am, ad), .month(by?, bm)): an = .day(year: am > bm ? by - 1 : by, month: am, day: ad)
        case let (.month(nil, am), .month(nil, bm)) where am > bm:
            // "from Nov to March": the start lies in the year before the end.
            return DateMatch(first: i, next: end, node: .range(.month(year: nil, month: am), .offsetMonth(bm)))
        default: break
        }
        if case .year = an, case .day = bn {} else if case .relativeDay = an {} else {}
        return DateMatch(first: i, next: end, node: .range(an, bn))
    }
}

extension DateNode {
    /// The named month after a range start that lies in the previous year.
    static func offsetMonth(_ m: Int) -> DateNode { .month(year: nil, month: m) }
}
