import Foundation

/// Fiscal years and quarters: "FY25", "FY 2024-25", "2024-25", "fiscal 2025", "financial year 2024-25",
/// "the fiscal year ended March 31, 2025", "this fiscal", "last financial year", "Q3 FY26", "Q3FY26",
/// "fiscal Q3", "the third quarter of fiscal 2025". A fiscal year is named by the calendar year it ends in;
/// which month it starts in is Normalize's setting (`fiscalYearStartMonth`), unless the text names the end.
extension DateRules {
    /// Relative words before "fiscal"/"financial" and their year offsets.
    static let fiscalRelative: WordTable<Int> = [
        "this": 0, "current": 0, "last": -1, "previous": -1, "prior": -1, "past": -1, "next": 1, "coming": 1, "following": 1,
    ]

    /// The longest fiscal year or quarter at `i`.
    func fiscalForms(_ i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        // "Q3 FY26", "Q3FY26", "Q3 of FY26", "Q3 fiscal 2026", "Q3 of this fiscal".
        if isW(i, "q"), i + 1 < t.count, t[i + 1].kind == .digits, glued(i + 1), let q = t[i + 1].intValue, (1...4).contains(q) {
            let k = isW(i + 2, "of") ? i + 3 : i + 2
            if let y = fiscalYear(at: k, allowBareSplit: false) {
                return DateMatch(first: i, next: y.next, node: .fiscal(quarter: q, endYear: y.endYear, offset: y.offset, endMonth: y.endMonth))
            }
            return nil
        }
        // "fiscal Q3 [2025]", "fiscal third quarter [of 2025]", "fiscal fourth-quarter".
        var j = opt(i, "the")
        if isW(j, "fiscal") {
            var q: Int?
            var k = j + 1
            if isW(k, "q"), k + 1 < t.count, t[k + 1].kind == .digits, glued(k + 1), let v = t[k + 1].intValue, (1...4).contains(v) {
                q = v; k += 2
            } else if let n = nums[k], n.isOrdinal, n.value >= 1, n.value <= 4 {
                var u = n.next
                if isS(u, "-") { u += 1 }
                if isW(u, "quarter") { q = NSDecimalNumberBridge.int(n.value); k = u + 1 }
            }
            if let q {
                let y = yearAfterQuarter(k)
                return DateMatch(first: i, next: y.next, node: .fiscal(quarter: q, endYear: y.year, offset: nil, endMonth: nil))
            }
        }
        // "the third quarter of fiscal 2025", "3rd quarter of FY25", "the fourth quarter of this fiscal".
        if let n = nums[j], n.isOrdinal, n.value >= 1, n.value <= 4 {
            var u = n.next
            if isS(u, "-") { u += 1 }
            guard isW(u, "quarter") else { return nil }
            var k = u + 1
            if isW(k, "of") || isW(k, "in") || isS(k, ",") { k += 1 }
            if let y = fiscalYear(at: k, allowBareSplit: true) {
                let q = NSDecimalNumberBridge.int(n.value)
                return DateMatch(first: i, next: y.next, node: .fiscal(quarter: q, endYear: y.endYear, offset: y.offset, endMonth: y.endMonth))
            }
            return nil
        }
        j = i
        guard let y = fiscalYear(at: j, allowBareSplit: false) else { return nil }
        return DateMatch(first: i, next: y.next, node: .fiscal(quarter: nil, endYear: y.endYear, offset: y.offset, endMonth: y.endMonth))
    }

    /// A calendar or fiscal year written after a fiscal quarter ("fiscal Q3 2025", "fiscal third quarter of FY25").
    func yearAfterQuarter(_ k: Int) -> (year: Int?, next: Int) {
        let j = isW(k, "of") || isS(k, ",") ? k + 1 : k
        if let y = fiscalYear(at: j, allowBareSplit: true), y.endYear != nil { return (y.endYear, y.next) }
        if let y = year(j, words: false) { return (y.0, y.1) }
        return (nil, k)
    }

    /// A fiscal year phrase at `k`: its end year, or its offset from the current one, and the end month when named.
    /// `allowBareSplit` also reads "2024-25" (which `yearForms` reads on its own).
    func fiscalYear(at k: Int, allowBareSplit: Bool) -> (endYear: Int?, offset: Int?, endMonth: Int?, next: Int)? {
        guard k < t.count else { return nil }
        // "FY25", "FY 25", "FY2025", "FY2024-25", "FY 24-25", "FY2024/25".
        if isW(k, "fy"), k + 1 < t.count, t[k + 1].kind == .digits {
            if let s = splitYear(k + 1) { return (s.endYear, nil, nil, s.next) }
            let d = t[k + 1].text
            guard let v = t[k + 1].intValue, d.count == 2 || d.count == 4 else { return nil }
            if k + 2 < t.count, glued(k + 2), t[k + 2].kind != .symbol { return nil }
            return (d.count == 2 ? 2000 + v : v, nil, nil, k + 2)
        }
        if allowBareSplit, let s = splitYear(k) { return (s.endYear, nil, nil, s.next) }
        var j = opt(k, "the")
        // "this fiscal", "last financial year", "the current fiscal year".
        var offset: Int?
        if let r = w(j), let off = DateRules.fiscalRelative[r], isW(j + 1, "fiscal") || isW(j + 1, "financial") {
            offset = off
            j += 1
        }
        guard let head = w(j), head == "fiscal" || head == "financial" else {
            // "the year ended March 31, 2025": a reporting year named by its end.
            if isW(j, "year"), let e = fiscalEnd(j + 1) { return (e.year, nil, e.month, e.next) }
            return nil
        }
        var next = j + 1
        let hasYearWord = isW(next, "year")
        if hasYearWord { next += 1 }
        if let offset {
            guard hasYearWord || head == "fiscal" else { return nil }
            return (nil, offset, nil, next)
        }
        if let s = splitYear(next) { return (s.endYear, nil, nil, s.next) }
        if isW(next, "fy"), let inner = fiscalYear(at: next, allowBareSplit: false) { return inner }
        if let y = year(next, words: false) { return (y.0, nil, nil, y.1) }
        if hasYearWord, let e = fiscalEnd(next) { return (e.year, nil, e.month, e.next) }
        return nil
    }

    /// "2024-25", "2024–2025", "24-25" after "FY": a split year whose second part is the next year.
    func splitYear(_ k: Int) -> (endYear: Int, next: Int)? {
        guard k + 2 < t.count, t[k].kind == .digits, let a = t[k].intValue, t[k + 1].kind == .symbol,
              t[k + 1].first == "-" || t[k + 1].first == "–" || t[k + 1].first == "/", glued(k + 1), glued(k + 2),
              t[k + 2].kind == .digits, let b = t[k + 2].intValue else { return nil }
        let da = t[k].text.count, db = t[k + 2].text.count
        let start: Int
        switch da {
        case 4: start = a
        case 2 where k > 0 && isW(k - 1, "fy"): start = 2000 + a
        default: return nil
        }
        guard start >= 1000, start <= 2999 else { return nil }
        let end = db == 4 ? b : (db == 2 ? start / 100 * 100 + b + (b < start % 100 ? 100 : 0) : -1)
        guard end == start + 1 else { return nil }
        if k + 3 < t.count, glued(k + 3), t[k + 3].kind == .digits || t[k + 3].kind == .word || t[k + 3].isSymbol("-") { return nil }
        return (end, k + 3)
    }

    /// "ended March", "ending 31 March 2025", "that ended June 30, 2024", "to March 2025": the end month (and year).
    func fiscalEnd(_ k: Int) -> (month: Int, year: Int?, next: Int)? {
        var j = k
        if isW(j, "that") || isW(j, "which") { j += 1 }
        guard let v = w(j), v == "ended" || v == "ending" || v == "ends" || v == "to" || v == "through" else { return nil }
        j += 1
        var day: Int?
        if let d = self.day(j, allowWords: false) { day = d.0; j = d.1 }
        guard let mw = w(j), let m = DateWords.months[mw] else { return nil }
        j += 1
        if mw.count <= 4, isS(j, "."), glued(j) { j += 1 }
        if day == nil, let d = self.day(j, allowWords: false) { day = d.0; j = d.1 }
        let afterDay = j
        if isS(j, ",") { j += 1 }
        if let y = year(j, words: false) { return (m, y.0, y.1) }
        _ = day
        return (m, nil, afterDay)
    }
}
