import Foundation

/// A count of things or a multiplier.
struct CountMatch: Sendable {
    var first: Int
    var next: Int
    var value: Decimal
    var isMultiplier: Bool
    /// The counted noun ("agreements", "telephone conversations", "times").
    var counted: String?
}

/// Counts ("29 agreements", "four telephone conversations", "11 times") and multipliers ("fivefold",
/// "5-fold", "3x", "eight times more"). Word lists written for this project.
enum CountRules {
    /// Words after a number that are never the counted noun (units, durations, function words).
    static let notNouns: WordSet = [
        "of", "and", "or", "to", "in", "on", "at", "for", "from", "by", "with", "the", "a", "an", "is", "are", "was",
        "were", "be", "per", "percent", "pct", "cent", "years", "year", "months", "month", "weeks", "week", "days",
        "day", "hours", "hour", "minutes", "minute", "seconds", "decades", "centuries", "am", "pm", "more", "less",
        "than", "as", "that", "this", "these", "those", "which", "who", "its", "their", "his", "her", "out", "over",
        "under", "up", "down", "has", "have", "had", "will", "would", "said", "says", "is", "it", "they", "we",
        "but", "so", "if", "after", "before", "since", "until", "till", "crore", "lakh", "times",
    ]
    /// Number words that make "fivefold" style multipliers.
    static let foldWords: WordTable<Int> = [
        "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7, "eightfold": 8,
        "ninefold": 9, "tenfold": 10, "hundredfold": 100, "thousandfold": 1000, "twentyfold": 20,
    ]
    /// Words after "N times" that make it a multiplier rather than a count of occasions.
    static let comparatives: WordSet = [
        "more", "higher", "larger", "bigger", "greater", "as", "the", "over", "faster", "less", "lower", "smaller",
        "that", "what",
    ]

    /// Every count and multiplier; `taken` marks tokens already used by money, percent or dates.
    static func scan(_ t: [Token], numbers: [NumberMatch], taken: (Int) -> Bool) -> [CountMatch] {
        var out: [CountMatch] = []
        for (i, tok) in t.enumerated() where tok.kind == .word {
            if let f = foldWords[tok.lower], !taken(i) {
                out.append(CountMatch(first: i, next: i + 1, value: Decimal(f), isMultiplier: true))
            }
        }
        for n in numbers where !n.isOrdinal && !n.isGlued && !taken(n.first) {
            let j = n.next
            guard j < t.count else { continue }
            // "5-fold", "five-fold", "3x".
            if t[j].isSymbol("-"), j + 1 < t.count, t[j + 1].isWord("fold") {
                out.append(CountMatch(first: n.first, next: j + 2, value: n.value, isMultiplier: true)); continue
            }
            if t[j].isWord("fold") {
                out.append(CountMatch(first: n.first, next: j + 1, value: n.value, isMultiplier: true)); continue
            }
            if t[j].isWord("x"), !t[j].spaceBefore, !(j + 1 < t.count && t[j + 1].kind == .digits && !t[j + 1].spaceBefore) {
                out.append(CountMatch(first: n.first, next: j + 1, value: n.value, isMultiplier: true)); continue
            }
            if t[j].isWord("times") {
                let mult = j + 1 < t.count && comparatives.contains(t[j + 1].lower)
                out.append(CountMatch(first: n.first, next: j + 1, value: n.value, isMultiplier: mult,
                                      counted: mult ? nil : "times"))
                continue
            }
            if n.isFraction || n.value < 0 || taken(j) { continue }
            // The counted noun: one or two lower-case words, the last looking plural (or the number is one).
            guard t[j].kind == .word, !t[j].isCapitalized, !notNouns.contains(t[j].lower), t[j].lower.count > 2,
                  !DateWords.isDateWord(t[j].lower), !t[j].spaceBefore == false else { continue }
            if t[j].lower.hasSuffix("s") || n.value == 1 {
                out.append(CountMatch(first: n.first, next: j + 1, value: n.value, isMultiplier: false, counted: t[j].lower))
                continue
            }
            if j + 1 < t.count, t[j + 1].kind == .word, !t[j + 1].isCapitalized, t[j + 1].lower.hasSuffix("s"),
               !notNouns.contains(t[j + 1].lower), t[j + 1].lower.count > 3, !DateWords.isDateWord(t[j + 1].lower),
               !(t[j].lower.hasSuffix("ly") || t[j].lower.hasSuffix("ed")) {
                out.append(CountMatch(first: n.first, next: j + 2, value: n.value, isMultiplier: false,
                                      counted: t[j].lower + " " + t[j + 1].lower))
            }
        }
        return out.sorted { $0.first < $1.first }
    }
}
