import Foundation

/// A recognized percentage (in points).
struct PercentMatch: Sendable {
    var first: Int
    var next: Int
    var value: Decimal
    var maxValue: Decimal
}

/// Percentages: "36%", "over 35 %", "twenty percent", "25 per cent", "5 pct", "percents of twenty", and
/// ranges "10-12%". A "%" inside a URL escape ("%2D", "30%25") is not a percentage.
enum PercentRules {
    /// Every percentage in the tokens.
    static func scan(_ t: [Token], numbers: [NumberMatch]) -> [PercentMatch] {
        var out: [PercentMatch] = []
        let byFirst = NumberIndex(numbers, tokenCount: t.count)
        for (idx, n) in numbers.enumerated() where !n.isOrdinal {
            if let end = percentWord(t, at: n.next) {
                // URL escapes: "%20and", "30%25".
                if t[n.next].isSymbol("%") {
                    if end < t.count, !t[end].spaceBefore, t[end].kind != .symbol { continue }
                    if n.first > 0, !t[n.first].spaceBefore, t[n.first - 1].isSymbol("%") || t[n.first - 1].kind == .word
                        || t[n.first - 1].isSymbol("=") { continue }
                }
                var first = n.first
                var low = n.value
                // "10-12%": the lower end shares the sign.
                if idx > 0, numbers[idx - 1].next + 1 == n.first, t[numbers[idx - 1].next].isSymbol("-") || t[numbers[idx - 1].next].isWord("to"),
                   numbers[idx - 1].value < n.value, !numbers[idx - 1].isOrdinal {
                    first = numbers[idx - 1].first
                    low = numbers[idx - 1].value
                    if let last = out.last, last.first == first { out.removeLast() }
                }
                out.append(PercentMatch(first: first, next: end, value: low, maxValue: n.value))
            }
        }
        // "percents of twenty", "per cent of twenty-two".
        var i = 0
        while i < t.count {
            if let w = percentWord(t, at: i), w + 1 < t.count, t[w].isWord("of"), let n = byFirst[w + 1], !n.isOrdinal,
               !out.contains(where: { $0.next == w }) {
                out.append(PercentMatch(first: i, next: n.next, value: n.value, maxValue: n.value))
                i = n.next
            } else {
                i += 1
            }
        }
        return out.sorted { $0.first < $1.first }
    }

    /// The token after a percent sign or word at `i`, or nil.
    static func percentWord(_ t: [Token], at i: Int) -> Int? {
        guard i < t.count else { return nil }
        let tok = t[i]
        if tok.isSymbol("%") || tok.isSymbol("\u{FF05}") { return i + 1 }
        guard tok.kind == .word else { return nil }
        switch tok.lower {
        case "percent", "percents", "pct", "percentage": return i + 1
        case "per" where i + 1 < t.count && (t[i + 1].lower == "cent" || t[i + 1].lower == "cents"): return i + 2
        default: return nil
        }
    }
}
