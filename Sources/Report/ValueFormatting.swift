internal import ClaimModel
internal import Foundation

/// Values written for a human reader: "$63 billion", "36%", "4–5 Dec 2025", "≥ $65 billion".
enum HumanFormat {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Currency signs for the codes readers know by sign; other codes are written before the amount.
    static let currencySigns: [String: String] = ["USD": "$", "INR": "₹", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"]

    /// The value as a reader would write it; unresolved dates say so with the parts that are known.
    static func value(_ v: ClaimValue) -> String {
        if let unresolved = v.unresolved { return "unresolved: \(unresolved)" }
        if v.isDate { return dates(v.start, v.end) }
        return quantity(v)
    }

    /// A quantity interval: exact, a range, or open on one side.
    static func quantity(_ v: ClaimValue) -> String {
        switch (v.min, v.max) {
        case (nil, nil): return "unknown"
        case let (lo?, nil): return "≥ " + single(lo, v)
        case let (nil, hi?): return "≤ " + single(hi, v)
        case let (lo?, hi?) where lo == hi: return single(lo, v)
        case let (lo?, hi?): return range(lo, hi, v)
        }
    }

    /// One amount with its unit.
    static func single(_ amount: Decimal, _ v: ClaimValue) -> String {
        let scale = scaleWord(for: amount, v.dimension)
        return decorate(number(amount, scale: scale), scale: scale, v)
    }

    /// Two amounts sharing unit and scale word where they can: "$60–65 billion", "30–36%".
    static func range(_ lo: Decimal, _ hi: Decimal, _ v: ClaimValue) -> String {
        let top = Swift.max(abs(lo), abs(hi))
        let scale = scaleWord(for: top, v.dimension)
        if let s = scale, scaleWord(for: lo, v.dimension)?.word != s.word {
            // Mixed magnitudes ("900 million – 1.2 billion") read better written out in full.
            return single(lo, v) + " – " + single(hi, v)
        }
        return decorate(number(lo, scale: scale) + "–" + number(hi, scale: scale), scale: scale, v)
    }

    /// Puts the currency sign, scale word and unit around an already formatted number.
    static func decorate(_ digits: String, scale: (word: String, factor: Decimal)?, _ v: ClaimValue) -> String {
        let scaled = scale.map { "\(digits) \($0.word)" } ?? digits
        switch v.dimension {
        case .money:
            guard let code = v.unit else { return scaled }
            if let sign = currencySigns[code] { return sign + scaled }
            return "\(code) \(scaled)"
        case .percent: return scaled + "%"
        case .multiplier: return scaled + "×"
        case .ordinal: return scaled + ordinalSuffix(digits)
        default:
            guard let unit = v.unit, !unit.isEmpty else { return scaled }
            return "\(scaled) \(unit)"
        }
    }

    /// "billion" and its factor when the amount is large enough to read better that way.
    static func scaleWord(for amount: Decimal, _ dimension: ClaimModel.Dimension) -> (word: String, factor: Decimal)? {
        if dimension == .percent || dimension == .multiplier || dimension == .ordinal { return nil }
        let a = abs(amount)
        let scales: [(String, Decimal)] = [("trillion", Decimal(string: "1000000000000") ?? 0),
                                           ("billion", 1_000_000_000), ("million", 1_000_000)]
        return scales.first { a >= $0.1 && $0.1 > 0 }.map { (word: $0.0, factor: $0.1) }
    }

    /// Digits grouped by thousands with at most two decimals (three when scaled, so "1.125 billion" stays exact-ish).
    static func number(_ amount: Decimal, scale: (word: String, factor: Decimal)?) -> String {
        var value = scale.map { amount / $0.factor } ?? amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale == nil ? 2 : 3, .plain)
        return grouped(rounded.description)
    }

    /// "1234567.5" → "1,234,567.5".
    static func grouped(_ plain: String) -> String {
        var text = Substring(plain)
        var sign = ""
        if text.hasPrefix("-") { sign = "-"; text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts.first ?? "0")
        var out = ""
        for (i, ch) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }

    /// "st", "nd", "rd" or "th" for the last digits of an integer.
    static func ordinalSuffix(_ digits: String) -> String {
        let n = Int(digits.filter(\.isNumber).suffix(2)) ?? 0
        if (11...13).contains(n % 100) { return "th" }
        switch n % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// An inclusive span of days as short as it reads clearly: "4 Dec 2025", "4–5 Dec 2025", "Dec 2025", "2015–2020".
    static func dates(_ start: CalendarDay?, _ end: CalendarDay?) -> String {
        switch (start, end) {
        case (nil, nil): return "unknown date"
        case let (s?, nil): return "from " + day(s)
        case let (nil, e?): return "until " + day(e)
        case let (s?, e?): return span(s, e)
        }
    }

    static func span(_ s: CalendarDay, _ e: CalendarDay) -> String {
        if s == e { return day(s) }
        let wholeMonths = s.day == 1 && e == e.lastOfMonth
        if wholeMonths && s.month == 1 && e.month == 12 {
            return s.year == e.year ? "\(s.year)" : "\(s.year)–\(e.year)"
        }
        if wholeMonths {
            if s.year == e.year && s.month == e.month { return "\(month(s)) \(s.year)" }
            if s.year == e.year { return "\(month(s))–\(month(e)) \(s.year)" }
            return "\(month(s)) \(s.year) – \(month(e)) \(e.year)"
        }
        if s.year == e.year && s.month == e.month { return "\(s.day)–\(e.day) \(month(s)) \(s.year)" }
        if s.year == e.year { return "\(s.day) \(month(s)) – \(e.day) \(month(e)) \(s.year)" }
        return day(s) + " – " + day(e)
    }

    /// "4 Dec 2025".
    static func day(_ d: CalendarDay) -> String { "\(d.day) \(month(d)) \(d.year)" }

    static func month(_ d: CalendarDay) -> String { monthNames[(d.month - 1) % 12] }

    /// When a value holds: "2021–2025", "since 1 Jan 2020", or nil without a period.
    static func period(_ p: Period?) -> String? {
        guard let p else { return nil }
        if let text = p.text, p.start == nil, p.end == nil { return text }
        switch (p.start, p.end) {
        case (nil, nil): return nil
        case let (s?, nil): return "since " + day(s)
        case let (nil, e?): return "until " + day(e)
        case let (s?, e?): return span(s, e)
        }
    }

    /// Confidence and reliability (0…1) as a percentage: "85%".
    static func share(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return "\(Int((Swift.min(Swift.max(x, 0), 1) * 100).rounded()))%"
    }
}
