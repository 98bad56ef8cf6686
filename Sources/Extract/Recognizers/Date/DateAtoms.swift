import Foundation
public import ClaimModel

extension DateRules {
    /// The longest single date expression at `i` (no ranges or bounds); remembered per token.
    func atom(at i: Int, yearsOK: Bool = true) -> DateMatch? {
        guard yearsOK, i >= 0, i < atoms.known.count else { return parseAtom(at: i, yearsOK: yearsOK) }
        if atoms.known[i] { return atoms.atoms[i] }
        let m = parseAtom(at: i, yearsOK: yearsOK)
        atoms.known[i] = true
        atoms.atoms[i] = m
        return m
    }

    /// The longest single date expression at `i`, parsed.
    func parseAtom(at i: Int, yearsOK: Bool) -> DateMatch? {
        var best: DateMatch?
        func consider(_ m: DateMatch?) {
            guard let m, m.next > i else { return }
            if m.next > (best?.next ?? -1) { best = m }
        }
        guard i < t.count else { return nil }
        switch t[i].kind {
        case .digits:
            consider(numericDate(i))
            consider(dayFirstDate(i))
            consider(yearForms(i, plain: yearsOK))
            consider(relativeShift(i))
            consider(trailingAfterCount(i))
            consider(periodWords(i))
            if nums[i]?.isOrdinal == true { consider(fiscalForms(i)) }
        case .word:
            consider(monthFirstDate(i))
            consider(weekdayForms(i))
            consider(relativeWords(i))
            consider(periodWords(i))
            consider(dayFirstDate(i))
            consider(relativeShift(i))
            consider(yearForms(i, plain: yearsOK))
            consider(quarterForms(i))
            consider(isoWeekForms(i))
            consider(fiscalForms(i))
        case .symbol:
            consider(yearForms(i, plain: yearsOK))
        }
        return best
    }

    // MARK: numeric dates

    /// "2015-08-12", "21/04/2016", "5/3/18", "13.5.2015", "2016-11", "12-2015", "4/22", "20161016", "2016 10 16",
    /// "05-Aug-2016", "2019/aug/01", "23/Sep/2020", "2020/23/Sep".
    func numericDate(_ i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        let tok = t[i]
        guard tok.kind == .digits else { return nil }
        if i > 0, !tok.spaceBefore, t[i - 1].kind == .word || t[i - 1].isSymbol(".") || t[i - 1].isSymbol(":") { return nil }
        if i > 0, !tok.spaceBefore, t[i - 1].isSymbol("/") { return nil }
        // Compact YYYYMMDD.
        if tok.text.count == 8, let y = Int(tok.text.prefix(4)), let m = Int(tok.text.dropFirst(4).prefix(2)),
           let d = Int(tok.text.suffix(2)), y >= 1900, y <= 2100, CalendarDay(year: y, month: m, day: d) != nil {
            return DateMatch(first: i, next: i + 1, node: .day(year: y, month: m, day: d))
        }
        // Parts separated by one separator kind; spaces allowed around "-" and "/".
        var parts: [(value: Int?, month: Int?, digits: Int, tok: Int)] = [(tok.intValue, nil, tok.text.count, i)]
        var sep: Unicode.Scalar?
        var j = i + 1
        while parts.count < 3, j + 1 < t.count {
            let s = t[j]
            guard s.kind == .symbol, s.first == "/" || s.first == "-" || s.first == "." || s.first == "~" else { break }
            if s.first == "~" { break }
            if let sep, sep != s.first { break }
            let n = t[j + 1]
            let spaced = s.spaceBefore || n.spaceBefore
            if spaced, s.first == "." { break }
            if n.kind == .digits {
                if n.text.count > 4 { break }
                parts.append((n.intValue, nil, n.text.count, j + 1))
            } else if n.kind == .word, let m = DateWords.months[n.lower], s.first != "." {
                parts.append((nil, m, 0, j + 1))
            } else { break }
            sep = s.first
            j += 2
            if s.first == "-", parts.count == 2, parts[0].digits <= 2, parts[1].digits <= 2, parts[1].month == nil, !spaced {
                // "4-5 December": leave day ranges to the range grammar.
                if j < t.count, t[j].kind == .word, DateWords.months[t[j].lower] != nil { return nil }
            }
        }
        // "2016 10 16": year, month, day separated by single spaces.
        if parts.count == 1, tok.text.count == 4, let y = tok.intValue, i + 2 < t.count, t[i + 1].kind == .digits, t[i + 2].kind == .digits,
           t[i + 1].text.count <= 2, t[i + 2].text.count <= 2, let m = t[i + 1].intValue, let d = t[i + 2].intValue,
           CalendarDay(year: y, month: m, day: d) != nil, y >= 1900 {
            return DateMatch(first: i, next: i + 3, node: .day(year: y, month: m, day: d))
        }
        guard parts.count >= 2, let sep else { return nil }
        let end = parts[parts.count - 1].tok + 1
        // Years outside 1000-2999 are codes, not dates ("8418-4" in a URL).
        if parts.contains(where: { $0.digits == 4 && !(1000...2999).contains($0.value ?? 0) }) { return nil }
        if i > 0, !tok.spaceBefore, t[i - 1].kind == .symbol, !["(", "[", "\"", "'", "-"].contains(t[i - 1].text) { return nil }
        if end < t.count, !t[end].spaceBefore, t[end].kind == .word, !["st", "nd", "rd", "th"].contains(t[end].lower) { return nil }
        func yr(_ p: (value: Int?, month: Int?, digits: Int, tok: Int)) -> Int? {
            guard let v = p.value else { return nil }
            if p.digits == 4 { return v }
            if p.digits == 2 { return v < 30 ? 2000 + v : 1900 + v }
            return nil
        }
        if parts.count == 3 {
            let a = parts[0], b = parts[1], c = parts[2]
            var y: Int?, m: Int?, d: Int?
            if a.digits == 4 {
                y = a.value
                if let bm = b.month { m = bm; d = c.value } else if let cm = c.month { m = cm; d = b.value } else { m = b.value; d = c.value }
            } else if let bm = b.month {
                d = a.value; m = bm; y = yr(c)
            } else if c.digits == 4 || c.digits == 2 {
                guard let av = a.value, let bv = b.value else { return nil }
                if av > 12 { d = av; m = bv } else { m = av; d = bv }
                y = yr(c)
            }
            guard let y, let m, let d, CalendarDay(year: y, month: m, day: d) != nil else { return nil }
            if sep == ".", a.digits == 4 || c.digits == 4 || c.digits == 2 {} else if sep == "." { return nil }
            var next = end
            _ = next
            next = end
            return DateMatch(first: i, next: next, node: .day(year: y, month: m, day: d))
        }
        let a = parts[0], b = parts[1]
        if let bm = b.month, a.digits <= 2, let d = a.value {
            // "23-Aug" style without a year.
            if CalendarDay(year: 2000, month: bm, day: d) != nil { return DateMatch(first: i, next: end, node: .day(year: nil, month: bm, day: d)) }
            return nil
        }
        guard let av = a.value, let bv = b.value else { return nil }
        // "24/7" means always.
        if av == 24, bv == 7, sep == "/" { return nil }
        if a.digits == 4, b.digits <= 2, (1...12).contains(bv), sep != "." {
            return DateMatch(first: i, next: end, node: .month(year: av, month: bv))
        }
        if b.digits == 4, a.digits <= 2, (1...12).contains(av), sep != "." {
            return DateMatch(first: i, next: end, node: .month(year: bv, month: av))
        }
        if sep == "/" || sep == ".", a.digits <= 2, b.digits <= 2 {
            if sep == "." {
                // "4.22" only after "on"/"in" or a weekday, else it is a decimal.
                guard i > 0, isW(i - 1, "in") || isW(i - 1, "on") || DateWords.weekdays[t[i - 1].lower] != nil else { return nil }
            }
            var m = av, d = bv
            if av > 12 { m = bv; d = av }
            guard (1...12).contains(m), (1...31).contains(d), CalendarDay(year: 2000, month: m, day: d) != nil else { return nil }
            // "08/12,15": a two-digit year after a comma.
            if isS(end, ","), glued(end), end + 1 < t.count, t[end + 1].kind == .digits, t[end + 1].text.count == 2, glued(end + 1),
               let y = yr((t[end + 1].intValue, nil, 2, end + 1)) {
                return DateMatch(first: i, next: end + 2, node: .day(year: y, month: m, day: d))
            }
            return DateMatch(first: i, next: end, node: .day(year: nil, month: m, day: d))
        }
        return nil
    }

    // MARK: month names

    /// A year that may follow a month or a day: ", 2018", "2018", "of 1995", "in 2020", "of 87", "nineteen eighty six".
    func trailingYear(_ i: Int, allowShort: Bool) -> (Int, Int)? {
        var j = optS(i, ",")
        if isW(j, "of") || isW(j, "in") {
            let k = j + 1
            if let y = year(k, short: allowShort) { return y }
            return nil
        }
        if isS(j, "/") || isS(j, "-") { j += 1 }
        if let y = year(j, short: false) { return y }
        return nil
    }

    /// "December 4", "Dec. 31 , 1994", "May twenty nine", "september the twenty-first nineteen seventy eight",
    /// "December 2025", "Dec/2018", "June of 1999", "Oct2", "Jan-1", "Sep-23-2020", "September-2020-23", and a bare month.
    func monthFirstDate(_ i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        var j = i
        if let wd = weekday(i) {
            j = optS(wd.1, ",")
        }
        guard let (m, afterMonth) = month(j) else { return nil }
        var k = afterMonth
        // "September-2020-23".
        if isS(k, "-") || isS(k, "/"), let y = year(k + 1, words: false), isS(y.1, "-") || isS(y.1, "/"),
           let d = day(y.1 + 1, allowWords: false), CalendarDay(year: y.0, month: m, day: d.0) != nil {
            return DateMatch(first: i, next: d.1, node: .day(year: y.0, month: m, day: d.0))
        }
        // Month then year.
        if let y = trailingYear(k, allowShort: true), !(isS(k, "-") && !glued(k)) {
            return DateMatch(first: i, next: y.1, node: .month(year: y.0, month: m))
        }
        if isS(k, ",") || isS(k, "/") || isS(k, "-") || isS(k, ".") { k += 1 }
        k = opt(k, "the")
        if let d = day(k), CalendarDay(year: 2000, month: m, day: d.0) != nil, !(t[k].kind == .digits && nums[k]?.isPlainDigits == false && !(nums[k]?.isOrdinal ?? false)) {
            if let y = trailingYear(d.1, allowShort: false), CalendarDay(year: y.0, month: m, day: d.0) != nil {
                return DateMatch(first: i, next: y.1, node: .day(year: y.0, month: m, day: d.0))
            }
            return DateMatch(first: i, next: d.1, node: .day(year: nil, month: m, day: d.0))
        }
        if j != i { return nil }
        return DateMatch(first: i, next: afterMonth, node: .month(year: nil, month: m))
    }

    /// "15 January", "04th Jan 2019", "second of Aug", "the tenth of September, two thousand", "4th of july of 1995",
    /// "Wed, 22 of Jan", "2017 april", "2016, nov".
    func dayFirstDate(_ i: Int) -> DateMatch? {
        guard i < t.count else { return nil }
        var j = i
        if let wd = weekday(i) { j = optS(wd.1, ",") }
        j = opt(j, "the")
        // Year then month: "2017 april", "2016 , nov".
        if j == i, let y = year(i, words: false) {
            let k = optS(y.1, ",")
            if let mo = month(k), !isS(y.1, "-"), !isS(y.1, "/") {
                return DateMatch(first: i, next: mo.1, node: .month(year: y.0, month: mo.0))
            }
            return nil
        }
        guard let d = day(j) else { return nil }
        var k = d.1
        if isW(k, "day"), isW(k + 1, "of") { k += 1 }
        // "20th of next month", "the 4th of this month".
        if isW(k, "of"), let rel = relativePeriodAt(k + 1), case let .relativePeriod(.month, off) = rel.node {
            return DateMatch(first: i, next: rel.next, node: .dayOfRelativeMonth(day: d.0, offset: off))
        }
        k = opt(k, "of")
        if isS(k, "-") || isS(k, "/") { k += 1 }
        guard let mo = month(k), CalendarDay(year: 2000, month: mo.0, day: d.0) != nil else { return nil }
        if let y = trailingYear(mo.1, allowShort: true), CalendarDay(year: y.0, month: mo.0, day: d.0) != nil {
            return DateMatch(first: i, next: y.1, node: .day(year: y.0, month: mo.0, day: d.0))
        }
        return DateMatch(first: i, next: mo.1, node: .day(year: nil, month: mo.0, day: d.0))
    }

    // MARK: weekdays

    /// "on Tuesday", "next Monday", "this past Wednesday", "Friday the 15th", "Mon 13th", "friday 5/12",
    /// "Tuesday next week", "next week on Friday".
    func weekdayForms(_ i: Int) -> DateMatch? {
        // "the first Friday of July", "second Sunday", "the third Wednesday of previous month".
        let o = opt(i, "the")
        if let n = nums[o], n.isOrdinal, n.isWords || t[o].kind == .digits, n.value >= 1, n.value <= 5, let wd = weekday(n.next) {
            let nth = NSDecimalNumberBridge.int(n.value)
            if isW(wd.1, "of") {
                if let rel = relativePeriodAt(wd.1 + 1), case .relativePeriod(.month, _) = rel.node {
                    return DateMatch(first: i, next: rel.next, node: .nthWeekday(nth, weekday: wd.0, of: rel.node))
                }
                if let mo = month(wd.1 + 1) {
                    var next = mo.1
                    var y: Int?
                    if let ty = trailingYear(mo.1, allowShort: false) { y = ty.0; next = ty.1 }
                    return DateMatch(first: i, next: next, node: .nthWeekday(nth, weekday: wd.0, of: .month(year: y, month: mo.0)))
                }
            }
            return DateMatch(first: i, next: wd.1, node: .nthWeekday(nth, weekday: wd.0, of: nil))
        }
        // "this 5/12", "next 5/12", "next 6th of April", "this September", "last sept".
        if let qw = w(i), ["this", "next", "last", "previous", "coming"].contains(qw) {
            let off = qw == "this" ? 0 : (qw == "next" || qw == "coming" ? 1 : -1)
            if let nd = numericDate(i + 1) ?? dayFirstDate(i + 1) ?? monthFirstDate(i + 1) {
                switch nd.node {
                case let .day(nil, m, d): return DateMatch(first: i, next: nd.next, node: .monthDayInYear(month: m, day: d, yearOffset: off))
                case let .month(nil, m): return DateMatch(first: i, next: nd.next, node: .monthDayInYear(month: m, day: nil, yearOffset: off))
                default: break
                }
            }
        }
        var q = WeekdayQualifier.bare
        var j = i
        switch w(i) {
        case "this":
            if isW(i + 1, "past") { q = .past; j = i + 2 } else if isW(i + 1, "upcoming") || isW(i + 1, "coming") { q = .coming; j = i + 2 } else { q = .this; j = i + 1 }
        case "next": q = .next; j = i + 1
        case "last", "previous": q = .last; j = i + 1
        case "past": q = .past; j = i + 1
        case "coming", "upcoming": q = .coming; j = i + 1
        default: break
        }
        // "next week on Friday", "this week Monday".
        if j > i, let u = unit(j), u.0 == .week {
            var k = opt(u.1, "on")
            k = optS(k, ",")
            if let wd = weekday(k) {
                let off = q == .next ? 1 : (q == .last ? -1 : 0)
                return DateMatch(first: i, next: wd.1, node: .weekdayOfWeek(wd.0, weekOffset: off))
            }
            return nil
        }
        guard let wd = weekday(j) else { return nil }
        var k = wd.1
        // A full date after the weekday wins: "friday 5/12", "Thursday (May 1, 2025)".
        let paren = isS(k, "(")
        if paren { k += 1 }
        if k < t.count, var nd = numericDate(k) ?? monthFirstDate(k) ?? dayFirstDate(k), case .day = nd.node {
            if paren { if isS(nd.next, ")") { nd.next += 1 } else { return nil } }
            if q != .bare, case let .day(nil, m, d) = nd.node {
                return DateMatch(first: i, next: nd.next, node: .monthDayInYear(month: m, day: d, yearOffset: 0))
            }
            return DateMatch(first: i, next: nd.next, node: nd.node)
        }
        k = wd.1
        // "Tuesday next week", "tuesday of next week".
        let k2 = opt(k, "of")
        if let nw = w(k2), nw == "next" || nw == "last" || nw == "this", isW(k2 + 1, "week") {
            let off = nw == "next" ? 1 : (nw == "last" ? -1 : 0)
            return DateMatch(first: i, next: k2 + 2, node: .weekdayOfWeek(wd.0, weekOffset: off))
        }
        if q == .bare {
            // "Monday two weeks from now", "Thursday, two year from now", "Saturday 3 days from now".
            if let s = relativeShift(optS(k, ",")) {
                return DateMatch(first: i, next: s.next, node: .weekdayInWeekOf(wd.0, s.node))
            }
            let k3 = opt(optS(k, ","), "the")
            if let d = day(k3), t[k3].kind == .digits || nums[k3]?.isOrdinal == true || k3 > k {
                if !(nums[k3]?.isPlainDigits == true && nums[k3].map({ $0.next < t.count && t[$0.next].isSymbol(":") }) == true) {
                    return DateMatch(first: i, next: d.1, node: .dayOfMonth(day: d.0, weekday: wd.0))
                }
            }
        }
        k = wd.1
        return DateMatch(first: i, next: k, node: .weekday(wd.0, q))
    }

    // MARK: relative days

    /// "today", "tomorrow", "yesterday", "the day before yesterday", "the day after tomorrow", "right now".
    func relativeWords(_ i: Int) -> DateMatch? {
        guard let word = w(i) else { return nil }
        switch word {
        case "today", "tonight", "now", "otd", "eod", "tonite":
            return DateMatch(first: i, next: i + 1, node: .relativeDay(0))
        case "tomorrow", "tmrw", "tmr", "tomorow":
            return DateMatch(first: i, next: i + 1, node: .relativeDay(1))
        case "yesterday":
            return DateMatch(first: i, next: i + 1, node: .relativeDay(-1))
        case "right" where isW(i + 1, "now"):
            return DateMatch(first: i, next: i + 2, node: .relativeDay(0))
        case "the" where nums[i + 1] != nil && !isW(i + 1, "day"):
            // "on the 27th", "for the 27", "by the second" at the end of a clause.
            guard i > 0, let pw = w(i - 1), ["on", "for", "by", "until", "till", "from", "since", "before", "after", "of", "to"].contains(pw),
                  let d = day(i + 1), let n = nums[i + 1], !n.hasScale else { return nil }
            if d.1 < t.count, t[d.1].kind != .symbol || t[d.1].isSymbol("-") { return nil }
            if !n.isOrdinal, t[i + 1].kind != .digits, NSDecimalNumberBridge.int(n.value) < 20 { return nil }
            return DateMatch(first: i, next: d.1, node: .dayOfMonth(day: d.0, weekday: nil))
        case "weekend":
            return DateMatch(first: i, next: i + 1, node: .relativePeriod(.weekend, 0))
        case "my" where isW(i + 1, "weekend"), "the" where isW(i + 1, "weekend"):
            return DateMatch(first: i, next: i + 2, node: .relativePeriod(.weekend, 0))
        case "the", "next", "last", "past", "previous", "following", "my":
            if let h = holiday(i) { return h }
            var j = i
            if word == "the" { j += 1 }
            if isW(j, "day"), word == "the" {
                if isW(j + 1, "before"), isW(j + 2, "yesterday") { return DateMatch(first: i, next: j + 3, node: .relativeDay(-2)) }
                if isW(j + 1, "after") {
                    if let n = w(j + 2), ["tomorrow", "tmrw", "tmr"].contains(n) { return DateMatch(first: i, next: j + 3, node: .relativeDay(2)) }
                    if j + 2 >= t.count || t[j + 2].kind == .symbol { return DateMatch(first: i, next: j + 2, node: .relativeDay(1)) }
                    return nil
                }
                if j + 1 >= t.count || (t[j + 1].kind == .symbol && !t[j + 1].isSymbol("-")) {
                    return DateMatch(first: i, next: j + 1, node: .relativeDay(0))
                }
                return nil
            }
            if word == "the", isW(j, "eod") { return DateMatch(first: i, next: j + 1, node: .relativeDay(0)) }
            if word == "my", isW(j + 1, "day") { return DateMatch(first: i, next: j + 2, node: .relativeDay(0)) }
            let rel = w(j)
            if let rel, isW(j + 1, "day") {
                switch rel {
                case "next", "following": return DateMatch(first: i, next: j + 2, node: .relativeDay(1))
                case "last", "past", "previous": return DateMatch(first: i, next: j + 2, node: .relativeDay(-1))
                default: return nil
                }
            }
            return nil
        case "easter", "christmas", "xmas", "halloween", "valentine", "new", "saint", "st", "independence", "international":
            return holiday(i)
        case "end" where isW(i + 1, "of") && isW(i + 2, "the") && isW(i + 3, "day"):
            return DateMatch(first: i, next: i + 4, node: .relativeDay(0))
        case "at":
            if isW(i + 1, "present") { return DateMatch(first: i, next: i + 2, node: .relativeDay(0)) }
            if isW(i + 1, "the"), isW(i + 2, "present"), isW(i + 3, "time") { return DateMatch(first: i, next: i + 4, node: .relativeDay(0)) }
            if isW(i + 1, "this"), isW(i + 2, "time") { return DateMatch(first: i, next: i + 3, node: .relativeDay(0)) }
            if isW(i + 1, "the"), isW(i + 2, "minute") { return DateMatch(first: i, next: i + 3, node: .relativeDay(0)) }
            return nil
        default:
            return nil
        }
    }

    /// A sequence of counted units: "2 years 1 month 21 days", "two weeks"; returns the parts.
    func durations(_ i: Int) -> ([(DateUnit, Int)], Int)? {
        var parts: [(DateUnit, Int)] = []
        var j = i
        while let c = count(j), let u = unit(c.1) {
            parts.append((u.0, c.0))
            j = u.1
            if isS(j, ","), let c2 = count(j + 1), unit(c2.1) != nil { j += 1 }
            if isW(j, "and"), count(j + 1) != nil { j += 1 }
        }
        // "half an hour", "two and half days" are times or fractional days: not handled.
        return parts.isEmpty ? nil : (parts, j)
    }

    func shiftNode(_ parts: [(DateUnit, Int)], sign: Int, base: DateNode?) -> DateNode {
        var node: DateNode = base ?? .relativeDay(0)
        var first = true
        for (u, n) in parts {
            if first, base == nil, u == .day { node = .relativeDay(sign * n) } else { node = .offset(node, u, sign * n) }
            first = false
        }
        return node
    }

    /// "two days ago", "in 2 weeks", "3 days from now", "two weeks from tomorrow", "3 days after January 12th",
    /// "2 weeks before Christmas" (holidays are not known: no match), "a fortnight later".
    func relativeShift(_ i: Int) -> DateMatch? {
        guard let m = relativeShiftCore(i) else { return nil }
        if isW(m.next, "on"), let wd = weekday(m.next + 1) {
            return DateMatch(first: i, next: wd.1, node: .weekdayInWeekOf(wd.0, m.node))
        }
        return m
    }

    func relativeShiftCore(_ i: Int) -> DateMatch? {
        if isW(i, "in"), let d = durations(i + 1), !d.0.contains(where: { $0.0 == .decade || $0.0 == .century }) {
            // "in two weeks" (a day) vs "in the past two weeks" (not here).
            if isW(d.1, "from") || isW(d.1, "since") { return nil }
            return DateMatch(first: i, next: d.1, node: shiftNode(d.0, sign: 1, base: nil))
        }
        if isW(i, "within") {
            var j = i + 1
            j = opt(j, "the")
            if let nw = w(j), ["next", "upcoming", "coming"].contains(nw) { j += 1 }
            if let d = durations(j), d.0.count == 1 {
                var next = d.1
                if isW(next, "from"), isW(next + 1, "today") || isW(next + 1, "now") { next += 2 }
                return DateMatch(first: i, next: next, node: .trailing(d.0[0].0, d.0[0].1, future: true, within: true))
            }
            if let d = durations(j) {
                // "within 5 years 1 month 12 days": trailing by the sum, expressed as an offset end.
                return DateMatch(first: i, next: d.1, node: .range(.relativeDay(0), shiftNode(d.0, sign: 1, base: .relativeDay(0))))
            }
            return nil
        }
        guard let d = durations(i) else { return nil }
        let j = d.1
        switch w(j) {
        case "ago":
            return DateMatch(first: i, next: j + 1, node: shiftNode(d.0, sign: -1, base: nil))
        case "later", "hence" where !isW(j, "hence"):
            return DateMatch(first: i, next: j + 1, node: shiftNode(d.0, sign: 1, base: nil))
        case "hence":
            if d.0.count == 1 { return DateMatch(first: i, next: j + 1, node: .trailing(d.0[0].0, d.0[0].1, future: true, within: false)) }
            return nil
        case "from", "after", "before":
            let sign = w(j) == "before" ? -1 : 1
            if isW(j + 1, "now") { return DateMatch(first: i, next: j + 2, node: shiftNode(d.0, sign: sign, base: nil)) }
            if let base = atom(at: j + 1) {
                return DateMatch(first: i, next: base.next, node: shiftNode(d.0, sign: sign, base: base.node))
            }
            return nil
        case "in" where isW(j + 1, "the") && isW(j + 2, "future"):
            if d.0.count == 1 { return DateMatch(first: i, next: j + 3, node: .trailing(d.0[0].0, d.0[0].1, future: true, within: false)) }
            return nil
        default:
            return nil
        }
    }

    /// "5 past years", "2 upcoming months", "10 previous weeks".
    func trailingAfterCount(_ i: Int) -> DateMatch? {
        guard let c = count(i), let q = w(c.1), let u = unit(c.1 + 1), c.0 == 1 || (w(c.1 + 1)?.hasSuffix("s") ?? false) else { return nil }
        switch q {
        case "next", "upcoming", "coming", "following": return DateMatch(first: i, next: u.1, node: .trailing(u.0, c.0, future: true, within: false))
        case "past", "previous", "last": return DateMatch(first: i, next: u.1, node: .trailing(u.0, c.0, future: false, within: false))
        default: return nil
        }
    }
}

extension DateRules {
    /// Fixed-date holidays (month, day) by their first words; Easter is computed. Written for this project.
    static let holidays: [([String], Int, Int)] = [
        (["christmas", "day"], 12, 25), (["christmas"], 12, 25), (["xmas"], 12, 25), (["halloween"], 10, 31),
        (["new", "year", "'", "s", "day"], 1, 1), (["new", "year", "day"], 1, 1), (["new", "years", "day"], 1, 1),
        (["valentine", "'", "s", "day"], 2, 14), (["saint", "patrick", "'", "s", "day"], 3, 17), (["saint", "patrick"], 3, 17),
        (["st", "patrick", "'", "s", "day"], 3, 17), (["independence", "day"], 7, 4),
        (["international", "workers", "'", "day"], 5, 1), (["international", "workers", "day"], 5, 1),
    ]

    /// "easter 2018", "last easter", "next new year day", "Christmas", "saint patrick 2020".
    func holiday(_ i: Int) -> DateMatch? {
        var j = i
        var off: Int?
        switch w(i) {
        case "last", "previous": off = -1; j += 1
        case "next": off = 1; j += 1
        case "this": off = 0; j += 1
        case "the": j += 1
        default: break
        }
        if isW(j, "easter") {
            if let y = year(j + 1, words: false) { return DateMatch(first: i, next: y.1, node: .easter(year: y.0, yearOffset: nil)) }
            return DateMatch(first: i, next: j + 1, node: .easter(year: nil, yearOffset: off))
        }
        for (words, m, d) in DateRules.holidays {
            var k = j
            var ok = true
            for word in words {
                if word == "'" { if isS(k, "'") || isS(k, "\u{2019}") { k += 1; continue }; ok = false; break }
                if !isW(k, word) { ok = false; break }
                k += 1
            }
            guard ok else { continue }
            if let y = year(k, words: false) { return DateMatch(first: i, next: y.1, node: .day(year: y.0, month: m, day: d)) }
            if let off { return DateMatch(first: i, next: k, node: .monthDayInYear(month: m, day: d, yearOffset: off == 0 ? 0 : off)) }
            return DateMatch(first: i, next: k, node: .day(year: nil, month: m, day: d))
        }
        return nil
    }
}
